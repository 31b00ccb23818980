package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ledongthuc/pdf"
)

// readPDF reads a PDF: it opens the file (working around headers the
// library rejects), refuses encryption it cannot decrypt, interprets the
// pages in parallel, each worker with its own pdf.Reader over the same
// bytes, and rebuilds paragraphs from the lines of all pages.
func readPDF(ctx context.Context, data []byte, lim Limits, o Options) (*Document, error) {
	data = patchPDF(data)
	r, err := openPDF(data)
	if err != nil {
		return nil, err
	}
	if err := checkEncryption(r); err != nil {
		return nil, err
	}
	pages, err := pageList(r, lim.MaxPages)
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, corrupt("page tree: no pages")
	}
	title := safeString(func() string { return r.Trailer().Key("Info").Key("Title").Text() })

	results := make([]pageText, len(pages))
	fonts := newFontCache()
	workers := min(o.workers(), len(pages))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rd, pl := r, pages
			if w > 0 {
				// A Reader is not safe for concurrent use: open our own.
				var err error
				if rd, err = openPDF(data); err == nil {
					pl, err = pageList(rd, lim.MaxPages)
				}
				if err != nil || len(pl) != len(pages) {
					rd, pl = nil, nil
				}
			}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(pages) {
					return
				}
				if ctx.Err() != nil {
					results[i].err = ctx.Err()
					continue
				}
				if rd == nil {
					results[i].err = corrupt("reopen for page %d", i+1)
					continue
				}
				results[i] = readPage(ctx, pl[i], i+1, fonts, lim)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	doc := &Document{Source: Source{Title: title, Pages: len(pages)}}
	failed, text, images := 0, 0, 0
	var firstErr *Error
	for i := range results {
		pt := &results[i]
		if pt.err != nil {
			failed++
			if firstErr == nil {
				firstErr = &Error{Page: i + 1, Err: pt.err}
			}
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("page %d: %v", i+1, pt.err))
			continue
		}
		if len(pt.frags) > 0 || pt.quality.glyphs > 0 {
			text++ // glyphs shown, decoded or not
		}
		if pt.images > 0 {
			images++
		}
	}
	if failed == len(pages) {
		return nil, firstErr
	}
	if text == 0 {
		return nil, fmt.Errorf("%w: %d pages, %d with images, none with text", ErrNoTextLayer, len(pages), images)
	}
	if err := dropUnreadable(doc, results, text); err != nil {
		return nil, err
	}
	buildPDFDocument(doc, results, o.KeepLines)
	return doc, nil
}

// dropUnreadable takes the text of pages that do not decode out of the
// document and says so in a warning, or fails with ErrUnreadableText when
// they are most of the pages with text.
func dropUnreadable(doc *Document, results []pageText, withText int) error {
	var pages []int
	var fonts []string
	for i := range results {
		pt := &results[i]
		if pt.err != nil || !pt.quality.unreadable() {
			continue
		}
		pages = append(pages, pt.number)
		fonts = append(fonts, pt.quality.worstFont)
		pt.frags = nil
	}
	if len(pages) == 0 {
		return nil
	}
	detail := unreadableDetail(pages, fonts)
	if 2*len(pages) > withText {
		return fmt.Errorf("%w on %s", ErrUnreadableText, detail)
	}
	doc.Unreadable = pages
	doc.Warnings = append(doc.Warnings, fmt.Sprintf("%s: the text layer does not decode%s; OCR the file and ingest the OCR'd copy",
		pageRanges(pages), strings.TrimPrefix(detail, pageRanges(pages))))
	return nil
}

// pageText is what one page yields.
type pageText struct {
	number int
	width  float64
	height float64
	frags  []*frag
	rules  []rule // horizontal and vertical lines painted on the page
	// aside are fragments in another direction than the page's text
	// (an upright running header on a landscape table page), left out.
	aside  []*frag
	images int
	// quality holds the plausibility figures of the page's text.
	quality textQuality
	err     error
}

// readPage interprets one page, turning a panic of the library into an
// ErrCorrupt error for that page.
func readPage(ctx context.Context, p pdfPage, n int, fonts *fontCache, lim Limits) (pt pageText) {
	pt = pageText{number: n, width: p.box[2] - p.box[0], height: p.box[3] - p.box[1]}
	defer func() {
		if x := recover(); x != nil {
			pt.frags = nil
			pt.err = corrupt("read page content: %v", x)
		}
	}()
	content, err := pageContent(p.v, lim.MaxStreamSize)
	if err != nil {
		pt.err = err
		return pt
	}
	pr := &pageReader{ctx: ctx, fonts: fonts, maxSize: lim.MaxStreamSize, width: pt.width, height: pt.height}
	gs := gstate{ctm: matrix{1, 0, 0, 1, -p.box[0], -p.box[1]}, th: 1}
	pr.run(content, p.res, gs)
	pr.flush()
	pr.upright(&pt)
	if err := ctx.Err(); err != nil {
		pt.err = err
		return pt
	}
	if pr.err != nil && len(pr.frags) == 0 {
		pt.err = pr.err
		return pt
	}
	pt.frags, pt.images, pt.rules, pt.quality = pr.frags, pr.images, pr.rules, pr.q
	return pt
}

// pageContent returns the page's content streams, decompressed and
// concatenated.
func pageContent(v pdf.Value, max int64) ([]byte, error) {
	c := v.Key("Contents")
	switch c.Kind() {
	case pdf.Stream:
		return readStream(c, max)
	case pdf.Array:
		var all []byte
		for i := 0; i < c.Len(); i++ {
			b, err := readStream(c.Index(i), max-int64(len(all)))
			if err != nil {
				return nil, err
			}
			all = append(all, b...)
			all = append(all, '\n')
		}
		return all, nil
	}
	return nil, nil
}

// readStream decompresses a stream, refusing more than max bytes.
func readStream(v pdf.Value, max int64) ([]byte, error) {
	rc := v.Reader()
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max+1))
	if int64(len(b)) > max {
		return nil, &LimitError{Limit: "MaxStreamSize", Text: fmt.Sprintf("a content stream decompresses to more than %d MB", max>>20)}
	}
	if err != nil && len(b) == 0 {
		return nil, corrupt("decompress stream: %v", err)
	}
	return b, nil
}

// pdfPage is a page object with what it inherits from its parents.
type pdfPage struct {
	v   pdf.Value
	res pdf.Value
	box [4]float64 // MediaBox
}

// pageList walks the page tree once. The library's Page(i) walks it from
// the root for every page and does not read MediaBox.
func pageList(r *pdf.Reader, maxPages int) (pages []pdfPage, err error) {
	defer func() {
		if x := recover(); x != nil {
			pages, err = nil, corrupt("read page tree: %v (the cross-reference table is probably broken)", x)
		}
	}()
	root := r.Trailer().Key("Root")
	if root.Kind() != pdf.Dict {
		return nil, corrupt("read document catalog: missing (broken cross-reference table?)")
	}
	tree := root.Key("Pages")
	if tree.Kind() != pdf.Dict {
		return nil, corrupt("read page tree: missing (broken cross-reference table?)")
	}
	a4 := [4]float64{0, 0, 595, 842}
	visits := 0 // a page tree with cycles must not be walked forever
	var walk func(node, res pdf.Value, box [4]float64, depth int) error
	walk = func(node, res pdf.Value, box [4]float64, depth int) error {
		visits++
		if depth > 64 || visits > 2*maxPages+1000 {
			return corrupt("read page tree: nested too deep or cyclic")
		}
		if r := node.Key("Resources"); r.Kind() == pdf.Dict {
			res = r
		}
		if mb := node.Key("MediaBox"); mb.Len() == 4 {
			var b [4]float64
			for i := range b {
				b[i] = mb.Index(i).Float64()
			}
			if b[2] < b[0] {
				b[0], b[2] = b[2], b[0]
			}
			if b[3] < b[1] {
				b[1], b[3] = b[3], b[1]
			}
			if b[2]-b[0] > 1 && b[3]-b[1] > 1 {
				box = b
			}
		}
		kids := node.Key("Kids")
		if node.Key("Type").Name() == "Pages" || (kids.Kind() == pdf.Array && node.Key("Type").Name() != "Page") {
			for i := 0; i < kids.Len(); i++ {
				if err := walk(kids.Index(i), res, box, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if node.Kind() != pdf.Dict {
			return nil
		}
		if len(pages) >= maxPages {
			return &LimitError{Limit: "MaxPages", What: "pages", Max: int64(maxPages)}
		}
		pages = append(pages, pdfPage{v: node, res: res, box: box})
		return nil
	}
	if err := walk(tree, pdf.Value{}, a4, 0); err != nil {
		return nil, err
	}
	return pages, nil
}

// openPDF opens the bytes with the library, classifying its failures.
func openPDF(data []byte) (r *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, corrupt("open: %v", x)
		}
	}()
	r, err = pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err == nil {
		return r, nil
	}
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return nil, fmt.Errorf("%w: a password is needed to open it", ErrEncrypted)
	}
	if enc := encryptDict(data); enc != nil {
		return nil, fmt.Errorf("%w: %s is not supported (%v)", ErrEncrypted, enc.describe(), err)
	}
	return nil, corrupt("open: %v", err)
}

// checkEncryption refuses encryption the library opens but decrypts wrong.
func checkEncryption(r *pdf.Reader) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = corrupt("read encryption dictionary: %v", x)
		}
	}()
	enc := r.Trailer().Key("Encrypt")
	if enc.IsNull() {
		return nil
	}
	v, length := enc.Key("V").Int64(), enc.Key("Length").Int64()
	if v == 1 || (v == 2 && length > 0 && length <= 40) {
		return fmt.Errorf("%w: 40-bit RC4 encryption is not supported (the text would come out as garbage)", ErrEncrypted)
	}
	return nil
}

// encInfo is what the bytes say about an encryption dictionary the library
// refused.
type encInfo struct{ v, r, length string }

var (
	reEncryptRef = regexp.MustCompile(`/Encrypt\s+(\d+)\s+(\d+)\s+R`)
	reKeyV       = regexp.MustCompile(`/V\s+(\d+)`)
	reKeyR       = regexp.MustCompile(`/R\s+(\d+)`)
	reKeyLength  = regexp.MustCompile(`/Length\s+(\d+)`)
)

func encryptDict(data []byte) *encInfo {
	m := reEncryptRef.FindSubmatch(data)
	if m == nil {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return &encInfo{}
		}
		return nil
	}
	obj := []byte(fmt.Sprintf("\n%s %s obj", m[1], m[2]))
	i := bytes.Index(data, obj)
	if i < 0 {
		obj[0] = '\r'
		i = bytes.Index(data, obj)
	}
	if i < 0 {
		return &encInfo{}
	}
	d := data[i:min(len(data), i+2048)]
	if j := bytes.Index(d, []byte("endobj")); j > 0 {
		d = d[:j]
	}
	get := func(re *regexp.Regexp) string {
		if m := re.FindSubmatch(d); m != nil {
			return string(m[1])
		}
		return ""
	}
	return &encInfo{v: get(reKeyV), r: get(reKeyR), length: get(reKeyLength)}
}

func (e *encInfo) describe() string {
	switch {
	case e.v == "5" || e.r == "6" || e.r == "5":
		return "AES-256 encryption"
	case e.v != "":
		return fmt.Sprintf("encryption V=%s R=%s", e.v, e.r)
	}
	return "this encryption"
}

// patchPDF works around what the library rejects but viewers read: a
// PDF 2.0 header or junk after "%PDF-1.x" on the first line, and junk after
// the last "%%EOF". It copies the bytes only when it changes them.
func patchPDF(data []byte) []byte {
	ok := len(data) > 9 && bytes.HasPrefix(data, []byte("%PDF-1.")) && data[7] >= '0' && data[7] <= '7' && (data[8] == '\r' || data[8] == '\n')
	end := bytes.LastIndex(data, []byte("%%EOF"))
	tailOK := end >= 0 && len(bytes.TrimRight(data[end+5:], "\r\n\t \x00")) == 0
	if (ok && tailOK) || len(data) < 10 || !bytes.HasPrefix(data, []byte("%PDF-")) {
		return data
	}
	if end >= 0 && !tailOK {
		data = data[:end+5]
	}
	d := make([]byte, len(data))
	copy(d, data)
	if !ok {
		// "%PDF-2.0\n" or "%PDF-1.4 junk": the library only reads the header
		// to check it.
		copy(d[5:8], "1.7")
		if d[8] != '\r' && d[8] != '\n' {
			d[8] = '\n'
		}
	}
	return d
}

// safeString calls f, returning "" if it panics.
func safeString(f func() string) (s string) {
	defer func() {
		if recover() != nil {
			s = ""
		}
	}()
	return f()
}

// fontCache shares parsed fonts between the pages and workers of one
// document. A font is keyed by its dictionary's printed form, which names
// the objects holding its widths and ToUnicode map.
type fontCache struct {
	mu sync.Mutex
	m  map[string]*pdfFont
}

func newFontCache() *fontCache { return &fontCache{m: map[string]*pdfFont{}} }

// get returns the font for a font dictionary, loading it once. A font that
// cannot be read decodes nothing.
func (c *fontCache) get(v pdf.Value) (f *pdfFont) {
	if v.Kind() != pdf.Dict {
		return &pdfFont{codeLen: 1, dw: 500, wscale: 0.001}
	}
	key := v.String()
	c.mu.Lock()
	f, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return f
	}
	func() {
		defer func() {
			if recover() != nil {
				f = &pdfFont{name: "broken", codeLen: 1, dw: 500, wscale: 0.001}
			}
		}()
		f = loadFont(v)
	}()
	c.mu.Lock()
	c.m[key] = f
	c.mu.Unlock()
	return f
}
