package matrix_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/xuri/excelize/v2"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/matrix"
)

// Export a matrix, let someone set a status in Excel, and plan the import.
func Example() {
	rec := recmap.Item{ID: "GRETA(2023)08#54", Kind: recmap.KindRecommendation, DocID: "GRETA(2023)08",
		Number: "54", Para: "54", Page: 12, Strength: "urge",
		Text: "GRETA urges the Hungarian authorities to improve the identification of victims."}
	act := recmap.Item{ID: "1228/2022#1", Kind: recmap.KindAction, Text: "Revise the identification protocol."}
	wb := &matrix.Workbook{
		Title: "Follow-up",
		Recs: []matrix.Rec{{Item: rec, Doc: recmap.Document{ID: "GRETA(2023)08", Symbol: "GRETA(2023)08"},
			Status: "not started"}},
	}
	var buf bytes.Buffer
	if err := matrix.Write(&buf, wb); err != nil {
		log.Fatal(err)
	}

	// In Excel: status → implemented, and action 1228/2022#1 linked.
	f, _ := excelize.OpenReader(&buf)
	f.SetCellValue(matrix.SheetMatrix, "P2", "implemented")
	f.SetCellValue(matrix.SheetMatrix, "I2", "1228/2022#1")
	edited, _ := f.WriteToBuffer()

	sheet, err := matrix.Read(bytes.NewReader(edited.Bytes()), int64(edited.Len()), matrix.DefaultLimits)
	if err != nil {
		log.Fatal(err)
	}
	plan := matrix.Plan(sheet, matrix.NewCurrent(wb.Recs, []recmap.Item{act}))
	for _, c := range plan.Changes {
		fmt.Println(c)
	}
	fmt.Println(plan.Summary())
	// Output:
	// Matrix!P2: GRETA(2023)08#54 status "implemented" (was "not started")
	// Matrix!I2: GRETA(2023)08#54 link 1228/2022#1
	// 2 changes, 0 conflicts, 0 rejected (1 row read, 0 unchanged)
}
