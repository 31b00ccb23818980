package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDemo runs the README's main command end to end on the embedded
// sample corpus and checks what it promises: a workbook with every sheet,
// the recommendations in it, and a mapping that finds the intended answers.
func TestDemo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo.xlsx")
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"demo", "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("demo: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), out) {
		t.Errorf("demo does not say where the workbook is:\n%s", stdout.String())
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := strings.Join(f.GetSheetList(), ",")
	for _, s := range []string{"Matrix", "Summary", "Reply", "Actions", "Sources"} {
		if !strings.Contains(sheets, s) {
			t.Errorf("sheet %s missing from %s", s, sheets)
		}
	}
	rows, err := f.GetRows("Matrix")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "GRETA(2099)01#") {
			n++
		}
	}
	if n != 28 {
		t.Errorf("Matrix has %d rows of GRETA(2099)01, want its 28 recommendations", n)
	}
	m := regexp.MustCompile(`recall@1 ([0-9.]+)`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("demo printed no mapping quality:\n%s", stdout.String())
	}
	if r1, _ := strconv.ParseFloat(m[1], 64); r1 < minDemoRecall1 {
		t.Errorf("sample mapping recall@1 %.3f, want ≥ %.2f", r1, minDemoRecall1)
	}
}

// minDemoRecall1 is the floor for the sample's English → Hungarian mapping.
const minDemoRecall1 = 0.2
