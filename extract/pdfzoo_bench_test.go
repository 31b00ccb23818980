package extract

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPDFZoo extracts every PDF of the shared corpus's pdfzoo folder
// (34 publications of the Dutch National Rapporteur, 29 MB, mostly
// InDesign files with Type 1C fonts and custom encodings) per iteration,
// one file after another with default options, and reports MB/s of PDF
// read and pages/s. It skips when the corpus is absent. A file extract
// reports as unreadable (ErrUnreadableText) counts as read; any other error
// fails the benchmark.
//
//	go test ./extract -run '^$' -bench PDFZoo -benchmem -count 5
//
// The garbage collector runs at Go's default here; tools/pdfcompare -bench
// measures the same files one by one in child processes at cmd/recmap's
// GOGC=400, with pdftotext's time and both peaks of memory beside ours.
func BenchmarkPDFZoo(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "pdfzoo", "*.pdf"))
	if len(paths) == 0 {
		b.Skip("corpus absent: no ../../shared/corpus/pdfzoo/*.pdf")
	}
	var size int64
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
	}
	b.SetBytes(size)
	pages := 0
	for b.Loop() {
		pages = 0
		for _, p := range paths {
			doc, err := File(b.Context(), p)
			if errors.Is(err, ErrUnreadableText) {
				continue
			}
			if err != nil {
				b.Fatal(err)
			}
			pages += len(doc.Pages)
		}
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
