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
// With other settings, call the same methods on Options: Limits, Workers
// (pages of one PDF read in parallel) and KeepLines (keep every page's
// Lines, for --json and debugging):
//
//	doc, err := extract.Options{KeepLines: true}.File(ctx, "report.pdf")
//
// # What comes out
//
// A Document holds the body as Paragraphs in reading order (Text restores
// the printed numbers), Footnotes apart from the body, Tables, per-page
// sizes in Pages, the file's identity in Source (name, SHA-256, format,
// size, pages, title) and Warnings for problems that did not stop
// extraction. A table row is in both places: in Tables as its cells, and in
// Paragraphs as one paragraph with the cells joined by " | " and Table set.
// SplitNumber and SplitBullet are the rules every reader uses to take a
// typed number or bullet off the start of a paragraph.
//
// # Formats
//
//   - PDF: a layout layer of our own over github.com/ledongthuc/pdf's
//     low-level primitives: text operators, glyph widths, ToUnicode maps,
//     two columns, running headers and footers, page numbers, footnotes,
//     hyphenation, and tables (ruled by painted lines, or unruled, found by
//     aligned columns), continued across page breaks.
//   - DOCX: styles, Word numbering as displayed, tables (spans and merged
//     cells), footnotes, tracked insertions.
//   - HTML/XHTML: block elements, lists, data tables; layout tables of
//     numbered points (as EUR-Lex writes them) become list paragraphs.
//   - Plain text and Markdown: blank-line paragraphs, typed numbers and
//     bullets, Markdown headings, bold and pipe tables; text that is not
//     UTF-8 is read as Windows-1252.
//
// Format detection looks at the bytes first and the file name second
// (FormatOf).
//
// # Errors
//
// Bad input is expected. Every failure is an *Error naming the file, and the
// page when there is one; callers branch with errors.Is on ErrEncrypted,
// ErrNoTextLayer, ErrCorrupt, ErrEmpty, ErrUnsupported and ErrTooLarge, and
// show Hint(err) to tell the user what to do. No input makes the package
// panic: panics inside the PDF library are recovered at the package boundary
// and returned as ErrCorrupt with the page number. A PDF page that cannot be
// read becomes a warning as long as some other page can be read.
//
// Limits (file size, pages, decompressed stream and zip entry sizes, time)
// are in Limits; DefaultLimits are generous for real reports.
package extract
