package main

import (
	"fmt"
	"strings"
)

// A doc is a document model that renders both to Flat ODT (for LibreOffice)
// and to the plain text the extractor is expected to recover from the PDF.
type doc struct {
	Title     string // document title in the ODF metadata
	Lang      string // "en-GB", "en-US", "hu-HU"
	Font      string // body font family, default Liberation Serif
	Size      float64
	Header    string // running header text, empty for none
	HeaderNum bool   // end the running header with the page number
	Footer    string // running footer text before the page number; "-" for number only
	PageNums  bool   // put the page number in the footer
	TitlePage bool   // first page has no header or footer
	Columns   int    // text columns for the body section (0 or 1: one column)
	Hyphenate bool   // automatic hyphenation of body paragraphs
	Type1C    bool   // re-distil the PDF so CFF fonts are embedded as Type 1C (type1c.go)
	Blocks    []block
}

// A block is one paragraph-level element of a doc.
type block interface{ isBlock() }

// heading is a heading line; Level 0 is the title, 1 and 2 chapter levels.
type heading struct {
	Level int
	Text  string
}

// para is a body paragraph. Num, when set, is printed before it with a tab
// ("54." or "115.23", as printed); Style selects a layout variant. A
// numbered paragraph hangs its number at the margin, or one step further in
// with Style "sub" (lettered points such as "a)").
type para struct {
	Num   string
	Runs  []span
	Style string // "", "bullet", "indent", "centre", "small", "sub"
}

// span is a run of text in a paragraph; Note, when set, is a footnote
// anchored after the span.
type span struct {
	Text string
	Bold bool
	Note string
}

// table is a simple bordered table; the first row is a bold header when Header.
type table struct {
	Widths []float64 // cm
	Header bool
	Rows   [][]string
}

// pageBreak starts a new page.
type pageBreak struct{}

// columns sets its blocks in a two-column section between full-width
// blocks, as a gazette sets each act's body under its full-width heading.
// The columns are balanced at the end of the section. Tables and page
// breaks are not supported inside it.
type columns []block

func (heading) isBlock()   {}
func (para) isBlock()      {}
func (table) isBlock()     {}
func (pageBreak) isBlock() {}
func (columns) isBlock()   {}

// t, b and fn build runs.
func t(s string) span                { return span{Text: s} }
func b(s string) span                { return span{Text: s, Bold: true} }
func fn(s, note string) span         { return span{Text: s, Note: note} }
func p(runs ...span) para            { return para{Runs: runs} }
func np(n string, runs ...span) para { return para{Num: n, Runs: runs} }

func esc(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			sb.WriteString("&amp;")
		case '<':
			sb.WriteString("&lt;")
		case '>':
			sb.WriteString("&gt;")
		case '"':
			sb.WriteString("&quot;")
		case '\t':
			sb.WriteString("<text:tab/>")
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// escSpaces escapes s and keeps runs of spaces, which ODF would collapse.
func escSpaces(s string) string {
	e := esc(s)
	return strings.ReplaceAll(e, "  ", " <text:s/>")
}

const fodtNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
	`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ` +
	`xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" ` +
	`xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
	`xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"`

// FODT renders d as a Flat ODT document.
func (d *doc) FODT() []byte {
	font := d.Font
	if font == "" {
		font = "Liberation Serif"
	}
	size := d.Size
	if size == 0 {
		size = 11
	}
	lang, country := "en", "GB"
	if d.Lang != "" {
		lang, country, _ = strings.Cut(d.Lang, "-")
	}
	hyph := "false"
	if d.Hyphenate {
		hyph = "true"
	}
	var w strings.Builder
	pf := func(format string, a ...any) { fmt.Fprintf(&w, format, a...) }
	pf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	pf(`<office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">`+"\n", fodtNS)
	pf(`<office:meta><dc:title>%s</dc:title><meta:generator>recmap testdata/gen</meta:generator></office:meta>`+"\n", esc(d.Title))
	pf(`<office:font-face-decls><style:font-face style:name="%[1]s" svg:font-family="'%[1]s'" style:font-family-generic="roman" style:font-pitch="variable"/></office:font-face-decls>`+"\n", font)
	pf("<office:styles>\n")
	pf(`<style:default-style style:family="paragraph"><style:paragraph-properties fo:orphans="2" fo:widows="2"/>`+
		`<style:text-properties style:font-name="%s" fo:font-size="%gpt" fo:language="%s" fo:country="%s" fo:hyphenate="false"/></style:default-style>`+"\n",
		font, size, lang, country)
	pf(`<style:style style:name="Standard" style:family="paragraph" style:class="text"/>` + "\n")
	pf(`<style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">`+
		`<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm" fo:text-align="justify" fo:line-height="115%%"/>`+
		`<style:text-properties fo:hyphenate="%s" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/></style:style>`+"\n", hyph)
	pf(`<style:style style:name="Numbered" style:family="paragraph" style:parent-style-name="Body">` +
		`<style:paragraph-properties fo:margin-left="1cm" fo:text-indent="-1cm"><style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops></style:paragraph-properties></style:style>` + "\n")
	pf(`<style:style style:name="Bullet" style:family="paragraph" style:parent-style-name="Body">` +
		`<style:paragraph-properties fo:margin-left="1.6cm" fo:text-indent="-0.6cm" fo:margin-bottom="0.1cm"><style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops></style:paragraph-properties></style:style>` + "\n")
	pf(`<style:style style:name="Indent" style:family="paragraph" style:parent-style-name="Body">` +
		`<style:paragraph-properties fo:margin-left="1cm"/></style:style>` + "\n")
	pf(`<style:style style:name="Centre" style:family="paragraph" style:parent-style-name="Body">` +
		`<style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/></style:style>` + "\n")
	pf(`<style:style style:name="Small" style:family="paragraph" style:parent-style-name="Body">` +
		`<style:text-properties fo:font-size="9pt"/></style:style>` + "\n")
	pf(`<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">` +
		`<style:paragraph-properties fo:text-align="center" fo:margin-top="0.6cm" fo:margin-bottom="0.6cm"/>` +
		`<style:text-properties fo:font-size="17pt" fo:font-weight="bold"/></style:style>` + "\n")
	pf(`<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1">` +
		`<style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/>` +
		`<style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>` + "\n")
	pf(`<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2">` +
		`<style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>` +
		`<style:text-properties fo:font-size="11.5pt" fo:font-weight="bold" fo:font-style="italic"/></style:style>` + "\n")
	pf(`<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard">` +
		`<style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="9pt"/></style:style>` + "\n")
	pf(`<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard">` +
		`<style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt"/></style:style>` + "\n")
	pf(`<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard">` +
		`<style:paragraph-properties fo:margin-left="0.5cm" fo:text-indent="-0.5cm"/><style:text-properties fo:font-size="8.5pt"/></style:style>` + "\n")
	pf(`<style:style style:name="TableText" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="9.5pt"/></style:style>` + "\n")
	pf(`<style:style style:name="TableHead" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="9.5pt" fo:font-weight="bold"/></style:style>` + "\n")
	pf(`<style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>` + "\n")
	pf(`<style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor" style:family="text"><style:text-properties style:text-position="super 58%%"/></style:style>` + "\n")
	pf(`<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document" text:citation-body-style-name="Footnote_20_anchor"/>` + "\n")
	pf("</office:styles>\n<office:automatic-styles>\n")
	pageLayout := func(name string, cols int) {
		pf(`<style:page-layout style:name="%s"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm">`, name)
		pf(`<style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" style:rel-width="25%%" style:color="#000000"/>`)
		pf(`</style:page-layout-properties>`)
		pf(`<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/></style:header-style>`)
		pf(`<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.6cm"/></style:footer-style></style:page-layout>` + "\n")
	}
	pageLayout("pm1", 1)
	pageLayout("pm2", 1)
	if d.has(func(bl block) bool { _, ok := bl.(columns); return ok }) {
		pf(`<style:style style:name="Cols2" style:family="section"><style:section-properties text:dont-balance-text-columns="false"><style:columns fo:column-count="2" fo:column-gap="0.6cm"/></style:section-properties></style:style>` + "\n")
	}
	if d.has(func(bl block) bool { x, ok := bl.(para); return ok && x.Style == "sub" }) {
		pf(`<style:style style:name="Sub" style:family="paragraph" style:parent-style-name="Body">` +
			`<style:paragraph-properties fo:margin-left="1.6cm" fo:text-indent="-0.6cm"><style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops></style:paragraph-properties></style:style>` + "\n")
	}
	if d.Columns > 1 {
		pf(`<style:style style:name="Sect2" style:family="section"><style:section-properties text:dont-balance-text-columns="false"><style:columns fo:column-count="%d" fo:column-gap="0.8cm"/></style:section-properties></style:style>`+"\n", d.Columns)
	}
	pf(`<style:style style:name="FirstBody" style:family="paragraph" style:parent-style-name="Title" style:master-page-name="%s"/>`+"\n", firstMaster(d))
	pf(`<style:style style:name="Break" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:break-before="page"/></style:style>` + "\n")
	pf(`<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="16cm" table:align="left" fo:margin-top="0.2cm" fo:margin-bottom="0.3cm"/></style:style>` + "\n")
	pf(`<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #000000"/></style:style>` + "\n")
	for i, tb := range tables(d) {
		for j, wd := range tb.Widths {
			pf(`<style:style style:name="Tbl%dC%d" style:family="table-column"><style:table-column-properties style:column-width="%gcm"/></style:style>`+"\n", i, j, wd)
		}
	}
	pf("</office:automatic-styles>\n<office:master-styles>\n")
	pf(`<style:master-page style:name="Standard" style:page-layout-name="pm1">`)
	if d.Header != "" {
		pf(`<style:header><text:p text:style-name="Header">%s`, esc(d.Header))
		if d.HeaderNum {
			pf(` <text:page-number text:select-page="current">1</text:page-number>`)
		}
		pf(`</text:p></style:header>`)
	}
	if d.Footer != "" || d.PageNums {
		pf(`<style:footer><text:p text:style-name="Footer">`)
		if d.Footer != "" && d.Footer != "-" {
			pf("%s", escSpaces(d.Footer))
		}
		if d.PageNums {
			pf(`<text:page-number text:select-page="current">1</text:page-number>`)
		}
		pf(`</text:p></style:footer>`)
	}
	pf("</style:master-page>\n")
	pf(`<style:master-page style:name="First_20_Page" style:display-name="First Page" style:page-layout-name="pm2" style:next-style-name="Standard"/>` + "\n")
	pf("</office:master-styles>\n<office:body><office:text>\n")

	first := true
	inSection := false
	tableNo := 0
	noteNo := 0
	sectNo := 0
	var emit func(bl block)
	emit = func(bl block) {
		style := ""
		switch x := bl.(type) {
		case heading:
			style = []string{"Title", "Heading_20_1", "Heading_20_2"}[x.Level]
			if first && d.TitlePage {
				style = "FirstBody"
			}
			first = false
			if x.Level == 0 {
				pf(`<text:p text:style-name="%s">%s</text:p>`+"\n", style, esc(x.Text))
			} else {
				pf(`<text:h text:style-name="%s" text:outline-level="%d">%s</text:h>`+"\n", style, x.Level, esc(x.Text))
			}
			if d.Columns > 1 && !inSection && x.Level == 0 {
				pf(`<text:section text:style-name="Sect2" text:name="Columns">` + "\n")
				inSection = true
			}
		case para:
			style = map[string]string{"": "Body", "bullet": "Bullet", "indent": "Indent", "centre": "Centre", "small": "Small", "title": "Title", "sub": "Sub"}[x.Style]
			if x.Num != "" && x.Style == "" {
				style = "Numbered"
			}
			if first && d.TitlePage {
				style = "FirstBody"
			}
			first = false
			pf(`<text:p text:style-name="%s">`, style)
			if x.Num != "" {
				pf("%s<text:tab/>", esc(x.Num))
			}
			for _, r := range x.Runs {
				txt := escSpaces(r.Text)
				if r.Bold {
					txt = `<text:span text:style-name="Strong">` + txt + `</text:span>`
				}
				pf("%s", txt)
				if r.Note != "" {
					noteNo++
					pf(`<text:note text:id="ftn%d" text:note-class="footnote"><text:note-citation>%d</text:note-citation><text:note-body><text:p text:style-name="Footnote">%s</text:p></text:note-body></text:note>`,
						noteNo, noteNo, esc(r.Note))
				}
			}
			pf("</text:p>\n")
		case table:
			pf(`<table:table table:name="Table%d" table:style-name="Tbl">`, tableNo+1)
			for j := range x.Widths {
				pf(`<table:table-column table:style-name="Tbl%dC%d"/>`, tableNo, j)
			}
			for i, row := range x.Rows {
				pf("<table:table-row>")
				for _, c := range row {
					st := "TableText"
					if i == 0 && x.Header {
						st = "TableHead"
					}
					pf(`<table:table-cell table:style-name="Cell" office:value-type="string">`)
					for _, line := range strings.Split(c, "\n") {
						pf(`<text:p text:style-name="%s">%s</text:p>`, st, esc(line))
					}
					pf("</table:table-cell>")
				}
				pf("</table:table-row>\n")
			}
			pf("</table:table>\n")
			tableNo++
		case pageBreak:
			pf(`<text:p text:style-name="Break"/>` + "\n")
		case columns:
			sectNo++
			pf(`<text:section text:style-name="Cols2" text:name="Columns%d">`+"\n", sectNo)
			for _, inner := range x {
				emit(inner)
			}
			pf("</text:section>\n")
		}
	}
	for _, bl := range d.Blocks {
		emit(bl)
	}
	if inSection {
		pf("</text:section>\n")
	}
	pf("</office:text></office:body></office:document>\n")
	return []byte(w.String())
}

func firstMaster(d *doc) string {
	if d.TitlePage {
		return "First_20_Page"
	}
	return "Standard"
}

func tables(d *doc) []table {
	var ts []table
	for _, bl := range d.Blocks {
		if x, ok := bl.(table); ok {
			ts = append(ts, x)
		}
	}
	return ts
}

// has reports whether any block of d, or of its column sections, satisfies ok.
func (d *doc) has(ok func(block) bool) bool {
	var walk func([]block) bool
	walk = func(bs []block) bool {
		for _, bl := range bs {
			if ok(bl) {
				return true
			}
			if c, isCols := bl.(columns); isCols && walk(c) {
				return true
			}
		}
		return false
	}
	return walk(d.Blocks)
}

// Text renders the body text the extractor should recover: one paragraph per
// block, separated by a blank line; a numbered paragraph as "54. text"; a
// table row as one paragraph, its cells joined by " | ". Footnote texts are returned apart,
// one "N text" paragraph each, and bold spans one per line.
func (d *doc) Text() (body, notes, bold string) {
	var paras, ns, bs []string
	noteNo := 0
	var walk func(bl block)
	walk = func(bl block) {
		switch x := bl.(type) {
		case columns:
			for _, inner := range x {
				walk(inner)
			}
		case heading:
			paras = append(paras, x.Text)
		case para:
			var sb strings.Builder
			if x.Num != "" {
				sb.WriteString(x.Num + " ")
			}
			for _, r := range x.Runs {
				sb.WriteString(r.Text)
				if r.Bold {
					bs = append(bs, strings.TrimSpace(r.Text))
				}
				if r.Note != "" {
					noteNo++
					ns = append(ns, fmt.Sprintf("%d %s", noteNo, r.Note))
				}
			}
			if s := strings.TrimSpace(sb.String()); s != "" {
				paras = append(paras, strings.ReplaceAll(s, "\t", " "))
			}
		case table:
			for _, row := range x.Rows {
				cells := make([]string, 0, len(row))
				for _, c := range row {
					if c = strings.ReplaceAll(c, "\n", " "); c != "" {
						cells = append(cells, c)
					}
				}
				paras = append(paras, strings.Join(cells, " | "))
			}
		}
	}
	for _, bl := range d.Blocks {
		walk(bl)
	}
	join := func(xs []string, sep string) string {
		if len(xs) == 0 {
			return ""
		}
		return strings.Join(xs, sep) + "\n"
	}
	return join(paras, "\n\n"), join(ns, "\n\n"), join(bs, "\n")
}
