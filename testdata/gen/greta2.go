package main

import "fmt"

// greta2 is the invented short second-round report GRETA(2098)01; several of
// its recommendations are repeated, in other words, by the third round.
func greta2() *report {
	r := &report{d: &doc{
		Title:     "SAMPLE – Evaluation Report – Hungary – Second evaluation round – GRETA(2098)01",
		Header:    "GRETA(2098)01 – SAMPLE – invented text for software testing",
		Footer:    "-",
		PageNums:  true,
		TitlePage: true,
		Size:      10.5,
	}}
	r.add(
		para{Style: "centre", Runs: []span{t("SAMPLE – invented text for software testing. This is not a GRETA document.")}},
		para{Style: "centre", Runs: []span{t("GRETA(2098)01")}},
		heading{0, "Evaluation Report – Hungary – Second evaluation round"},
		para{Style: "centre", Runs: []span{t("Impact of measures to combat trafficking in human beings")}},
		para{Style: "centre", Runs: []span{t("Adopted on 20 March 2098")}},
		para{Style: "centre", Runs: []span{t("Published on 1 July 2098")}},
		pageBreak{},
	)
	r.h1("I. Introduction")
	r.para("The second evaluation round assesses the impact of the measures taken by the parties. This invented report covers the situation in Hungary up to March 2098.")
	r.h1("II. Main findings and recommendations")
	r.h2("1. Identification of victims")
	r.para("Most victims were identified by the police in the context of criminal investigations. Very few victims of labour exploitation were identified.")
	r.recPara("", rec{Key: "r2-ident", Strength: urge, Topic: "identification of victims",
		Text: "GRETA urges the Hungarian authorities to adopt a more proactive approach to identifying victims of trafficking for labour exploitation."})
	r.h2("2. Referral and assistance")
	r.para("There is no formal procedure for the referral of presumed victims to assistance.")
	r.recPara("", rec{Key: "r2-nrm", Strength: urge, Topic: "national referral mechanism",
		Text: "GRETA urges the Hungarian authorities to set up a national referral mechanism defining the roles of all frontline actors."})
	r.recPara("GRETA notes that assistance depends on project funding.", rec{Key: "r2-assist", Strength: consider, Topic: "assistance and shelter",
		Text: "GRETA considers that the Hungarian authorities should provide stable funding for assistance to victims."})
	r.h2("3. Children")
	r.para("Children living in state care are particularly vulnerable to recruitment by traffickers.")
	r.recPara("", rec{Key: "r2-child", Strength: urge, Topic: "child trafficking and unaccompanied children",
		Text: "GRETA urges the Hungarian authorities to address the vulnerability to trafficking of children in state institutions and to prevent children from going missing."})
	r.h2("4. Labour exploitation")
	r.para("The labour inspectorate lacks the staff and mandate to detect forced labour.")
	r.recPara("", rec{Key: "r2-labour", Strength: consider, Topic: "labour exploitation and labour inspection",
		Text: "GRETA considers that the Hungarian authorities should give labour inspectors a role in combating trafficking for labour exploitation."})
	r.h2("5. Compensation")
	r.para("No victim of trafficking has received compensation.")
	r.recPara("", rec{Key: "r2-comp", Strength: urge, Topic: "compensation and legal aid",
		Text: "GRETA urges the Hungarian authorities to facilitate access to compensation for victims of trafficking, including through the state compensation scheme."})
	r.h2("6. Non-punishment")
	r.para("Victims of forced begging have been fined.")
	r.recPara("", rec{Key: "r2-nonpun", Strength: urge, Topic: "non-punishment of victims",
		Text: "GRETA urges the Hungarian authorities to ensure compliance with the principle that victims are not punished for unlawful activities they were compelled to commit."})
	r.h2("7. Training")
	r.para("Training has been provided to police officers.")
	r.recPara("", rec{Key: "r2-train", Strength: invite, Topic: "training of professionals",
		Text: "GRETA invites the Hungarian authorities to extend training on trafficking to judges and prosecutors."})
	r.appendix("Appendix – List of GRETA's proposals")
	return r
}

// cpRec is the invented Committee of the Parties recommendation adopted on
// the basis of the third-round report; its priority items cite the report's
// paragraphs.
func cpRec(r3 *report) *doc {
	par := func(key string) int { return r3.find(key).Para }
	d := &doc{Title: "SAMPLE – Recommendation CP/Rec(2099)01 – Hungary", Size: 11, Footer: "SAMPLE – invented text for software testing"}
	d.Blocks = []block{
		para{Style: "centre", Runs: []span{t("SAMPLE – invented text for software testing. This is not a Council of Europe document.")}},
		para{Style: "centre", Runs: []span{t("Committee of the Parties (sample)")}},
		heading{0, "Recommendation CP/Rec(2099)01 on the implementation of the Council of Europe Convention on Action against Trafficking in Human Beings by Hungary"},
		para{Style: "centre", Runs: []span{t("Adopted at the sample meeting of the Committee of the Parties on 20 June 2100")}},
		p(t("The Committee of the Parties to the sample Convention on Action against Trafficking in Human Beings,")),
		p(t("Having regard to the third report on Hungary adopted by the Group of Experts (GRETA) on 14 October 2099, GRETA(2099)01, and to the comments of the Government of Hungary;")),
		p(t("Recommends that the Government of Hungary:")),
		p(t("1. Take the measures needed to implement the proposals set out in GRETA's report, with priority to the following:")),
		para{Style: "bullet", Runs: []span{t(fmt.Sprintf("–\tguarantee effective access to free legal aid for victims from the earliest stage (paragraph %d);", par("legalaid")))}},
		para{Style: "bullet", Runs: []span{t(fmt.Sprintf("–\tmake the state compensation scheme accessible to all victims of trafficking (paragraph %d);", par("comp-state")))}},
		para{Style: "bullet", Runs: []span{t(fmt.Sprintf("–\tadopt a specific non-punishment provision (paragraph %d);", par("nonpun")))}},
		para{Style: "bullet", Runs: []span{t(fmt.Sprintf("–\timprove the proactive identification of victims of trafficking for labour exploitation (paragraphs %d and %d);", par("labinsp"), par("ident-proactive")))}},
		para{Style: "bullet", Runs: []span{t(fmt.Sprintf("–\tformalise the national referral mechanism (paragraph %d);", par("nrm")))}},
		p(t("2. Inform the Committee of the Parties of the measures taken to comply with this recommendation by 20 June 2102, that is within two years.")),
	}
	return d
}
