package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Text from documents and file names reaches the terminal: an escape
// sequence in it could clear the screen, retitle the window or write the
// clipboard (OSC 52). Every line recmap prints, but --json, goes through a
// safeWriter, which shows control characters instead of sending them.

// safeWriter writes text with control characters made visible: C0 and
// DEL in caret notation (^[ for ESC), C1 and bytes that are not UTF-8 as
// \xNN. Newlines and tabs pass.
type safeWriter struct{ w io.Writer }

func (s safeWriter) Write(p []byte) (int, error) {
	clean := true
	for _, c := range p {
		if c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s.w.Write(p)
	}
	if _, err := io.WriteString(s.w, safeText(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// safeText is s with its control characters made visible.
func safeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20:
			b.WriteByte('^')
			b.WriteByte(byte(r) + '@')
		case r == 0x7f:
			b.WriteString("^?")
		case r >= 0x80 && r < 0xa0:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// rawWriter is the writer under a safeWriter, for output that must stay
// exact (--json) or that is the program's own (a progress bar).
func rawWriter(w io.Writer) io.Writer {
	if s, ok := w.(safeWriter); ok {
		return s.w
	}
	return w
}
