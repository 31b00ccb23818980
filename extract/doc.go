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
//     low-level primitives: text operators, fonts (below), two columns with
//     full-width headings between them, running headers and footers (page
//     numbers on either side), page numbers, footnotes, hyphenation, rotated
//     pages (text is read in its own direction; text in another direction,
//     and glyphs outside the page box, are left out), /ActualText, invisible
//     OCR text, and tables (ruled by painted lines, or unruled, found by
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
// # PDF fonts
//
// Text comes from each font the way ISO 32000-1 (9.10) says: the ToUnicode
// CMap first (every form: bfchar, bfrange with arrays, codespaces of one to
// four bytes, several characters per code; a simple font's codes are one
// byte whatever its codespace declares, as Adobe's PDF Library writes
// <0000> <FFFF>), then the /Encoding: a named base encoding or
// /BaseEncoding, else the embedded program's built-in encoding (CFF
// encoding and charset for FontFile3 Type1C, read by pdfcff.go with
// github.com/go-text/typesetting's glyph names; the clear-text /Encoding of
// a Type 1 FontFile), else StandardEncoding, with /Differences on top.
// Glyph names become text by the Adobe Glyph List rules (pdfglyph.go):
// names of Latin, Greek, punctuation and ligatures, uniXXXX and uXXXX[XX],
// underscores joining ligature components, suffixes after a period
// dropped. Composite fonts without ToUnicode: Unicode CMaps are UTF-16,
// Identity codes go through the embedded TrueType program's cmap turned
// around. Widths come from /Widths, /FirstChar and /MissingWidth, or from
// the CFF program when /Widths is missing; Type 3 widths are scaled by the
// FontMatrix.
//
// # Text that does not decode
//
// Every page gets a plausibility check (plausible.go): the share of glyphs
// without text or with private-use, replacement or control characters, the
// mean word length and the share of function words of the European
// languages recmap meets. A page that fails is left out of the Document
// and named in Unreadable and in a warning with the fonts responsible; when
// such pages are most of the pages with text, reading fails with
// ErrUnreadableText. Garbage is never passed on as text.
//
// # Errors
//
// Bad input is expected. Every failure is an *Error naming the file, and the
// page when there is one; callers branch with errors.Is on ErrEncrypted,
// ErrNoTextLayer, ErrUnreadableText, ErrCorrupt, ErrEmpty, ErrUnsupported
// and ErrTooLarge, and show Hint(err) to tell the user what to do. No input
// makes the package panic: panics inside the PDF library are recovered at the package boundary
// and returned as ErrCorrupt with the page number. A PDF page that cannot be
// read becomes a warning as long as some other page can be read.
//
// Limits (file size, pages, decompressed stream and zip entry sizes, time)
// are in Limits; DefaultLimits are generous for real reports.
package extract
