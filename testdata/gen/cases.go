package main

import (
	"context"
	"fmt"
	"path"
	"sort"
)

const casesDir = "extract/testdata/cases"

// cases writes one folder per PDF layout case under extract/testdata/cases:
// input.pdf, want.txt, and want-footnotes.txt / want-bold.txt where the case
// has footnotes or bold spans.
func (g *gen) cases(ctx context.Context) error {
	docs := map[string]*doc{
		"numbered-paragraphs":      caseNumbered(),
		"bold-recommendations":     caseBold(),
		"header-footer":            caseHeaderFooter(),
		"footnotes":                caseFootnotes(),
		"hyphenation":              caseHyphenation(),
		"two-columns":              caseTwoColumns(),
		"hungarian-accents":        caseHungarian(),
		"table":                    caseTable(),
		"gazette-two-columns":      caseGazette(),
		"cff-report":               caseCFFReport(),
		"numbered-recommendations": caseRecommendations(),
	}
	for name := range docs {
		if !g.wantCase(name) {
			delete(docs, name)
		}
	}
	for name := range g.caseNames {
		if _, ok := docs[name]; !ok && name != fpdfCaseName {
			return fmt.Errorf("no case %q", name)
		}
	}
	err := g.render(ctx, docs, []string{"pdf"}, func(name, format string) string {
		if format == "fodt" {
			return path.Join(casesDir, name, "source.fodt")
		}
		return path.Join(casesDir, name, "input."+format)
	})
	if err != nil {
		return err
	}
	names := make([]string, 0, len(docs))
	for name := range docs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := g.writeWant(name, docs[name]); err != nil {
			return err
		}
	}
	if !g.wantCase(fpdfCaseName) {
		return nil
	}
	return g.fpdfCase()
}

func (g *gen) writeWant(name string, d *doc) error {
	body, notes, bold := d.Text()
	dir := path.Join(casesDir, name)
	if err := g.write(path.Join(dir, "want.txt"), []byte(body)); err != nil {
		return err
	}
	if notes != "" {
		if err := g.write(path.Join(dir, "want-footnotes.txt"), []byte(notes)); err != nil {
			return err
		}
	}
	if bold != "" {
		if err := g.write(path.Join(dir, "want-bold.txt"), []byte(bold)); err != nil {
			return err
		}
	}
	return nil
}

func caseNumbered() *doc {
	d := &doc{Title: "Numbered paragraphs – SAMPLE fixture"}
	d.Blocks = []block{
		heading{0, "Numbered paragraphs (SAMPLE – invented text for software testing)"},
		heading{1, "I. Introduction"},
		np("1.", t("This fixture is invented text for testing the extraction of numbered paragraphs. Each paragraph starts with its number, set apart from the text by a tab and a hanging indent, as in evaluation reports of monitoring bodies.")),
		np("2.", t("The second paragraph is long enough to run over several lines, so that the continuation lines start at the indent and not at the number. The national authorities described the legislative changes made since the previous evaluation and the institutional framework for action against trafficking in human beings.")),
		np("3.", t("A short paragraph.")),
		heading{1, "II. Paragraphs with larger numbers"},
		np("9.", t("Paragraph numbers are not always consecutive in an excerpt: this one is number nine.")),
		np("10.", t("Number ten has two digits, which moves the start of the text if the number is not followed by a tab stop.")),
		np("99.", t("Number ninety-nine is followed by number one hundred.")),
		np("100.", t("Number one hundred has three digits. The text of a paragraph may itself contain numbers such as 2.5 per cent, Article 12 or the year 2098, which must not be taken for paragraph numbers.")),
		heading{1, "III. Conclusions and recommendations"},
		np("115.", t("The recommendations formulated during the interactive dialogue and listed below have been examined by the State under review and enjoy its support:")),
		np("115.1", t("Continue efforts to prevent and combat trafficking in persons, in particular women and children (Freedonia);")),
		np("115.2", t("Strengthen the identification of victims of trafficking among migrants and asylum seekers (Ruritania);")),
		np("115.9", t("Ensure that victims of trafficking have access to compensation, legal aid and adequate shelters, and that those responsible are prosecuted and punished (Sylvania) (Genovia);")),
		np("115.10", t("Adopt a new national action plan against trafficking in human beings (Latveria);")),
		np("115.23", t("Provide systematic training for police officers, prosecutors, judges and labour inspectors on the identification of victims of trafficking for labour exploitation, and allocate sufficient resources to the national referral mechanism (Wakanda).")),
		np("116.", t("All conclusions and recommendations contained in the present report reflect the position of the submitting State(s) and the State under review.")),
	}
	return d
}

func caseBold() *doc {
	d := &doc{Title: "Bold recommendations – SAMPLE fixture"}
	d.Blocks = []block{
		heading{0, "Bold recommendations (SAMPLE – invented text for software testing)"},
		heading{1, "1. Identification of victims"},
		np("31.", t("The authorities informed GRETA that 41 victims were identified in 2097, most of them for sexual exploitation. GRETA notes that the number of identified victims of labour exploitation remains low. "),
			b("GRETA urges the authorities to strengthen the proactive identification of victims of trafficking for the purpose of labour exploitation, including in agriculture and construction."),
			t(" GRETA also refers to its previous recommendations on this matter.")),
		np("32.", b("GRETA considers that the authorities should provide labour inspectors with the mandate and resources to detect cases of trafficking."),
			t(" Labour inspectors met during the visit had received no training on the indicators of trafficking.")),
		np("33.", t("GRETA welcomes the adoption of the new victim identification guidelines. "),
			b("GRETA invites the authorities to evaluate the use of the guidelines by front-line professionals."),
		),
		np("34.", t("GRETA is concerned by reports that presumed victims have been fined for offences they were compelled to commit. "),
			b("GRETA urges the authorities to:")),
		para{Style: "bullet", Runs: []span{b("–\tadopt a provision on the non-punishment of victims of trafficking for their involvement in unlawful activities, to the extent that they were compelled to do so;")}},
		para{Style: "bullet", Runs: []span{b("–\tissue guidance to police officers and prosecutors on the application of the non-punishment principle;")}},
		para{Style: "bullet", Runs: []span{b("–\tensure that fines imposed on victims are reviewed.")}},
		np("35.", t("This paragraph has no bold text at all and is not a recommendation, although it mentions that GRETA urged the authorities to act in its previous report.")),
	}
	return d
}

func caseHeaderFooter() *doc {
	d := &doc{Title: "Header and footer – SAMPLE fixture", Header: "GRETA(2099)02 – SAMPLE fixture", Footer: "Page ", PageNums: true, TitlePage: true}
	d.Blocks = []block{
		heading{0, "Running header and footer (SAMPLE – invented text for software testing)"},
		para{Style: "centre", Runs: []span{t("The title page has no running header and no page number.")}},
		pageBreak{},
		heading{1, "I. Body text over several pages"},
	}
	topics := []string{
		"identification of victims", "assistance to victims", "compensation", "labour exploitation",
		"child trafficking", "the non-punishment principle", "training of professionals", "data collection",
		"international co-operation", "investigations and prosecutions", "residence permits", "online recruitment",
	}
	n := 1
	for i := 0; i < 3; i++ {
		for _, tp := range topics {
			d.Blocks = append(d.Blocks, np(fmt.Sprintf("%d.", n), t(fmt.Sprintf(
				"Paragraph %d concerns %s. It is invented text for a fixture whose running header repeats the document symbol on every page after the first, and whose footer carries the page number. The extractor must remove both and keep the paragraphs, including any paragraph that continues from one page to the next, joined into one.", n, tp))))
			n++
		}
		if i < 2 {
			d.Blocks = append(d.Blocks, heading{1, []string{"II. Further paragraphs", "III. Final paragraphs"}[i]})
		}
	}
	return d
}

func caseFootnotes() *doc {
	d := &doc{Title: "Footnotes – SAMPLE fixture", Header: "SAMPLE fixture – footnotes", PageNums: true}
	d.Blocks = []block{
		heading{0, "Footnotes (SAMPLE – invented text for software testing)"},
		np("12.", fn("The Criminal Code was amended in 2097 to extend the definition of trafficking to forced begging and forced criminality.", "Act C of 2097 amending the Criminal Code (invented reference)."),
			t(" The amendment entered into force on 1 January 2098.")),
		np("13.", t("According to the statistics provided by the authorities,"), fn(" 57 presumed victims were referred to assistance in 2097", "Data provided by the National Coordinator, sample figures."),
			t(", compared with 38 in 2096. GRETA was informed that most of them were adult women.")),
		np("14.", t("Footnote markers are small superscript numbers; the body text must not contain them, and the footnote texts belong in a separate stream.")),
	}
	for i := 15; i < 24; i++ {
		d.Blocks = append(d.Blocks, np(fmt.Sprintf("%d.", i), t("This is filler text that pushes the following footnotes onto the second page. GRETA notes that the invented shelter network has 120 places, of which 16 are reserved for men and 8 for children. The national referral mechanism is co-ordinated by an invented office attached to the ministry.")))
	}
	d.Blocks = append(d.Blocks,
		np("24.", t("A footnote on the second page"), fn(" follows this clause", "See also paragraph 13 above and the sample action plan, measure 4."), t(", and a second one ends the sentence."), fn("", "Second footnote on the same page; it is long enough to wrap onto a second line in the footnote area at the bottom of the page.")),
		np("25.", t("The last paragraph has no footnote.")),
	)
	return d
}

func caseHyphenation() *doc {
	d := &doc{Title: "Hyphenation – SAMPLE fixture", Lang: "en-US", Hyphenate: true, Size: 12}
	d.Blocks = []block{
		heading{0, "Hyphenation (SAMPLE – invented text for software testing)"},
		np("1.", t("The Inter-Ministerial Working Group on anti-trafficking policy is responsible for the implementation, monitoring and evaluation of the national strategy. Notwithstanding the considerable institutionalisation of co-operation, representatives of non-governmental organisations characterised the co-ordination as insufficiently comprehensive.")),
		np("2.", t("Internationalisation of recruitment, subcontracting arrangements and intermediaries operating transnationally complicate investigations. Prosecutors acknowledged that the interrelationship between labour exploitation and trafficking remains underestimated, notwithstanding extraordinarily comprehensive guidelines.")),
		np("3.", t("Real hyphens must survive: anti-trafficking, Inter-Ministerial, non-governmental, co-operation, self-identification, cross-border, follow-up, decision-making, well-being and twenty-four. When a line happens to break at such a hyphen, the hyphen is part of the word and stays.")),
		np("4.", t("Telecommunications, pharmaceutical, accommodation, administrative, professionalisation, characteristically, disproportionately and uncharacteristically are long words that automatic hyphenation is likely to divide at the end of a line in a narrow column.")),
		np("5.", t("Multidisciplinary, interdepartmental, counterproductive, responsibilities, recommendations, rehabilitation, intergovernmental and unconstitutionality complete this invented list for the anti-trafficking Inter-Ministerial co-ordination fixture.")),
	}
	return d
}

func caseTwoColumns() *doc {
	d := &doc{Title: "Two columns – SAMPLE fixture", Columns: 2, Size: 10}
	d.Blocks = []block{
		heading{0, "Two columns (SAMPLE – invented text for software testing)"},
	}
	for i := 1; i <= 8; i++ {
		side := "left"
		if i > 4 {
			side = "right"
		}
		d.Blocks = append(d.Blocks, np(fmt.Sprintf("%d.", i), t(fmt.Sprintf(
			"Paragraph %d should appear in the %s column of the first page. Text in two columns must be read column by column, top to bottom, never across the gutter from one column to the other, even when the lines of both columns share the same vertical positions on the page. The invented sample mentions victims, shelters and labour inspectors only to look like the documents the tool reads.", i, side))))
	}
	return d
}

func caseHungarian() *doc {
	d := &doc{Title: "Magyar ékezetek – SAMPLE fixture", Lang: "hu-HU"}
	d.Blocks = []block{
		heading{0, "Magyar ékezetek (MINTA – szoftverteszteléshez kitalált szöveg)"},
		heading{1, "I. Az áldozatok azonosítása"},
		para{Runs: []span{t("Árvíztűrő tükörfúrógép. ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP. A hosszú ő és ű betűk (Ő, Ű) más kódolásban is előfordulnak, ezért a kinyerésnek mindet pontosan vissza kell adnia: á é í ó ö ő ú ü ű, Á É Í Ó Ö Ő Ú Ü Ű.")}},
		np("1.", t("Az emberkereskedelem áldozatainak korai azonosítása érdekében felül kell vizsgálni az áldozatazonosító kérdőívet, és ki kell terjeszteni a munkaügyi ellenőrzést végző szakemberekre.")),
		para{Style: "indent", Runs: []span{t("Felelős: belügyminiszter, foglalkoztatáspolitikáért felelős miniszter")}},
		para{Style: "indent", Runs: []span{t("Határidő: 2099. december 31.")}},
		np("2.", t("A kísérő nélküli kiskorúak részére biztosítani kell a gyermekvédelmi gyámot és a biztonságos elhelyezést, különös tekintettel a külföldi állampolgárságú gyermekekre.")),
		para{Style: "indent", Runs: []span{t("Felelős: szociálpolitikáért felelős miniszter")}},
		para{Style: "indent", Runs: []span{t("Határidő: folyamatos")}},
		np("3.", t("Ősszel és tűzőnapon is: a büntetlenség elvének érvényesülését elősegítő útmutatót kell kiadni a rendőrség és az ügyészség számára.")),
		para{Style: "indent", Runs: []span{t("Felelős: igazságügyi miniszter, legfőbb ügyész (felkérés útján)")}},
		para{Style: "indent", Runs: []span{t("Határidő: 2099. június 30.")}},
	}
	return d
}

func caseTable() *doc {
	d := &doc{Title: "Table – SAMPLE fixture"}
	d.Blocks = []block{
		heading{0, "Table (SAMPLE – invented text for software testing)"},
		p(t("The paragraph before the table introduces an invented action plan table with four columns.")),
		table{Widths: []float64{1.2, 7, 4, 3.8}, Header: true, Rows: [][]string{
			{"No.", "Measure", "Responsible", "Deadline"},
			{"1", "Review the victim identification questionnaire and extend it to labour inspectors.", "Minister of the Interior", "31 December 2099"},
			{"2", "Set up a compensation fund for victims of trafficking.", "Minister of Justice", "30 June 2099"},
			{"3", "Train 300 police officers on online recruitment of victims.", "National Police", "ongoing"},
			{"4", "Publish annual statistics on identified victims.", "National Coordinator", "31 March each year"},
		}},
		p(t("The paragraph after the table closes the fixture.")),
	}
	return d
}
