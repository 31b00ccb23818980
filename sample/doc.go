// Package sample embeds the sample corpus that recmap demo ingests and the
// rules and mapping tests use: a GRETA-style third-round evaluation report on
// Hungary (GRETA(2099)01), a short second-round report (GRETA(2098)01), a
// Committee of the Parties recommendation, an EUR-Lex-style consolidated
// directive excerpt in HTML, and a Hungarian two-year action plan (DOCX and
// PDF).
//
// Every file is invented text for software testing, written by
// go run ./testdata/gen -only sample; README.md in this directory describes
// each file and the intended mapping. Gold holds that mapping: one line per
// recommendation of GRETA(2099)01 with the action plan measures that answer
// it, parsed by [Gold].
//
// The files are read through FS (paths "files/<name>") or listed by Files:
//
//	for _, name := range sample.Files() {
//		data, err := fs.ReadFile(sample.FS, "files/"+name)
//		…
//	}
package sample

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
)

// FS holds the sample documents under "files/".
//
//go:embed files
var FS embed.FS

// gold is gold.jsonl: the intended recommendation → action mapping.
//
//go:embed gold.jsonl
var gold []byte

// Files returns the names of the sample documents (without the "files/"
// prefix), sorted.
func Files() []string {
	entries, err := fs.ReadDir(FS, "files")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// Mapping is one line of gold.jsonl: a recommendation of GRETA(2099)01 and
// the numbers of the action plan measures written to answer it.
type Mapping struct {
	Rec      string   `json:"rec"`               // "54", or "54.2" for the 2nd bullet of paragraph 54
	Actions  []string `json:"actions"`           // measure numbers; empty for a deliberate gap
	Topic    string   `json:"topic"`             // topic from the DOMAIN.md taxonomy
	Strength string   `json:"strength"`          // urge, consider, invite, calls on, recommends
	Repeats  string   `json:"repeats,omitempty"` // "GRETA(2098)01 paragraph N" when repeated from round 2
	Text     string   `json:"text"`              // the recommendation as printed (a bullet without its intro)
}

// Gold returns the intended mapping, in the report's order.
func Gold() ([]Mapping, error) {
	var ms []Mapping
	sc := bufio.NewScanner(bytes.NewReader(gold))
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var m Mapping
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			return nil, fmt.Errorf("sample gold.jsonl: line %d: %w", n, err)
		}
		ms = append(ms, m)
	}
	return ms, sc.Err()
}
