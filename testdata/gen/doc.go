// Command gen writes the test fixtures and the sample corpus of recmap from
// Go code, so that the committed outputs let CI run without LibreOffice.
//
// Run it from the repository root:
//
//	go run ./testdata/gen            # everything
//	go run ./testdata/gen -only cases    # extract/testdata/cases only
//	go run ./testdata/gen -only sample   # sample/files and sample/gold.jsonl
//	go run ./testdata/gen -only hostile  # testdata/hostile
//	go run ./testdata/gen -keep      # also keep the .fodt sources next to the outputs
//	go run ./testdata/gen -only cases -case cff-report,gazette-two-columns
//	                                 # only these case folders; the other PDFs stay as committed
//
// It needs LibreOffice (soffice on PATH; on Debian/Ubuntu:
// apt-get install libreoffice-writer-nogui) and the US English hyphenation
// patterns for the hyphenation case (apt-get install hyphen-en-us). Without
// the patterns LibreOffice silently does not hyphenate and the hyphenation
// case loses its point. The cases set in OpenType CFF fonts
// (gazette-two-columns, cff-report, numbered-recommendations) need the
// fonts-linuxlibertine package and Ghostscript (apt-get install
// fonts-linuxlibertine ghostscript): LibreOffice 7.4 embeds CFF fonts as
// Type 1, and gs re-distils them to the Type 1C of Adobe's producers
// (type1c.go). Only -only hostile works without soffice.
//
// How it works: every document is a small model (headings, numbered
// paragraphs with bold spans and footnotes, bullets, tables, page breaks,
// running header and footer) in fodt.go. The model renders to Flat ODT XML,
// which soffice converts to PDF (and DOCX) the way a real producer would, and
// to the plain text the extractor is expected to recover (want.txt). The
// fpdf-english case is built with codeberg.org/go-pdf/fpdf and core fonts
// (English only: see ../shared/LIBNOTES.md).
//
// Outputs:
//
//	extract/testdata/cases/<case>/input.pdf          the rendered PDF
//	extract/testdata/cases/<case>/want.txt           expected body text
//	extract/testdata/cases/<case>/want-footnotes.txt footnotes, when the case has them
//	extract/testdata/cases/<case>/want-bold.txt      bold spans, one per line, when any
//	sample/files/*                                   the sample corpus embedded by package sample
//	sample/gold.jsonl                                recommendation → action plan mapping
//	testdata/hostile/*                               hostile text for safety tests
//
// The text conventions of want.txt are described in
// extract/testdata/cases/README.md.
//
// Re-running gives the same text; the PDFs differ only in the creation
// dates and document IDs that LibreOffice embeds.
//
// The generators (this one and testdata/bad/gen) import
// codeberg.org/go-pdf/fpdf. Packages under testdata are invisible to
// `go mod tidy`, which therefore drops that requirement; after a tidy,
// restore it with `go get codeberg.org/go-pdf/fpdf@v0.12.0`.
package main
