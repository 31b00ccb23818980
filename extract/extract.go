package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Limits bound the work one file may cause. A zero field means "use the
// default".
type Limits struct {
	MaxFileSize   int64         // bytes of the file itself
	MaxPages      int           // pages of a PDF
	MaxStreamSize int64         // decompressed bytes of one PDF content stream
	MaxZipEntry   int64         // decompressed bytes of one DOCX zip entry
	MaxZipTotal   int64         // decompressed bytes of all DOCX entries read
	Timeout       time.Duration // wall time for one document
	MaxParagraphs int           // paragraphs of one document
	MaxText       int64         // bytes of text extracted from one document
	// MaxMemory bounds the heap of the child process that reads a file
	// when Options.Isolate is set (its address space gets 512 MB more for
	// the runtime and code).
	MaxMemory int64
}

// DefaultLimits are generous for real reports (a 500-page PDF, a 50 MB DOCX).
var DefaultLimits = Limits{
	MaxFileSize:   200 << 20,
	MaxPages:      3000,
	MaxStreamSize: 64 << 20,
	MaxZipEntry:   64 << 20,
	MaxZipTotal:   256 << 20,
	Timeout:       5 * time.Minute,
	MaxParagraphs: 25000,
	MaxText:       16 << 20,
	MaxMemory:     1 << 30,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxFileSize > 0 {
		d.MaxFileSize = l.MaxFileSize
	}
	if l.MaxPages > 0 {
		d.MaxPages = l.MaxPages
	}
	if l.MaxStreamSize > 0 {
		d.MaxStreamSize = l.MaxStreamSize
	}
	if l.MaxZipEntry > 0 {
		d.MaxZipEntry = l.MaxZipEntry
	}
	if l.MaxZipTotal > 0 {
		d.MaxZipTotal = l.MaxZipTotal
	}
	if l.Timeout > 0 {
		d.Timeout = l.Timeout
	}
	if l.MaxMemory > 0 {
		d.MaxMemory = l.MaxMemory
	}
	if l.MaxParagraphs > 0 {
		d.MaxParagraphs = l.MaxParagraphs
	}
	if l.MaxText > 0 {
		d.MaxText = l.MaxText
	}
	return d
}

// Options configure extraction. The zero value is ready to use.
type Options struct {
	Limits  Limits
	Workers int // pages extracted in parallel for one PDF; 0 means GOMAXPROCS
	// KeepLines keeps every page's Lines in the Document (for --json and
	// debugging). Without it Pages carry only their number and size.
	KeepLines bool
	// Isolate reads the file in a child process of this program (see
	// IsChild), so that no file can crash, hang or exhaust the caller.
	Isolate bool
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// File extracts the file at path with default options.
func File(ctx context.Context, path string) (*Document, error) {
	return Options{}.File(ctx, path)
}

// Read extracts a document of the given format from r with default options.
// Format Unknown means detect it from the bytes.
func Read(ctx context.Context, r io.ReaderAt, size int64, format Format) (*Document, error) {
	return Options{}.Read(ctx, r, size, format, "")
}

// File extracts the file at path. The format is detected from the bytes,
// then the file name.
func (o Options) File(ctx context.Context, path string) (*Document, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	if st.IsDir() {
		return nil, &Error{Path: path, Err: fmt.Errorf("%w: is a directory", ErrUnsupported)}
	}
	return o.Read(ctx, f, st.Size(), FormatOf(name, nil), path)
}

// Read extracts a document from r. name is used in errors and in
// Document.Source; format Unknown means detect it from the bytes and name.
func (o Options) Read(ctx context.Context, r io.ReaderAt, size int64, format Format, name string) (doc *Document, err error) {
	lim := o.Limits.withDefaults()
	if name == "" {
		name = "input"
	}
	fail := func(err error) (*Document, error) {
		if e, ok := err.(*Error); ok {
			if e.Path == "" {
				e.Path = name
			}
			return nil, e
		}
		return nil, &Error{Path: name, Err: err}
	}
	if size == 0 {
		return fail(ErrEmpty)
	}
	if size > lim.MaxFileSize {
		return fail(&LimitError{Limit: "MaxFileSize", What: "bytes in the file", Max: lim.MaxFileSize})
	}
	data := make([]byte, size)
	if n, err := r.ReadAt(data, 0); n != int(size) && err != nil {
		return fail(fmt.Errorf("read: %w", err))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(ErrEmpty)
	}
	if o.Isolate {
		return o.readIsolated(ctx, data, format, name, lim)
	}
	sniffed := FormatOf(name, data)
	if format == Unknown || (sniffed != format && sniffed != Unknown && !compatible(format, sniffed)) {
		format = sniffed
	}
	if format == Unknown {
		return fail(fmt.Errorf("%w: %s", ErrUnsupported, describe(data)))
	}
	sum := sha256.Sum256(data)
	src := Source{Name: filepath.Base(name), SHA256: hex.EncodeToString(sum[:]), Format: format, Size: size}

	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			doc = nil
			err = &Error{Path: name, Err: corrupt("internal error while reading: %v", p)}
		}
	}()
	switch format {
	case PDF:
		doc, err = readPDF(ctx, data, lim, o)
	case DOCX:
		doc, err = readDOCX(ctx, data, lim)
	case HTML:
		doc, err = readHTML(ctx, data)
	case Text, Markdown:
		doc, err = readText(ctx, data, format == Markdown)
	default:
		err = fmt.Errorf("%w: %s", ErrUnsupported, format)
	}
	if err != nil {
		if parent.Err() != nil {
			return nil, parent.Err() // cancelled by the caller, not a limit
		}
		if ctx.Err() != nil && err == ctx.Err() {
			err = &LimitError{Limit: "Timeout", Text: fmt.Sprintf("took longer than %s", lim.Timeout)}
		}
		return fail(err)
	}
	if err := checkDocumentLimits(doc, lim); err != nil {
		return fail(err)
	}
	src.Pages = len(doc.Pages)
	if doc.Source.Title != "" {
		src.Title = doc.Source.Title
	}
	doc.Source = src
	if len(doc.Paragraphs) == 0 && format != PDF {
		return fail(fmt.Errorf("%w: no text found", ErrEmpty))
	}
	return doc, nil
}

func compatible(a, b Format) bool {
	return (a == Text || a == Markdown) && (b == Text || b == Markdown)
}

// FormatOf detects a format from the first bytes of a file (when data is
// not nil) and from its name.
func FormatOf(name string, data []byte) Format {
	if data != nil {
		head := data
		if len(head) > 1024 {
			head = head[:1024]
		}
		switch {
		case bytes.Contains(head, []byte("%PDF-")):
			return PDF
		case bytes.HasPrefix(head, []byte("PK\x03\x04")):
			if strings.EqualFold(filepath.Ext(name), ".docx") || bytes.Contains(data[:min(len(data), 64<<10)], []byte("word/")) {
				return DOCX
			}
			return Unknown
		}
		trim := bytes.ToLower(bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf"))
		if bytes.HasPrefix(trim, []byte("<!doctype html")) || bytes.HasPrefix(trim, []byte("<html")) ||
			(bytes.HasPrefix(trim, []byte("<?xml")) && bytes.Contains(trim, []byte("<html"))) {
			return HTML
		}
		if looksBinary(head) {
			return Unknown
		}
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		if data != nil {
			return Unknown // a .pdf without a PDF header
		}
		return PDF
	case ".docx":
		if data != nil {
			return Unknown
		}
		return DOCX
	case ".html", ".htm", ".xhtml":
		return HTML
	case ".md", ".markdown":
		return Markdown
	case ".txt", ".text", "":
		return Text
	}
	if data != nil {
		return Text
	}
	return Unknown
}

func looksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x09 || (c > 0x0d && c < 0x20) {
			ctrl++
		}
	}
	return ctrl > len(b)/20
}

func describe(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "a zip archive that is not a Word document"
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return "an old binary Office file (.doc/.xls): save it as .docx"
	case bytes.HasPrefix(data, []byte("\x89PNG")), bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "an image: run OCR and save as PDF with a text layer"
	case looksBinary(data[:min(len(data), 1024)]):
		return "binary data that is not a PDF, DOCX, HTML or text file"
	}
	return "unrecognised content"
}
