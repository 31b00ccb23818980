package extract

// Format is a document file format.
type Format string

// The formats extract reads.
const (
	PDF      Format = "pdf"
	DOCX     Format = "docx"
	HTML     Format = "html"
	Text     Format = "text"
	Markdown Format = "markdown"
	Unknown  Format = ""
)

// Document is the extracted text of one file.
type Document struct {
	Source     Source      `json:"source"`
	Pages      []Page      `json:"pages,omitempty"`
	Paragraphs []Paragraph `json:"paragraphs"`
	// Footnotes are kept apart from the body so that they do not break the
	// paragraphs they interrupt. Their Number is the footnote mark.
	Footnotes []Paragraph `json:"footnotes,omitempty"`
	// Tables hold the rows of tables found in the document (DOCX, HTML, and
	// PDF tables when detected). Each row also appears in Paragraphs as one
	// paragraph with its cells joined by " | " and Table set.
	Tables []Table `json:"tables,omitempty"`
	// Warnings are problems that did not stop extraction, e.g. a page that
	// could not be read.
	Warnings []string `json:"warnings,omitempty"`
	// Unreadable lists the pages (1-based) whose text layer is there but
	// does not decode into plausible words: fonts without a usable
	// encoding. Their text is left out of Paragraphs, and Warnings says
	// which pages and fonts.
	Unreadable []int `json:"unreadable_pages,omitempty"`
}

// Source identifies the file a Document came from.
type Source struct {
	Name   string `json:"name"`   // file name as given
	SHA256 string `json:"sha256"` // hex SHA-256 of the bytes
	Format Format `json:"format"`
	Size   int64  `json:"size"`
	Pages  int    `json:"pages"`           // 0 for formats without pages
	Title  string `json:"title,omitempty"` // from document metadata when present
}

// Page is one page of a paged document (PDF).
type Page struct {
	Number int     `json:"number"` // 1-based
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	Lines  []Line  `json:"lines,omitempty"`
}

// Line is one line of text on a page, rebuilt from glyph positions.
// Coordinates are PDF points with the origin at the bottom left.
type Line struct {
	Text string  `json:"text"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	Size float64 `json:"size"`           // dominant font size
	Font string  `json:"font"`           // dominant font name, e.g. ABCDEF+Calibri-Bold
	Bold float64 `json:"bold"`           // share of characters set in a bold font, 0..1
	Role string  `json:"role,omitempty"` // "header", "footer", "page-number", "footnote" when removed from the body; "other-direction" for text that runs another way than the page's (left out)
}

// Paragraph is a block of body text.
type Paragraph struct {
	Text string `json:"text"`
	Page int    `json:"page,omitempty"` // page where it starts, 1-based; 0 when the format has no pages
	// Number is the number the document printed before the paragraph,
	// without its trailing dot: "54" for "54. GRETA urges…", "122.78",
	// "1" for a Word numbered list item. Text does not repeat it.
	Number  string  `json:"number,omitempty"`
	Heading int     `json:"heading,omitempty"` // 1.. for headings (1 = top level), 0 for body text
	Bold    float64 `json:"bold"`              // share of characters set in bold, 0..1
	// BoldSpans are the byte ranges of Text set in bold, so that a bold
	// sentence inside a paragraph can be told apart.
	BoldSpans [][2]int `json:"bold_spans,omitempty"`
	Size      float64  `json:"size,omitempty"` // dominant font size in points, 0 when unknown
	// List is the list depth (1..) when the paragraph is a bullet or
	// numbered list item, 0 otherwise. Marker is the bullet as written
	// ("–", "•", "(a)").
	List   int    `json:"list,omitempty"`
	Marker string `json:"marker,omitempty"`
	Table  int    `json:"table,omitempty"` // 1-based index into Document.Tables for a table row, 0 otherwise
}

// Table is a table's cell text, row by row.
type Table struct {
	Page int        `json:"page,omitempty"`
	Rows [][]string `json:"rows"`
}

// Text returns the document body as plain text, paragraphs separated by a
// blank line, numbers restored in front of numbered paragraphs.
func (d *Document) Text() string {
	var n int
	for _, p := range d.Paragraphs {
		n += len(p.Text) + len(p.Number) + 4
	}
	b := make([]byte, 0, n)
	for i, p := range d.Paragraphs {
		if i > 0 {
			b = append(b, '\n', '\n')
		}
		if p.Number != "" {
			b = append(b, p.Number...)
			b = append(b, ". "...)
		}
		b = append(b, p.Text...)
	}
	return string(b)
}
