package extract

import (
	"bytes"
	"regexp"
	"strconv"
)

// type1Encoding reads the built-in encoding from the clear-text part of a
// Type 1 font program: "/Encoding StandardEncoding def", or an array filled
// by "dup 65 /A put" entries. Widths are in the encrypted part and are not
// read.
func type1Encoding(clear []byte) *cffProgram {
	if i := bytes.Index(clear, []byte("eexec")); i >= 0 {
		clear = clear[:i]
	}
	i := bytes.Index(clear, []byte("/Encoding"))
	if i < 0 {
		return nil
	}
	rest := clear[i:]
	if bytes.HasPrefix(bytes.TrimLeft(rest[len("/Encoding"):], " \t\r\n"), []byte("StandardEncoding")) {
		return &cffProgram{text: standardText}
	}
	p := &cffProgram{text: &[256]string{}}
	for _, m := range type1Dup.FindAllSubmatch(rest, 256) {
		code, err := strconv.Atoi(string(m[1]))
		if err == nil && code >= 0 && code < 256 {
			p.text[code] = glyphText(string(m[2]))
		}
	}
	return p
}

var type1Dup = regexp.MustCompile(`dup\s+(\d{1,3})\s*/([^\s/\[\]{}()<>]{1,64})\s+put`)
