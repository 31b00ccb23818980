package sample_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/recmap/recmap/sample"
)

func TestFiles(t *testing.T) {
	want := []string{
		"cp-rec-2099-01-hungary.pdf",
		"directive-2099-36-consolidated.html",
		"greta-2098-01-hungary-round2.pdf",
		"greta-2099-01-hungary-round3.pdf",
		"hu-action-plan-2099-2100.docx",
		"hu-action-plan-2099-2100.pdf",
	}
	got := sample.Files()
	for _, name := range want {
		if !slices.Contains(got, name) {
			t.Errorf("Files() = %v, missing %s", got, name)
			continue
		}
		data, err := fs.ReadFile(sample.FS, "files/"+name)
		if err != nil {
			t.Errorf("read %s: %v", name, err)
			continue
		}
		if len(data) < 1000 {
			t.Errorf("%s: %d bytes, want a real document", name, len(data))
		}
		if strings.HasSuffix(name, ".pdf") && !strings.HasPrefix(string(data), "%PDF-") {
			t.Errorf("%s: no %%PDF- header", name)
		}
	}
}

func TestGold(t *testing.T) {
	ms, err := sample.Gold()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 20 {
		t.Fatalf("Gold() has %d recommendations, want at least 20", len(ms))
	}
	strengths := map[string]bool{"urge": true, "consider": true, "invite": true, "calls on": true, "recommends": true}
	seen := map[string]bool{}
	gaps, bullets := 0, 0
	for _, m := range ms {
		if m.Rec == "" || m.Topic == "" || m.Text == "" {
			t.Errorf("incomplete line %+v", m)
		}
		if seen[m.Rec] {
			t.Errorf("rec %s twice", m.Rec)
		}
		seen[m.Rec] = true
		if !strengths[m.Strength] {
			t.Errorf("rec %s: strength %q", m.Rec, m.Strength)
		}
		if m.Actions == nil {
			t.Errorf("rec %s: actions missing, want [] for a gap", m.Rec)
		}
		if len(m.Actions) == 0 {
			gaps++
		}
		if strings.Contains(m.Rec, ".") {
			bullets++
		}
	}
	if gaps == 0 || gaps > len(ms)/3 {
		t.Errorf("%d gaps of %d, want a few", gaps, len(ms))
	}
	if bullets < 6 {
		t.Errorf("%d bullet recommendations, want the three lists split", bullets)
	}
}
