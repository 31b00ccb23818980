package extract_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recmap/recmap/extract"
)

// The shared corpus is outside the repository; these tests skip without it.
const corpus = "../../shared/corpus"

func corpusFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(corpus, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skip("corpus absent:", err)
	}
	return p
}

func TestPDFBrokenCorpus(t *testing.T) {
	tests := []struct {
		file string
		want error // nil: extracts
	}{
		{"broken/malformed_xref.pdf", extract.ErrCorrupt},
		{"broken/scanned_no_text_layer.pdf", extract.ErrNoTextLayer},
		{"broken/scanner_ocr_layer_noisy.pdf", nil},
		{"broken/infographic_layout.pdf", nil},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			doc, err := extract.File(t.Context(), corpusFile(t, tt.file))
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if len(doc.Paragraphs) == 0 {
					t.Error("no paragraphs")
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if extract.Hint(err) == "" || !strings.Contains(err.Error(), filepath.Base(tt.file)) {
				t.Errorf("error %q should name the file and have a hint", err)
			}
		})
	}
}

// TestPDFUPRNumbers checks that every recommendation of a UPR working group
// report is a paragraph of its own with its number.
func TestPDFUPRNumbers(t *testing.T) {
	doc, err := extract.File(t.Context(), corpusFile(t, "upr/c4_A_HRC_59_15_WG_report_2025.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range doc.Paragraphs {
		if strings.HasPrefix(p.Number, "140.") {
			seen[p.Number] = true
			if strings.HasPrefix(p.Text, "140.") {
				t.Errorf("paragraph %s repeats its number: %.40q", p.Number, p.Text)
			}
		}
	}
	if len(seen) < 250 {
		t.Errorf("%d recommendations 140.x found, want 254", len(seen))
	}
	if doc.Source.Pages != 26 || doc.Source.Format != extract.PDF {
		t.Errorf("source %+v", doc.Source)
	}
}
