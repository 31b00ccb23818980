package matrix_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/matrix"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Documents of the sample workbook.
var (
	docGRETA = recmap.Document{
		ID: "GRETA(2023)08", Symbol: "GRETA(2023)08", Family: recmap.FamilyGRETAReport, Body: "GRETA",
		Title: "Evaluation Report – Hungary – Third evaluation round", Country: "HU", Round: "3", Language: "en",
		Adopted: "2023-06-30", Published: "2024-02-26", FileName: "greta-2023-08-hun.pdf",
		SHA256: strings.Repeat("ab", 32), Format: "pdf", Pages: 71,
		Ingested: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC),
	}
	docUPR = recmap.Document{
		ID: "A/HRC/49/8", Symbol: "A/HRC/49/8", Family: recmap.FamilyUPRReport, Body: "UPR",
		Title: "Report of the Working Group on the Universal Periodic Review – Hungary", Country: "HU", Round: "3",
		Language: "en", Adopted: "2021-12-20", FileName: "a-hrc-49-8.pdf", SHA256: strings.Repeat("cd", 32), Format: "pdf", Pages: 28,
	}
	docPlan = recmap.Document{
		ID: "1228/2022", Symbol: "1228/2022", Family: recmap.FamilyActionPlan, Body: "national",
		Title:   "Korm. határozat az emberkereskedelem elleni nemzeti stratégia 2022–2023. évekre szóló cselekvési tervéről",
		Country: "HU", Language: "hu", Adopted: "2022-05-05", FileName: "1228-2022.docx", SHA256: strings.Repeat("ef", 32), Format: "docx",
	}
	docDir = recmap.Document{
		ID: "32011L0036", Symbol: "32011L0036", Family: recmap.FamilyLegal, Body: "EU",
		Title: "Directive 2011/36/EU (consolidated)", Language: "en", FileName: "32011L0036.html", SHA256: strings.Repeat("01", 32), Format: "html",
	}
)

func action(num, text, resp, deadline string) recmap.Item {
	return recmap.Item{
		ID: "1228/2022#" + num, Kind: recmap.KindAction, DocID: docPlan.ID, Number: num, Text: text,
		Responsible: []string{resp}, Deadline: deadline, Lang: "hu",
	}
}

var (
	act1 = action("1", "Az áldozatazonosítási protokoll felülvizsgálata és képzés a rendőrség számára.", "belügyminiszter", "2023-12-31")
	act2 = action("2", "A munkaügyi ellenőrök képzése a munkacélú kizsákmányolás felismerésére.", "foglalkoztatáspolitikáért felelős miniszter", "ongoing")
	act3 = action("3", "=HYPERLINK(\"http://evil\") kártalanítási alap létrehozása", "igazságügyi miniszter", "2023-06-30")
	prov = recmap.Item{ID: "32011L0036#Art.11(4)", Kind: recmap.KindProvision, DocID: docDir.ID, Number: "Art.11(4)",
		Article: "11", Title: "Assistance and support for victims", Text: "Member States shall take the necessary measures to establish appropriate mechanisms aimed at the early identification of victims."}
)

func topics(ids ...string) []recmap.TopicTag {
	var t []recmap.TopicTag
	for _, id := range ids {
		t = append(t, recmap.TopicTag{Topic: id})
	}
	return t
}

// sampleWorkbook is a small workbook that exercises every column and the
// dangerous inputs: formula-like text, control characters, over-long text.
func sampleWorkbook() *matrix.Workbook {
	rec := func(num, para string, page int, strength, text string, tp ...string) recmap.Item {
		return recmap.Item{ID: "GRETA(2023)08#" + num, Kind: recmap.KindRecommendation, DocID: docGRETA.ID,
			Number: num, Para: para, Page: page, Strength: strength, Text: text, Topics: topics(tp...)}
	}
	long := strings.Repeat("Long recommendation text. ", 1400) // 36,400 characters
	decided := &recmap.Decision{Seq: 7, Time: time.Date(2026, 11, 3, 14, 2, 0, 0, time.UTC), User: "anna",
		Rec: "GRETA(2023)08#54", Op: recmap.OpStatus, Value: "in progress"}
	return &matrix.Workbook{
		Title:     "Hungary – GRETA 3rd round follow-up",
		Generated: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC),
		Filter:    "country HU",
		Sources:   []recmap.Document{docGRETA, docUPR, docPlan, docDir},
		Recs: []matrix.Rec{
			{
				Item: rec("54", "54", 12, "urge", "GRETA urges the Hungarian authorities to improve the identification of victims of trafficking.", "identification", "training"),
				Doc:  docGRETA,
				Actions: []matrix.Link{
					{Item: act1, Symbol: docPlan.Symbol, Confirmed: true},
					{Item: act2, Symbol: docPlan.Symbol},
				},
				Provisions:   []matrix.Link{{Item: prov, Symbol: docDir.Symbol, Confirmed: true}},
				RepeatedFrom: []string{"GRETA(2019)13#112 (round 2)"},
				Status:       "in progress", Evidence: "Protocol revised in 2024.", Comment: "Police to confirm.",
				LastDecision: decided,
			},
			{
				Item:    rec("54.2", "54", 12, "consider", "=SUM(1) GRETA considers that the authorities should strengthen labour inspection.", "labour exploitation"),
				Doc:     docGRETA,
				Actions: []matrix.Link{{Item: act2, Symbol: docPlan.Symbol, Confirmed: true}},
				Status:  "not started", Evidence: "+1", Comment: "-1",
			},
			{
				Item:    rec("88", "88", 30, "invite", "@x GRETA invites the authorities to set up a compensation fund.\x01\x0b", "compensation"),
				Doc:     docGRETA,
				Actions: []matrix.Link{{Item: act3, Symbol: docPlan.Symbol, Confirmed: true}},
				Status:  "implemented", Evidence: "\tFund created by Act XC of 2024.",
			},
			{
				Item: rec("9", "9", 4, "urge", long, "data collection"),
				Doc:  docGRETA,
			},
			{
				Item: recmap.Item{ID: "A/HRC/49/8#122.78", Kind: recmap.KindRecommendation, DocID: docUPR.ID, Number: "122.78",
					Text:   "Continue efforts to combat trafficking in persons, in particular women and children (Philippines);",
					States: []string{"Philippines"}, Position: "supported", Topics: topics("prevention")},
				Doc:     docUPR,
				Actions: []matrix.Link{{Item: act1, Symbol: docPlan.Symbol}},
			},
		},
	}
}

func writeSample(t testing.TB, wb *matrix.Workbook) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := matrix.Write(&buf, wb); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func open(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// renderCSV renders every cell of a sheet as CSV, one line per row; long
// cells are abbreviated to keep golden files readable.
func renderCSV(t testing.TB, f *excelize.File, sheet string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("GetRows %s: %v", sheet, err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for _, row := range rows {
		for i, c := range row {
			if n := len([]rune(c)); n > 300 {
				r := []rune(c)
				row[i] = fmt.Sprintf("%s…<%d chars>…%s", string(r[:60]), n, string(r[n-60:]))
			}
		}
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return buf.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./matrix -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from golden file (run go test ./matrix -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// bigWorkbook generates n recommendations over n/4+1 actions, with every
// column filled: the benchmark's and the round trip's input.
func bigWorkbook(n int) (*matrix.Workbook, []recmap.Item) {
	strengths := []string{"urge", "consider", "invite"}
	tps := []string{"identification", "labour exploitation", "compensation", "training", "child trafficking", "data collection"}
	var acts, known []recmap.Item
	for i := range n/4 + 1 {
		a := action(fmt.Sprint(i+1), fmt.Sprintf("Intézkedés %d: a nemzeti koordinációs mechanizmus képzési programja és az áldozatazonosítás fejlesztése.", i+1),
			[]string{"belügyminiszter", "igazságügyi miniszter", "ORFK"}[i%3], fmt.Sprintf("2027-%02d-30", i%12+1))
		acts = append(acts, a)
		known = append(known, a)
	}
	provs := make([]recmap.Item, 5)
	for i := range provs {
		provs[i] = recmap.Item{ID: fmt.Sprintf("32011L0036#Art.%d", i+10), Kind: recmap.KindProvision, DocID: docDir.ID,
			Number: fmt.Sprintf("Art.%d", i+10), Title: "Assistance", Text: "Member States shall take the necessary measures."}
		known = append(known, provs[i])
	}
	wb := &matrix.Workbook{Title: "Benchmark", Generated: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC),
		Sources: []recmap.Document{docGRETA, docPlan, docDir}}
	for i := range n {
		it := recmap.Item{
			ID: fmt.Sprintf("GRETA(2023)08#%d", i+1), Kind: recmap.KindRecommendation, DocID: docGRETA.ID,
			Number: fmt.Sprint(i + 1), Para: fmt.Sprint(i + 1), Page: i/10 + 1, ParaIndex: i, Strength: strengths[i%3],
			Text:   fmt.Sprintf("GRETA %ss the Hungarian authorities to take further steps to improve the identification of victims of trafficking among asylum seekers and irregular migrants (%d), including by training staff and ensuring that the national referral mechanism is applied in practice.", strengths[i%3], i),
			Topics: topics(tps[i%len(tps)], tps[(i+2)%len(tps)]),
		}
		r := matrix.Rec{Item: it, Doc: docGRETA,
			Status:   recmap.Statuses[i%len(recmap.Statuses)],
			Evidence: fmt.Sprintf("Report of the Ministry, %d.", i),
			Comment:  fmt.Sprintf("Comment %d", i),
		}
		if i%7 != 0 {
			r.Actions = append(r.Actions, matrix.Link{Item: acts[i%len(acts)], Symbol: docPlan.Symbol, Confirmed: true})
		}
		r.Actions = append(r.Actions, matrix.Link{Item: acts[(i+1)%len(acts)], Symbol: docPlan.Symbol})
		if i%3 == 0 {
			r.Provisions = []matrix.Link{{Item: provs[i%5], Symbol: docDir.Symbol, Confirmed: true}}
		}
		if i%5 == 0 {
			r.RepeatedFrom = []string{fmt.Sprintf("GRETA(2019)13#%d (round 2)", i)}
			r.LastDecision = &recmap.Decision{Time: time.Date(2026, 11, 3, 14, 2, 0, 0, time.UTC), User: "anna", Rec: it.ID, Op: recmap.OpStatus, Value: r.Status}
		}
		wb.Recs = append(wb.Recs, r)
	}
	return wb, known
}
