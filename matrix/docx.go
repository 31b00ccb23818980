package matrix

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteReplyDOCX writes the Reply view as a Word document (.docx): for each
// document a heading and a table of its recommendations in the report's
// order with the measures taken, status and evidence, in landscape, ready to
// paste into the government's reply to GRETA / the Committee of the Parties.
// The file is built by hand (a zip of four XML parts); Word and LibreOffice
// open it.
func WriteReplyDOCX(w io.Writer, wb *Workbook) error {
	zw := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRels},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/styles.xml", docxStyles},
		{"word/document.xml", docxDocument(wb)},
	}
	for _, p := range parts {
		f, err := zw.Create(p.name)
		if err != nil {
			return fmt.Errorf("matrix reply docx: %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("matrix reply docx: %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("matrix reply docx: %w", err)
	}
	return nil
}

// Table column widths in twentieths of a point; they fill an A4 landscape
// page with 1.27 cm margins.
var docxWidths = []int{800, 4700, 5400, 1500, 2998}

func docxDocument(wb *Workbook) string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	title := wb.Title
	if title == "" {
		title = "Follow-up to the recommendations"
	}
	docxPara(&b, "Title", title)
	gen := wb.Generated
	if gen.IsZero() {
		gen = time.Unix(0, 0)
	}
	docxPara(&b, "", "Measures taken, as recorded in recmap on "+gen.UTC().Format("2 January 2006")+".")
	for _, g := range replyGroups(wb) {
		docxPara(&b, "Heading1", g.label)
		b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>`)
		b.WriteString(`<w:tblBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			fmt.Fprintf(&b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>`, side)
		}
		b.WriteString(`</w:tblBorders></w:tblPr><w:tblGrid>`)
		for _, wd := range docxWidths {
			fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, wd)
		}
		b.WriteString(`</w:tblGrid>`)
		docxRow(&b, true, []string{"Para.", "Recommendation", "Measures taken", "Status", "Evidence"}, nil)
		for _, i := range g.recs {
			r := &wb.Recs[i]
			para := r.Item.Para
			if para == "" {
				para = r.Item.Number
			}
			m := measuresOf(r)
			docxRow(&b, false, []string{para, r.Item.Text, strings.Join(m.lines, "\n"), r.Status, r.Evidence},
				map[int]string{1: r.Item.ID})
		}
		b.WriteString(`</w:tbl>`)
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>` +
		`<w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720" w:header="360" w:footer="360" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// docxRow writes a table row; notes adds a small grey line under a cell.
func docxRow(b *strings.Builder, header bool, cells []string, notes map[int]string) {
	b.WriteString(`<w:tr>`)
	if header {
		b.WriteString(`<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>`)
	}
	for i, c := range cells {
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, docxWidths[i])
		if header {
			b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="1F4E78"/>`)
		}
		b.WriteString(`</w:tcPr>`)
		for line := range strings.SplitSeq(clean(c), "\n") {
			b.WriteString(`<w:p><w:pPr><w:spacing w:after="40"/></w:pPr>`)
			rpr := ""
			if header {
				rpr = `<w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>`
			}
			docxRun(b, rpr, line)
			b.WriteString(`</w:p>`)
		}
		if n := notes[i]; n != "" {
			b.WriteString(`<w:p>`)
			docxRun(b, `<w:rPr><w:color w:val="7F7F7F"/><w:sz w:val="16"/></w:rPr>`, n)
			b.WriteString(`</w:p>`)
		}
		b.WriteString(`</w:tc>`)
	}
	b.WriteString(`</w:tr>`)
}

func docxPara(b *strings.Builder, style, text string) {
	b.WriteString(`<w:p>`)
	if style != "" {
		fmt.Fprintf(b, `<w:pPr><w:pStyle w:val="%s"/></w:pPr>`, style)
	}
	docxRun(b, "", clean(text))
	b.WriteString(`</w:p>`)
}

func docxRun(b *strings.Builder, rpr, text string) {
	b.WriteString(`<w:r>` + rpr + `<w:t xml:space="preserve">`)
	xml.EscapeText(b, []byte(strings.ReplaceAll(text, "\t", " "))) // cannot fail on a strings.Builder
	b.WriteString(`</w:t></w:r>`)
}

const docxContentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`</Types>`

const docxRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`</Relationships>`

const docxDocRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

const docxStyles = xml.Header + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri" w:eastAsia="Calibri"/>` +
	`<w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
	`<w:rPr><w:b/><w:color w:val="1F4E78"/><w:sz w:val="36"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>` +
	`<w:rPr><w:b/><w:color w:val="1F4E78"/><w:sz w:val="26"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/>` +
	`<w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`
