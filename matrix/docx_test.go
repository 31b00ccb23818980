package matrix_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/recmap/recmap/matrix"
)

// docxText renders a DOCX's document.xml as text: one line per paragraph,
// table cells separated by " | ".
func docxText(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var doc io.ReadCloser
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc, err = f.Open()
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if doc == nil {
		t.Fatal("no word/document.xml")
	}
	defer doc.Close()
	d := xml.NewDecoder(doc)
	var out strings.Builder
	var cells, paras []string
	var text strings.Builder
	inText, inCell := false, false
	abbrev := func(s string) string {
		if r := []rune(s); len(r) > 200 {
			return string(r[:80]) + "…<" + strconv.Itoa(len(r)) + " chars>"
		}
		return s
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "t":
				inText = true
			case "tc":
				inCell, paras = true, nil
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "t":
				inText = false
			case "p":
				if inCell {
					paras = append(paras, abbrev(text.String()))
				} else {
					out.WriteString(abbrev(text.String()) + "\n")
				}
				text.Reset()
			case "tc":
				cells, inCell = append(cells, strings.Join(paras, " / ")), false
			case "tr":
				out.WriteString(strings.Join(cells, " | ") + "\n")
				cells = nil
			}
		case xml.CharData:
			if inText {
				text.Write(tok)
			}
		}
	}
	return out.String()
}

func TestWriteReplyDOCX(t *testing.T) {
	var buf bytes.Buffer
	if err := matrix.WriteReplyDOCX(&buf, sampleWorkbook()); err != nil {
		t.Fatal(err)
	}
	got := docxText(t, buf.Bytes())
	for _, s := range []string{"=SUM(1) GRETA considers", "@x GRETA invites", "No measure recorded yet."} {
		if !strings.Contains(got, s) {
			t.Errorf("reply has no %q", s)
		}
	}
	golden(t, "reply-docx.txt", got)
}
