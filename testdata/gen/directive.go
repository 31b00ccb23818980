package main

import (
	"fmt"
	"html"
	"strings"
)

// article is one article of the invented directive. Amended marks text
// inserted by the invented amending act M1.
type article struct {
	Num, Title string
	Amended    bool
	Paras      []dirPara
}

type dirPara struct {
	Text    string
	Points  []string // "(a)" … in order
	Amended bool     // inline ►M1 … ◄ insertion
}

// directiveHTML renders an EUR-Lex-consolidated-style HTML excerpt of an
// invented directive: article headings, numbered paragraphs, points in
// two-column tables, and ▼B / ▼M1 / ►M1 amendment markers.
func directiveHTML() string {
	arts := []article{
		{Num: "1", Title: "Subject matter", Paras: []dirPara{
			{Text: "This Directive establishes minimum rules concerning the definition of criminal offences and sanctions in the area of trafficking in human beings. It also introduces common provisions to strengthen the prevention of this crime and the protection of the victims thereof."},
		}},
		{Num: "2", Title: "Offences concerning trafficking in human beings", Paras: []dirPara{
			{Text: "Member States shall take the necessary measures to ensure that the following intentional acts are punishable: the recruitment, transportation, transfer, harbouring or reception of persons, by means of threat, force, deception or abuse of a position of vulnerability, for the purpose of exploitation."},
			{Text: "Exploitation shall include, as a minimum:", Points: []string{
				"the exploitation of the prostitution of others or other forms of sexual exploitation;",
				"forced labour or services, including begging, slavery or practices similar to slavery;",
				"the exploitation of criminal activities;",
				"the removal of organs;",
			}},
			{Amended: true, Text: "Exploitation shall also include the exploitation of surrogacy, of forced marriage and of illegal adoption."},
			{Text: "The consent of a victim to the exploitation shall be irrelevant where any of the means set forth in paragraph 1 has been used."},
		}},
		{Num: "4", Title: "Penalties", Paras: []dirPara{
			{Text: "Member States shall take the necessary measures to ensure that an offence referred to in Article 2 is punishable by a maximum penalty of at least five years of imprisonment."},
			{Text: "Member States shall take the necessary measures to ensure that the offence is regarded as an aggravating circumstance where it:", Points: []string{
				"was committed against a particularly vulnerable victim, including a child;",
				"was committed within the framework of a criminal organisation;",
				"was committed by a public official in the performance of his or her duties;",
			}},
			{Amended: true, Text: "Member States may provide that the dissemination of images or videos of the victim by means of information and communication technology is an aggravating circumstance."},
		}},
		{Num: "8", Title: "Non-prosecution or non-application of penalties to the victim", Paras: []dirPara{
			{Text: "Member States shall, in accordance with the basic principles of their legal systems, take the necessary measures to ensure that competent national authorities are entitled not to prosecute or impose penalties on victims of trafficking for their involvement in criminal activities which they have been compelled to commit."},
		}},
		{Num: "11", Title: "Assistance and support for victims", Paras: []dirPara{
			{Text: "Member States shall take the necessary measures to ensure that assistance and support are provided to victims before, during and for an appropriate period of time after the conclusion of criminal proceedings."},
			{Amended: true, Text: "Member States shall establish, by means of laws, regulations or administrative provisions, one or more national referral mechanisms for the early identification of, assistance to and support for victims, and shall appoint a national focal point for the referral of victims."},
			{Text: "Member States may provide assistance and support through non-governmental organisations."},
		}},
		{Num: "17", Title: "Compensation to victims", Paras: []dirPara{
			{Text: "Member States shall ensure that victims of trafficking in human beings have access to existing schemes of compensation to victims of violent crimes of intent."},
		}},
		{Num: "18a", Title: "Offences concerning the use of services which are the objects of exploitation", Amended: true, Paras: []dirPara{
			{Text: "Member States shall take the necessary measures to ensure that knowingly using services which are the objects of exploitation, with the knowledge that the person is a victim of an offence referred to in Article 2, is a criminal offence."},
		}},
		{Num: "19", Title: "National rapporteurs or equivalent mechanisms", Paras: []dirPara{
			{Text: "Member States shall take the necessary measures to establish national rapporteurs or equivalent mechanisms. The tasks of such mechanisms shall include:", Points: []string{
				"carrying out assessments of trends in trafficking in human beings;",
				"measuring results of anti-trafficking actions, including gathering statistics;",
				"reporting.",
			}},
			{Amended: true, Text: "Member States shall adopt and regularly update a national action plan against trafficking in human beings, at the latest every five years."},
		}},
	}
	var w strings.Builder
	pf := func(format string, a ...any) { fmt.Fprintf(&w, format, a...) }
	pf(`<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<title>SAMPLE – Directive 2099/36/EU (consolidated) – invented text for software testing</title>
</head>
<body>
<div class="eli-container">
<p class="disclaimer">SAMPLE – invented text for software testing. This is not an official text of any institution and does not reproduce any real legal act.</p>
<p class="hd-date">02099L0036 — EN — 15.07.2100 — 001.001</p>
<p class="hd-modifiers">Amended by: ►M1 Directive (EU) 2099/1712 of the sample Parliament and of the sample Council (SAMPLE)</p>
<p class="arrow">▼B</p>
<p class="title-doc-first">DIRECTIVE 2099/36/EU OF THE SAMPLE PARLIAMENT AND OF THE SAMPLE COUNCIL</p>
<p class="title-doc-last">on preventing and combating trafficking in human beings and protecting its victims (SAMPLE – invented text)</p>
`)
	for _, a := range arts {
		if a.Amended {
			pf(`<p class="arrow">▼M1</p>` + "\n")
		}
		pf(`<div class="eli-subdivision" id="art_%s">`+"\n", a.Num)
		pf(`<p class="title-article-norm">Article %s</p>`+"\n", a.Num)
		pf(`<div class="eli-title"><p class="stitle-article-norm">%s</p></div>`+"\n", html.EscapeString(a.Title))
		for i, p := range a.Paras {
			if p.Amended && !a.Amended {
				pf(`<p class="arrow">▼M1</p>` + "\n")
			}
			txt := html.EscapeString(p.Text)
			if len(a.Paras) > 1 {
				pf(`<div class="norm"><span class="no-parag">%d.   </span><div class="inline-element">%s</div></div>`+"\n", i+1, txt)
			} else {
				pf(`<p class="norm">%s</p>`+"\n", txt)
			}
			for j, pt := range p.Points {
				pf(`<table width="100%%" border="0" cellspacing="0" cellpadding="0"><col width="4%%"><col width="96%%"><tbody><tr><td valign="top"><p class="norm">(%c)</p></td><td valign="top"><p class="norm">%s</p></td></tr></tbody></table>`+"\n", 'a'+j, html.EscapeString(pt))
			}
			if p.Amended && !a.Amended && i+1 < len(a.Paras) {
				pf(`<p class="arrow">▼B</p>` + "\n")
			}
		}
		pf("</div>\n")
		if a.Amended {
			pf(`<p class="arrow">▼B</p>` + "\n")
		}
	}
	// One inline amendment inside an original sentence, as EUR-Lex marks it.
	pf(`<div class="eli-subdivision" id="art_22">
<p class="title-article-norm">Article 22</p>
<div class="eli-title"><p class="stitle-article-norm">Transposition</p></div>
<p class="norm">Member States shall bring into force the laws, regulations and administrative provisions necessary to comply with this Directive by ►M1 15 July 2101 ◄.</p>
</div>
</div>
</body></html>
`)
	return w.String()
}
