package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// LibreOffice 7.4 embeds an OpenType CFF font (.otf) as a plain Type 1 font
// with its built-in encoding. Adobe's producers (InDesign, Distiller, the
// PDF Library behind them) embed the same kind of font as Type 1C: a bare
// CFF program (FontFile3 /Type1C), a custom /Encoding with /Differences and
// a ToUnicode CMap. type1C reproduces that family in two steps:
//
//  1. Ghostscript's pdfwrite re-distils the LibreOffice PDF. It converts
//     every Type 1 font to Type 1C with a /Differences encoding built from
//     the glyph names and keeps the one-byte codes, but it drops the
//     ToUnicode CMaps, which it considers redundant with the glyph names.
//  2. An incremental update (as the signing tools behind the Hungarian
//     gazette append) adds LibreOffice's own ToUnicode CMap back to each
//     font, matched by font name and checked code by code against the
//     widths, so that a renumbered font fails here rather than in a test.
//
// It needs Ghostscript (gs on PATH; apt-get install ghostscript).
func (g *gen) type1C(ctx context.Context, name string, lo []byte) ([]byte, error) {
	in := filepath.Join(g.tmp, name+"-lo.pdf")
	out := filepath.Join(g.tmp, name+"-gs.pdf")
	if err := os.WriteFile(in, lo, 0o644); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH",
		"-sDEVICE=pdfwrite", "-dCompatibilityLevel=1.6", "-o", out, in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("type1c %s: gs pdfwrite: %w\n%s", name, err, msg)
	}
	distilled, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	res, err := addToUnicode(lo, distilled)
	if err != nil {
		return nil, fmt.Errorf("type1c %s: %w", name, err)
	}
	return res, nil
}

var (
	fontRE     = regexp.MustCompile(`/Type\s*/Font\b`)
	objRE      = regexp.MustCompile(`(?s)(?:^|[\r\n])(\d+) 0 obj(.*?)endobj`)
	baseFontRE = regexp.MustCompile(`/BaseFont\s*/([^\s/<>\[\]()]+)`)
	toUniRE    = regexp.MustCompile(`/ToUnicode\s+(\d+)\s+0\s+R`)
	firstRE    = regexp.MustCompile(`/FirstChar\s+(\d+)`)
	widthsRE   = regexp.MustCompile(`(?s)/Widths\s*\[([^\]]*)\]`)
	sizeRE     = regexp.MustCompile(`/Size\s+\d+`)
	subsetRE   = regexp.MustCompile(`^[A-Z]{6}\+`)
)

// simpleFont is what addToUnicode needs of a font dictionary.
type simpleFont struct {
	obj    int
	dict   string         // the object's text between "obj" and "endobj"
	name   string         // BaseFont without the subset tag
	widths map[int]string // code → width as written
	toUni  int            // ToUnicode object, 0 if none
}

// fonts returns the simple (non-Type0) font dictionaries of a PDF without
// object streams, and every object's text by number.
func fonts(pdf []byte) ([]simpleFont, map[int]string) {
	objs := make(map[int]string)
	var fs []simpleFont
	for _, m := range objRE.FindAllSubmatch(pdf, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		body := string(m[2])
		objs[n] = body
		head, _, _ := strings.Cut(body, "stream")
		if !fontRE.MatchString(head) {
			continue
		}
		if !strings.Contains(head, "/FontDescriptor") || strings.Contains(head, "/Type0") {
			continue
		}
		f := simpleFont{obj: n, dict: body, widths: make(map[int]string)}
		if bm := baseFontRE.FindStringSubmatch(head); bm != nil {
			f.name = subsetRE.ReplaceAllString(bm[1], "")
		}
		if tm := toUniRE.FindStringSubmatch(head); tm != nil {
			f.toUni, _ = strconv.Atoi(tm[1])
		}
		first := 0
		if fm := firstRE.FindStringSubmatch(head); fm != nil {
			first, _ = strconv.Atoi(fm[1])
		}
		if wm := widthsRE.FindStringSubmatch(head); wm != nil {
			for i, w := range strings.Fields(wm[1]) {
				f.widths[first+i] = w
			}
		}
		fs = append(fs, f)
	}
	return fs, objs
}

// streamData returns the decoded data of a stream object's text (Flate or
// no filter).
func streamData(obj string) ([]byte, error) {
	head, rest, ok := strings.Cut(obj, "stream")
	if !ok {
		return nil, fmt.Errorf("not a stream")
	}
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "\r"), "\n")
	data, _, _ := strings.Cut(rest, "endstream")
	if !strings.Contains(head, "/FlateDecode") {
		return []byte(strings.TrimRight(data, "\r\n")), nil
	}
	zr, err := zlib.NewReader(strings.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// addToUnicode appends to distilled an incremental update that gives each of
// its simple fonts the ToUnicode CMap of the same font in lo.
func addToUnicode(lo, distilled []byte) ([]byte, error) {
	loFonts, loObjs := fonts(lo)
	cmaps := make(map[string][]byte)
	loByName := make(map[string]simpleFont)
	for _, f := range loFonts {
		if f.toUni == 0 {
			continue
		}
		if _, dup := loByName[f.name]; dup {
			return nil, fmt.Errorf("font %s: LibreOffice wrote more than one subset", f.name)
		}
		data, err := streamData(loObjs[f.toUni])
		if err != nil {
			return nil, fmt.Errorf("font %s: ToUnicode object %d: %w", f.name, f.toUni, err)
		}
		cmaps[f.name] = data
		loByName[f.name] = f
	}
	gsFonts, _ := fonts(distilled)
	if len(gsFonts) == 0 {
		return nil, fmt.Errorf("gs output: no simple fonts")
	}
	trailerAt := bytes.LastIndex(distilled, []byte("trailer"))
	startAt := bytes.LastIndex(distilled, []byte("startxref"))
	if trailerAt < 0 || startAt < trailerAt {
		return nil, fmt.Errorf("gs output: no classic trailer")
	}
	trailer := strings.TrimSpace(string(distilled[trailerAt+len("trailer") : startAt]))
	prev := strings.Fields(string(distilled[startAt+len("startxref"):]))
	if len(prev) == 0 || !strings.HasPrefix(trailer, "<<") || !strings.HasSuffix(trailer, ">>") {
		return nil, fmt.Errorf("gs output: unreadable trailer")
	}
	size := 0
	if m := sizeRE.FindString(trailer); m != "" {
		size, _ = strconv.Atoi(strings.Fields(m)[1])
	}
	if size == 0 {
		return nil, fmt.Errorf("gs output: trailer without /Size")
	}

	var out bytes.Buffer
	out.Write(distilled)
	if !bytes.HasSuffix(distilled, []byte("\n")) {
		out.WriteByte('\n')
	}
	offsets := make(map[int]int)
	for _, f := range gsFonts {
		if f.toUni != 0 {
			continue
		}
		lf, ok := loByName[f.name]
		if !ok {
			return nil, fmt.Errorf("font %s: not in the LibreOffice PDF", f.name)
		}
		for code, w := range f.widths {
			if lw, ok := lf.widths[code]; !ok || lw != w {
				return nil, fmt.Errorf("font %s: code %d has width %s, LibreOffice wrote %s: gs renumbered the codes", f.name, code, w, lw)
			}
		}
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(cmaps[f.name])
		zw.Close()
		cm := size
		size++
		offsets[cm] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n<</Length %d/Filter/FlateDecode>>stream\n", cm, z.Len())
		out.Write(z.Bytes())
		out.WriteString("\nendstream\nendobj\n")
		end := strings.LastIndex(f.dict, ">>")
		offsets[f.obj] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj%s/ToUnicode %d 0 R%sendobj\n", f.obj, f.dict[:end], cm, f.dict[end:])
	}
	nums := make([]int, 0, len(offsets))
	for n := range offsets {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	xref := out.Len()
	out.WriteString("xref\n")
	for _, n := range nums {
		fmt.Fprintf(&out, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	trailer = sizeRE.ReplaceAllString(trailer, fmt.Sprintf("/Size %d", size))
	trailer = strings.TrimSuffix(trailer, ">>") + fmt.Sprintf("/Prev %s>>", prev[0])
	fmt.Fprintf(&out, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return out.Bytes(), nil
}
