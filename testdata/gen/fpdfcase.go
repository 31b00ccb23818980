package main

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// fpdfCaseName is the folder of the case fpdfCase writes.
const fpdfCaseName = "fpdf-english"

// fpdfCase writes the fpdf-english case: an English-only PDF built by fpdf
// with core fonts (they cannot encode ő/ű, so no Hungarian here), a running
// header, page-number footer and bold recommendation sentences set with Write.
func (g *gen) fpdfCase() error {
	type piece struct {
		text string
		bold bool
	}
	paras := [][]piece{}
	for i := 1; i <= 14; i++ {
		paras = append(paras, []piece{
			{fmt.Sprintf("%d.  ", 40+i), false},
			{fmt.Sprintf("Paragraph %d of an invented English report built with fpdf. The authorities reported progress on the identification of victims and on co-operation with non-governmental organisations. ", 40+i), false},
		})
		if i%3 == 0 {
			paras[len(paras)-1] = append(paras[len(paras)-1], piece{"GRETA considers that the authorities should allocate sufficient funding to specialised shelters for victims of trafficking.", true})
		} else {
			paras[len(paras)-1] = append(paras[len(paras)-1], piece{"GRETA notes the information provided.", false})
		}
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetTitle("fpdf English case - SAMPLE fixture", false)
	pdf.SetHeaderFunc(func() {
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 6, "GRETA(2099)03 - SAMPLE fixture built with fpdf", "", 1, "R", false, 0, "")
		pdf.Ln(4)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 10, fmt.Sprintf("%d", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 14)
	title := "fpdf English case (SAMPLE - invented text for software testing)"
	pdf.MultiCell(0, 7, title, "", "L", false)
	pdf.Ln(3)
	var want, bold []string
	want = append(want, title)
	for _, ps := range paras {
		var sb strings.Builder
		for _, pc := range ps {
			style := ""
			if pc.bold {
				style = "B"
				bold = append(bold, pc.text)
			}
			pdf.SetFont("Helvetica", style, 11)
			pdf.Write(5.5, pc.text)
			sb.WriteString(pc.text)
		}
		pdf.Ln(8)
		want = append(want, strings.Join(strings.Fields(sb.String()), " "))
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("%s: %w", fpdfCaseName, err)
	}
	dir := path.Join(casesDir, fpdfCaseName)
	if err := g.write(path.Join(dir, "input.pdf"), buf.Bytes()); err != nil {
		return err
	}
	if err := g.write(path.Join(dir, "want.txt"), []byte(strings.Join(want, "\n\n")+"\n")); err != nil {
		return err
	}
	return g.write(path.Join(dir, "want-bold.txt"), []byte(strings.Join(bold, "\n")+"\n"))
}
