package extract

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// producerCorpus is the shared corpus of PDFs from producers other than
// the UN (Adobe InDesign and PDF Library, a scanner's OCR layer, the
// Hungarian gazette); the tests skip without it.
const producerCorpus = "../../shared/corpus"

func producerPDFs(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"pdfzoo", "hu", "rapporteur"} {
		m, _ := filepath.Glob(filepath.Join(producerCorpus, dir, "*.pdf"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("corpus absent: no PDFs under", producerCorpus)
	}
	return files
}

// TestPDFProducersDecode reads every real PDF of other producers and checks
// that its text is words of a language, not scattered letters: no page is
// reported unreadable, and the text has the function words and the word
// lengths of prose. Before the decoder honoured one-byte codes under a
// two-byte ToUnicode codespace, 21 of these files failed here.
func TestPDFProducersDecode(t *testing.T) {
	for _, path := range producerPDFs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			doc, err := Options{}.File(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Unreadable) > 0 {
				t.Errorf("pages %v reported unreadable: %v", doc.Unreadable, doc.Warnings)
			}
			var q textQuality
			q.add(doc.Text())
			if q.tokens < 200 {
				t.Fatalf("only %d words", q.tokens)
			}
			share := float64(q.function) / float64(q.tokens)
			mean := float64(q.tokenLen) / float64(q.tokens)
			if share < 0.1 || mean < 3.5 {
				t.Errorf("text does not read as prose: function words %.3f, mean word length %.2f; starts %.120q", share, mean, doc.Text())
			}
		})
	}
}

// TestPDFRapporteurRecommendations checks that each of the 66 numbered
// recommendations of the national rapporteur's chapter 10 starts a
// paragraph of its own, in order.
func TestPDFRapporteurRecommendations(t *testing.T) {
	path := filepath.Join(producerCorpus, "rapporteur", "nl_rapporteur_2007_fifth_report_en.pdf")
	if _, err := os.Stat(path); err != nil {
		t.Skip("corpus absent:", err)
	}
	doc, err := Options{}.File(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	start := -1
	for i, p := range doc.Paragraphs {
		if p.Heading > 0 && chapter(p) == "10" && strings.HasSuffix(p.Text, "Recommendations") {
			start = i
		}
	}
	if start < 0 {
		t.Fatal("no heading '10 Recommendations'")
	}
	next := 1
	for _, p := range doc.Paragraphs[start+1:] {
		if p.Heading > 0 && chapter(p) == "11" {
			break
		}
		if p.Number == strconv.Itoa(next) {
			next++
		}
	}
	if next-1 != 66 {
		t.Errorf("recommendations 1..%d found in order, want 1..66", next-1)
	}
}

// chapter is a heading's chapter number, printed with or without a dot.
func chapter(p Paragraph) string {
	if p.Number != "" {
		return p.Number
	}
	n, _, _ := strings.Cut(p.Text, " ")
	return n
}
