// Package extract turns document files into text that keeps its structure:
// pages, lines with their fonts and positions, and paragraphs with the page
// they start on, the number the document printed before them ("54.",
// "122.78"), whether they are headings, and how much of them is bold.
//
// Call File for a path, or Read for bytes already in memory or on another
// store:
//
//	doc, err := extract.File(ctx, "report.pdf")
//	doc, err := extract.Read(ctx, r, size, extract.PDF)
//
// Formats: PDF (a layout layer of our own over github.com/ledongthuc/pdf's
// low-level primitives: text operators, glyph widths, ToUnicode maps, running
// headers and footers, hyphenation, footnotes, two columns), DOCX, HTML/XHTML,
// and plain text or Markdown. Format detection looks at the bytes first and
// the file name second.
//
// Bad input is expected. Every failure is an *Error naming the file, and the
// page when there is one; callers branch with errors.Is on ErrEncrypted,
// ErrNoTextLayer, ErrCorrupt, ErrEmpty, ErrUnsupported and ErrTooLarge, and
// show Hint(err) to tell the user what to do. No input makes the package
// panic: panics inside the PDF library are recovered at the package boundary
// and returned as ErrCorrupt with the page number.
//
// Limits (file size, pages, decompressed stream and zip entry sizes, time)
// are in Limits; DefaultLimits are generous for real reports.
package extract
