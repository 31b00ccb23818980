package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSafeText checks that control characters are shown, not sent.
func TestSafeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text\tand a tab\n", "plain text\tand a tab\n"},
		{"clear \x1b[2J screen", "clear ^[[2J screen"},
		{"clipboard \x1b]52;c;aGk=\x07", "clipboard ^[]52;c;aGk=^G"},
		{"carriage\rreturn", "carriage^Mreturn"},
		{"c1 \u009b31m", `c1 \x9b31m`},
		{"bad \xff byte", `bad \xff byte`},
		{"Hőség és fűtés – “quotes”", "Hőség és fűtés – “quotes”"},
	}
	for _, tt := range tests {
		if got := safeText(tt.in); got != tt.want {
			t.Errorf("safeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTerminalOutputSafe extracts a document whose text and file name hold
// escape sequences: the plain output shows them, --json keeps them exact.
func TestTerminalOutputSafe(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "report\x1b[2J.txt")
	text := "1. GRETA urges \x1b]52;c;cHduZWQ=\x07 the authorities to act.\n"
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"extract", name}, &out, &errb); err != nil {
		t.Fatal(err, errb.String())
	}
	if strings.ContainsRune(out.String()+errb.String(), 0x1b) || !strings.Contains(out.String(), "^[]52;c;") {
		t.Errorf("escape sequences reached the terminal:\n%q", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"extract", "--json", name}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paragraphs []struct{ Text string }
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Paragraphs) == 0 || !strings.Contains(doc.Paragraphs[0].Text, "\x1b]52;c;") {
		t.Errorf("--json changed the text: %+v", doc.Paragraphs)
	}
}
