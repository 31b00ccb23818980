package extract

import (
	"strconv"
	"strings"
)

// A small lexer for PDF content streams and ToUnicode CMaps. The library's
// Interpret cannot be bounded in size, boxes every operand in a Value and
// does not know inline images; this one works on the decompressed bytes we
// read ourselves under Limits.MaxStreamSize.

// psKind is the kind of an operand.
type psKind uint8

const (
	psNull psKind = iota
	psNum
	psStr  // literal or hex string, raw bytes
	psName // without the slash
	psArr
	psDict // dictionaries are not parsed: str holds their raw bytes
)

// psObj is one operand of a content-stream operator.
type psObj struct {
	kind psKind
	num  float64
	str  string
	arr  []psObj
}

// psLexer yields operands and operators from a content stream.
type psLexer struct {
	b    []byte
	pos  int
	nest int // arrays open around the current position
}

// maxPSNest bounds array nesting; deeper arrays are skipped whole (no
// real content stream nests arrays more than two deep).
const maxPSNest = 32

func isPSSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPSDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *psLexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isPSSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next returns the next operand, or an operator as op != "". ok is false at
// the end of the stream.
func (l *psLexer) next() (obj psObj, op string, ok bool) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return psObj{}, "", false
	}
	c := l.b[l.pos]
	switch {
	case c == '(':
		l.pos++
		return psObj{kind: psStr, str: l.literal()}, "", true
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			start := l.pos
			l.skipDict()
			return psObj{kind: psDict, str: string(l.b[start:l.pos])}, "", true
		}
		l.pos++
		return psObj{kind: psStr, str: l.hex()}, "", true
	case c == '/':
		l.pos++
		return psObj{kind: psName, str: l.word()}, "", true
	case c == '[':
		l.pos++
		if l.nest >= maxPSNest {
			l.skipArray()
			return psObj{kind: psArr}, "", true
		}
		l.nest++
		defer func() { l.nest-- }()
		var arr []psObj
		for depth := 0; depth < 1<<16; depth++ {
			l.skipSpace()
			if l.pos >= len(l.b) {
				break
			}
			if l.b[l.pos] == ']' {
				l.pos++
				break
			}
			o, op, ok := l.next()
			if !ok {
				break
			}
			if op == "" {
				arr = append(arr, o)
			}
		}
		return psObj{kind: psArr, arr: arr}, "", true
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		l.pos++
		return psObj{}, "", true // stray delimiter: ignore
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		w := l.word()
		f, err := strconv.ParseFloat(w, 64)
		if err != nil {
			f = parseLooseNumber(w)
		}
		return psObj{kind: psNum, num: f}, "", true
	}
	w := l.word()
	if w == "" {
		l.pos++
		return psObj{}, "", true
	}
	switch w {
	case "true", "false", "null":
		return psObj{}, "", true
	}
	return psObj{}, w, true
}

// parseLooseNumber reads numbers such as "--5" or "1.2.3" the way viewers
// do: the longest valid prefix, else 0.
func parseLooseNumber(w string) float64 {
	for len(w) > 0 {
		if f, err := strconv.ParseFloat(w, 64); err == nil {
			return f
		}
		w = w[:len(w)-1]
	}
	return 0
}

func (l *psLexer) word() string {
	start := l.pos
	for l.pos < len(l.b) && !isPSSpace(l.b[l.pos]) && !isPSDelim(l.b[l.pos]) {
		l.pos++
	}
	return string(l.b[start:l.pos])
}

func (l *psLexer) literal() string {
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func (l *psLexer) hex() string {
	var out []byte
	var hi, n int
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v := unhexByte(c)
		if v < 0 {
			continue
		}
		if n%2 == 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
		}
		n++
	}
	if n%2 == 1 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
}

func unhexByte(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// skipArray skips to the "]" that closes the array just opened, minding
// nested arrays and strings, without recursion.
func (l *psLexer) skipArray() {
	depth := 1
	for l.pos < len(l.b) && depth > 0 {
		switch c := l.b[l.pos]; {
		case c == '(':
			l.pos++
			l.literal()
		case c == '<' && (l.pos+1 >= len(l.b) || l.b[l.pos+1] != '<'):
			l.pos++
			l.hex()
		case c == '[':
			l.pos++
			depth++
		case c == ']':
			l.pos++
			depth--
		default:
			l.pos++
		}
	}
}

// skipDict skips to the matching ">>", minding nested dictionaries and
// strings.
func (l *psLexer) skipDict() {
	depth := 1
	for l.pos < len(l.b) && depth > 0 {
		c := l.b[l.pos]
		switch {
		case c == '(':
			l.pos++
			l.literal()
		case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
			l.pos += 2
			depth++
		case c == '>' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '>':
			l.pos += 2
			depth--
		case c == '<':
			l.pos++
			l.hex()
		default:
			l.pos++
		}
	}
}

// skipInlineImage skips the data of an inline image after "ID" up to the
// "EI" that ends it.
func (l *psLexer) skipInlineImage() {
	if l.pos < len(l.b) && isPSSpace(l.b[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(l.b); i++ {
		if l.b[i] == 'E' && l.b[i+1] == 'I' && (i == 0 || isPSSpace(l.b[i-1])) &&
			(i+2 >= len(l.b) || isPSSpace(l.b[i+2]) || isPSDelim(l.b[i+2])) {
			l.pos = i + 2
			return
		}
	}
	l.pos = len(l.b)
}

// dictString returns the string value of key in a dictionary's raw bytes
// (as the lexer keeps them), or "" when it has none.
func dictString(raw, key string) (string, bool) {
	i := 0
	for {
		j := indexFrom(raw, "/"+key, i)
		if j < 0 {
			return "", false
		}
		i = j + len(key) + 1
		if i < len(raw) && !isPSSpace(raw[i]) && !isPSDelim(raw[i]) {
			continue // a longer name
		}
		lx := psLexer{b: []byte(raw[i:])}
		obj, op, ok := lx.next()
		if ok && op == "" && obj.kind == psStr {
			return obj.str, true
		}
		return "", false
	}
}

func indexFrom(s, sub string, from int) int {
	if from > len(s) {
		return -1
	}
	if k := strings.Index(s[from:], sub); k >= 0 {
		return from + k
	}
	return -1
}

// textString decodes a PDF text string: UTF-16BE after a byte order mark,
// PDFDocEncoding (Latin-1 for the printable codes) otherwise.
func textString(s string) string {
	if strings.HasPrefix(s, "\xfe\xff") {
		return utf16Text(s[2:])
	}
	if strings.HasPrefix(s, "\xef\xbb\xbf") {
		return s[3:]
	}
	r := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		r = append(r, rune(s[i]))
	}
	return string(r)
}
