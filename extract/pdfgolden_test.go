package extract

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden want.txt files of extract/testdata/cases")

// renderGolden renders a Document in the format of
// testdata/cases/README.md: one paragraph per block, "54. text" or
// "115.23 text", bullets as "– text".
func renderGolden(doc *Document) string {
	var b strings.Builder
	for i, p := range doc.Paragraphs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		switch {
		case p.Number != "" && strings.Contains(p.Number, "."):
			b.WriteString(p.Number + " ")
		case p.Number != "":
			b.WriteString(p.Number + ". ")
		case p.Marker != "":
			b.WriteString(p.Marker + " ")
		}
		b.WriteString(p.Text)
	}
	b.WriteString("\n")
	return b.String()
}

// knownPDFGaps are cases the PDF reader does not pass yet, with why.
var knownPDFGaps = map[string]string{}

// firstDiff shows the first differing paragraph of got and want.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n\n"), strings.Split(want, "\n\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "paragraph " + strconv.Itoa(i+1) + ":\n got: " + a + "\nwant: " + b
		}
	}
	return ""
}

// TestPDFCases compares the PDF reader with the golden text of each case
// folder under testdata/cases (written by go run ./testdata/gen).
func TestPDFCases(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "cases", "*", "input.pdf"))
	if len(dirs) == 0 {
		t.Skip("no cases in testdata/cases")
	}
	for _, in := range dirs {
		dir := filepath.Dir(in)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			doc, err := Options{}.File(t.Context(), in)
			if err != nil {
				t.Fatal(err)
			}
			got := renderGolden(doc)
			path := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if reason, ok := knownPDFGaps[filepath.Base(dir)]; ok {
				t.Skip(reason)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("text differs from %s:\n%s", path, firstDiff(got, string(want)))
			}
		})
	}
}
