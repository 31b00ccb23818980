package extract

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/recmap/recmap/extract/extracttest"
)

// TestIsolatedSameAsInProcess checks that a read in a child process gives
// what the same read gives in this process: the document, or an error with
// the same text and sentinel.
func TestIsolatedSameAsInProcess(t *testing.T) {
	good := minimalPDF(pdfSpec{pages: []string{text("F1", 12, 72, 700, "54. GRETA urges the authorities to act.") + text("F2", 12, 72, 680, "Bold heading")}})
	inputs := map[string][]byte{
		"good.pdf":      good,
		"truncated.pdf": good[:len(good)/2],
		"encrypted.pdf": minimalPDF(pdfSpec{pages: []string{"BT ET"}, encrypt: "<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 >>", id: "0123456789abcdef"}),
		"notes.txt":     []byte("1. A first paragraph.\n\n2. A second one."),
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			want, wantErr := readTestPDFNamed(t, data, Options{KeepLines: true}, name)
			got, gotErr := readTestPDFNamed(t, data, Options{KeepLines: true, Isolate: true}, name)
			if (wantErr == nil) != (gotErr == nil) {
				t.Fatalf("in process %v, isolated %v", wantErr, gotErr)
			}
			if wantErr != nil {
				if gotErr.Error() != wantErr.Error() || Hint(gotErr) != Hint(wantErr) {
					t.Errorf("isolated error %q (hint %q), in process %q (hint %q)", gotErr, Hint(gotErr), wantErr, Hint(wantErr))
				}
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("isolated document differs:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestIsolatedCancel checks that cancelling the caller's context stops an
// isolated read with context.Canceled, not a limit error.
func TestIsolatedCancel(t *testing.T) {
	data := extracttest.ExtendsLoop() // the PDF library never returns
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(300*time.Millisecond, cancel)
	_, err := Options{Isolate: true}.Read(ctx, bytes.NewReader(data), int64(len(data)), Unknown, "loop.pdf")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// BenchmarkPDF181Isolated is BenchmarkPDF181 read in a child process: the
// difference is the cost of isolation.
//
//	go test ./extract -run '^$' -bench 'PDF181' -benchmem
func BenchmarkPDF181Isolated(b *testing.B) {
	data, err := os.ReadFile(filepath.FromSlash(bench181))
	if err != nil {
		b.Skip("corpus absent:", err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		doc, err := readTestPDF(b, data, Options{Isolate: true})
		if err != nil || len(doc.Pages) != 181 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(181*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func readTestPDFNamed(t testing.TB, data []byte, o Options, name string) (*Document, error) {
	t.Helper()
	return o.Read(t.Context(), bytes.NewReader(data), int64(len(data)), Unknown, name)
}

// BenchmarkIsolatedSmallFile measures the fixed cost of isolation: a
// one-page PDF read in a child process, against the same read in process
// (-bench 'SmallFile').
func BenchmarkIsolatedSmallFile(b *testing.B) {
	data := extracttest.PDFs()["ok"]
	for _, isolate := range []bool{false, true} {
		b.Run(map[bool]string{false: "in-process", true: "isolated"}[isolate], func(b *testing.B) {
			for b.Loop() {
				if _, err := readTestPDF(b, data, Options{Isolate: isolate}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
