package extract

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/recmap/recmap/extract/extracttest"
)

// TestHostileIsolated reads every hostile case in a child process: each
// ends with a document or an *Error that names the file and has a remedy,
// within the deadline, and the test process goes on.
func TestHostileIsolated(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile inputs take about a minute")
	}
	cases := extracttest.PDFs()
	for name, data := range extracttest.Others() {
		cases[name] = data
	}
	o := Options{Isolate: true, Limits: Limits{Timeout: 3 * time.Second, MaxMemory: 512 << 20}}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(name, ".") {
				name += ".pdf"
			}
			doc, err := o.Read(t.Context(), bytes.NewReader(data), int64(len(data)), Unknown, name)
			if err == nil {
				if doc == nil {
					t.Fatal("no document and no error")
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || !strings.Contains(err.Error(), name) {
				t.Fatalf("error %q is not an *Error naming the file", err)
			}
			if Hint(err) == "" {
				t.Errorf("error %q has no remedy", err)
			}
			t.Logf("%s: %v", name, err)
		})
	}
}
