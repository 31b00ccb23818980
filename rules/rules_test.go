package rules_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/rules"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/*.txtar")

// TestRules runs every testdata/*.txtar case. A case holds:
//
//	-- input.txt -- (or input.md)  the document, in the text/Markdown reader's format
//	-- profile --                  optional: a family to force
//	-- items --                    the expected items, one line each (see itemLine)
//	-- document --                 optional: expected metadata (see docLines)
//	-- warnings --                 optional: expected warnings, one per line
//
// go test ./rules -update rewrites items, document and warnings.
func TestRules(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var input []byte
			format := extract.Text
			opts := rules.Options{}
			sections := map[string]string{}
			for _, f := range ar.Files {
				switch f.Name {
				case "input.txt":
					input = f.Data
				case "input.md":
					input, format = f.Data, extract.Markdown
				case "profile":
					opts.Family = recmap.Family(strings.TrimSpace(string(f.Data)))
				default:
					sections[f.Name] = string(f.Data)
				}
			}
			if input == nil {
				t.Fatal("no input.txt or input.md section")
			}
			doc, err := extract.Options{}.Read(t.Context(), strings.NewReader(string(input)), int64(len(input)), format, filepath.Base(file))
			if err != nil {
				t.Fatal(err)
			}
			res, err := rules.Parse(t.Context(), doc, opts)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{
				"items":    itemLines(res.Items),
				"document": docLines(res.Doc),
				"warnings": strings.Join(res.Warnings, "\n") + "\n",
			}
			if *update {
				for i, f := range ar.Files {
					if g, ok := got[f.Name]; ok {
						ar.Files[i].Data = []byte(g)
						delete(got, f.Name)
					}
				}
				if _, ok := got["items"]; ok {
					ar.Files = append(ar.Files, txtar.File{Name: "items", Data: []byte(got["items"])})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if _, ok := sections["items"]; !ok {
				t.Fatal("no items section (run with -update)")
			}
			for name, want := range sections {
				g, ok := got[name]
				if !ok {
					continue
				}
				if strings.TrimSpace(g) != strings.TrimSpace(want) {
					t.Errorf("%s differ\n--- got\n%s\n--- want\n%s", name, g, want)
				}
			}
		})
	}
}

// itemLines renders items compactly: kind number strength|position|obligation
// page states topics refs, then the first 60 characters of text. Plain
// paragraph items are listed by number only.
func itemLines(items []recmap.Item) string {
	var b strings.Builder
	for _, it := range items {
		if it.Kind == recmap.KindParagraph {
			fmt.Fprintf(&b, "paragraph %s\n", it.Number)
			continue
		}
		grade := it.Strength
		if it.Position != "" {
			grade += "|" + it.Position
		}
		if it.Obligation != "" {
			grade += "|" + it.Obligation
		}
		if it.Amended != "" {
			grade += "|" + it.Amended
		}
		var refs []string
		for _, r := range it.References {
			refs = append(refs, r.Kind+":"+r.Doc+":"+strings.Join(r.Targets, ","))
		}
		text := it.Text
		if r := []rune(text); len(r) > 60 {
			text = string(r[:60])
		}
		fmt.Fprintf(&b, "%s %s %s [%s] [%s] [%s] %s\n", it.Kind, it.Number, orDash(grade),
			strings.Join(it.States, "; "), strings.Join(it.TopicIDs(), ","), strings.Join(refs, " "), text)
	}
	return b.String()
}

func docLines(d recmap.Document) string {
	return fmt.Sprintf("id %s\nsymbol %s\nfamily %s\nbody %s\ncountry %s\nround %s\nlanguage %s\nadopted %s\npublished %s\ntitle %s\n",
		d.ID, d.Symbol, d.Family, d.Body, d.Country, d.Round, d.Language, d.Adopted, d.Published, d.Title)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			continue
		}
		for _, fl := range ar.Files {
			if strings.HasPrefix(fl.Name, "input.") {
				f.Add(string(fl.Data))
			}
		}
	}
	f.Add("115. The recommendations below:\n115.1 Do (X);\n115.2")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) == 0 || len(s) > 1<<16 {
			return
		}
		doc, err := extract.Options{}.Read(context.Background(), strings.NewReader(s), int64(len(s)), extract.Text, "fuzz.txt")
		if err != nil {
			return
		}
		for _, fam := range append([]recmap.Family{""}, recmap.Families...) {
			res, err := rules.Parse(context.Background(), doc, rules.Options{Family: fam, MaxItems: 500})
			if err != nil {
				if strings.Contains(err.Error(), "internal error") {
					t.Fatalf("family %q: %v", fam, err)
				}
				continue
			}
			seen := map[string]bool{}
			for _, it := range res.Items {
				if seen[it.ID] {
					t.Fatalf("family %q: duplicate ID %s", fam, it.ID)
				}
				seen[it.ID] = true
			}
		}
	})
}
