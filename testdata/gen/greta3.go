package main

import "fmt"

const (
	urge     = "urge"
	consider = "consider"
	invite   = "invite"
	callsOn  = "calls on"
	recomm   = "recommends"
)

const urgeIntro = "GRETA urges the Hungarian authorities to:"

// greta3 is the invented third-round GRETA-style evaluation report on
// Hungary, GRETA(2099)01.
func greta3() *report {
	r := &report{d: &doc{
		Title:     "SAMPLE – Evaluation Report – Hungary – Third evaluation round – GRETA(2099)01",
		Header:    "GRETA(2099)01 – SAMPLE – invented text for software testing",
		Footer:    "-",
		PageNums:  true,
		TitlePage: true,
		Size:      10.5,
	}}
	r.add(
		para{Style: "centre", Runs: []span{t("SAMPLE – invented text for software testing. This is not a GRETA document.")}},
		para{Style: "centre", Runs: []span{t("GRETA(2099)01")}},
		para{Style: "centre", Runs: []span{t("Group of Experts on Action against Trafficking in Human Beings (sample)")}},
		heading{0, "Evaluation Report – Hungary – Third evaluation round"},
		para{Style: "centre", Runs: []span{t("Access to justice and effective remedies for victims of trafficking in human beings")}},
		para{Style: "centre", Runs: []span{t("Adopted on 14 October 2099")}},
		para{Style: "centre", Runs: []span{t("Published on 3 February 2100")}},
		pageBreak{},
	)
	r.h1("Preamble")
	r.add(
		p(t("This sample report imitates the structure of an evaluation report under a Council of Europe-style convention against trafficking in human beings. Every name, figure, date and finding in it is invented for the testing of software, and none of it describes any real country or authority.")),
		p(t("The monitoring procedure is divided into rounds. In the sample third round, the Group of Experts examines access to justice and effective remedies for victims, and follows up the recommendations of the second round. It uses three verbs to express the urgency of its proposals: \"urge\" where law or practice is not in compliance, \"consider\" where further improvements are necessary, and \"invite\" where the authorities are on the right track.")),
	)
	r.h1("Executive summary")
	r.add(
		p(t("Since the second evaluation round, the Hungarian authorities have amended the Criminal Code, adopted a national strategy and set up an invented victim identification and referral office. The number of identified victims has increased, but remains low for trafficking for labour exploitation.")),
		p(t("Victims rarely receive compensation from perpetrators and the state compensation scheme is little used. Legal aid is not available to victims from the first contact with the authorities. The non-punishment principle is not applied consistently.")),
		p(t("GRETA urges the authorities to improve the identification of victims, to make compensation accessible and to ensure that victims are not punished for offences they were compelled to commit. Further recommendations concern children, labour inspection, shelters, training and data collection.")),
	)

	r.h1("I. Introduction")
	r.para(
		"The first evaluation of the implementation of the sample Convention by Hungary took place in 2094–2095 and the second in 2097–2098. The second report was published in the sample series as GRETA(2098)01.",
		"The third evaluation round focuses on access to justice and effective remedies for victims of trafficking, which is essential for their rehabilitation and the restoration of their rights. GRETA also examines the measures taken in follow-up to its second-round recommendations.",
		"A delegation of GRETA carried out an invented evaluation visit to Hungary from 2 to 6 May 2099. It held meetings with the National Coordinator, officials of the ministries concerned, the police, the prosecution service, judges, the labour inspectorate, and representatives of non-governmental organisations and lawyers.",
		"The present report was adopted by GRETA at its sample plenary meeting and covers the situation up to 14 October 2099. The authorities' comments are reproduced at the end of the report.",
		"GRETA is grateful for the assistance provided by the contact person appointed by the authorities and for the information supplied in reply to the questionnaire.",
	)

	r.h1("II. Overview of the current situation")
	r.paraSpans(fn("According to the authorities, 212 presumed victims of trafficking were identified in the period 2095–2098, of whom 61% were women and 27% children.", "Figures provided by the invented National Coordinator's office; all numbers in this sample are invented."),
		t(" Most victims were Hungarian nationals exploited in other countries; the main countries of destination were invented states A, B and C."))
	r.para(
		"Sexual exploitation remained the main form of exploitation, followed by labour exploitation, forced begging and forced criminality. GRETA notes an increase in cases of labour exploitation in agriculture, construction and the hospitality sector.",
		"Statistics are collected separately by the police, the prosecution service and the victim support service, and the figures cannot be compared because they use different definitions of a victim.",
		"The number of presumed victims of forced criminality rose from three in 2095 to 14 in 2098. Most of them were young men exploited in shoplifting and pickpocketing in other countries.",
		"Non-governmental organisations consider the official figures an underestimate, in particular as regards children exploited in prostitution within Hungary.",
	)
	r.recPara("GRETA notes that no single body is in charge of consolidating the data.",
		rec{Key: "data", Strength: consider, Topic: "data collection and research",
			Text: "GRETA considers that the Hungarian authorities should develop a comprehensive and coherent statistical system on trafficking in human beings, compiling reliable data from all main actors, disaggregated by sex, age, form of exploitation and country of origin, while respecting the protection of personal data."})

	r.h1("III. Developments in the legal, institutional and policy framework")
	r.para(
		"Since the second evaluation round, Section 192 of the invented Criminal Code has been amended to cover exploitation in forced criminality and to raise the penalties where the offence is committed against a child.",
		"The National Coordinator, a deputy state secretary in the Ministry of the Interior, chairs the National Coordination Mechanism, in which ministries, the police, the prosecution service and the labour inspectorate take part. An NGO Roundtable meets twice a year.",
		"The second national strategy covered the period 2096–2099 and was implemented through two-year action plans adopted as Government Decisions. GRETA was informed that a new strategy is in preparation.",
		"No independent evaluation of the second strategy has been carried out. The action plans contained 64 measures, for which no budget was specified in most cases.",
		"The function of national rapporteur is performed by the National Coordinator. GRETA notes that the two functions are not separated.",
	)
	r.recPara("GRETA welcomes the regular meetings of the NGO Roundtable.",
		rec{Key: "coord", Strength: invite, Topic: "coordination and national rapporteur",
			Text: "GRETA invites the Hungarian authorities to ensure that the next national strategy is based on an independent evaluation of the previous one and that civil society is involved in its preparation and monitoring."})

	r.h1("IV. Access to justice and effective remedies for victims of trafficking")
	r.h2("1. Introduction")
	r.para("Victims of trafficking, by virtue of their status as victims of human rights violations, are entitled to effective remedies. Access to justice includes information, legal assistance, compensation, and protection during proceedings.")
	r.h2("2. Right to information")
	r.para("Presumed victims receive an information leaflet in Hungarian, English and five other languages. Lawyers told GRETA that the leaflet is handed over at the end of the first interview, often without explanation.")
	r.recPara("GRETA is concerned that victims do not understand the procedures open to them.",
		rec{Key: "info", Strength: consider, Topic: "compensation and legal aid",
			Text: "GRETA considers that the Hungarian authorities should ensure that presumed victims are informed, from the first contact and in a language they understand, of their rights, the recovery and reflection period and the procedures available to them."})
	r.h2("3. Legal assistance and free legal aid")
	r.para(
		"Under the invented Act on Legal Aid, victims may receive free legal aid if their income is below a threshold. In practice, legal aid is granted only after the victim has been formally recognised as an injured party in criminal proceedings.",
		"Non-governmental organisations provide some legal counselling through projects funded for one year at a time. Few lawyers are specialised in representing victims of trafficking.",
		"Victims who are not Hungarian nationals must submit the application for legal aid in Hungarian, and interpretation is not covered.",
	)
	r.recPara("",
		rec{Key: "legalaid", Strength: urge, Topic: "compensation and legal aid",
			Text: "GRETA urges the Hungarian authorities to guarantee effective access to free legal aid for victims of trafficking from the moment there are reasonable grounds to believe that a person is a victim, and to encourage the specialisation of lawyers in representing them."})
	r.h2("4. Access to work and vocational training")
	r.para("Foreign victims with a residence permit may work in Hungary, but no programme supports their access to the labour market. GRETA notes that some victims have been placed in public work schemes.")
	r.recPara("",
		rec{Key: "work", Strength: invite, Topic: "assistance and shelter",
			Text: "GRETA invites the Hungarian authorities to facilitate the access of victims to vocational training and the labour market, including through partnerships with employers."})
	r.h2("5. Compensation")
	r.para(
		"Victims may claim compensation from the offender in criminal proceedings as civil parties, or in separate civil proceedings. GRETA was informed of only four cases in which a court awarded compensation to a victim of trafficking between 2095 and 2098, and of none in which the compensation was actually paid.",
		"Courts frequently refer compensation claims to civil proceedings, which victims seldom pursue because of their cost and length.",
		"The invented state compensation scheme is open only to victims of violent crimes who are nationals or lawful residents, and requires a final judgment. No victim of trafficking has received state compensation.",
	)
	r.paraSpans(t("Financial investigations are rarely conducted and assets are seldom seized, which makes it impossible to pay compensation from the proceeds of crime."),
		fn(" The sample figures for confiscated assets were reported as nil for 2097 and 2098.", "Information provided by the invented Asset Recovery Office."))
	r.listPara("GRETA is concerned that compensation remains out of reach for victims of trafficking.", urgeIntro, urge,
		rec{Key: "comp-state", Topic: "compensation and legal aid", Repeats: "r2-comp",
			Text: "make the state compensation scheme accessible to all victims of trafficking, regardless of their nationality and residence status, and without requiring a final conviction;"},
		rec{Key: "comp-claims", Topic: "compensation and legal aid",
			Text: "ensure that prosecutors systematically request compensation on behalf of victims and that courts make use of all possibilities to award it;"},
		rec{Key: "comp-assets", Topic: "investigation and prosecution, sanctions",
			Text: "make full use of legislation on the freezing and confiscation of assets to secure compensation to victims of trafficking."},
	)
	r.h2("6. Investigations, prosecutions, sanctions and measures")
	r.para(
		"In the period 2095–2098, the police opened 143 investigations into trafficking. Prosecutions were brought in 58 cases and 31 persons were convicted, of whom 19 received prison sentences of more than three years.",
		"Many cases of trafficking are prosecuted as procuring or as labour law offences, which carry lighter penalties. Prosecutors attributed this to the difficulty of proving the means of coercion.",
		"The police unit specialised in trafficking has 14 investigators for the whole country. GRETA was told that investigations rely heavily on the testimony of victims.",
		"The average length of criminal proceedings in trafficking cases was reported to be three years and four months. Several cases were terminated because the victim could not be located.",
		"GRETA was informed of one case in which a legal person was held liable for trafficking-related offences; the fine imposed was the equivalent of 2,000 euros.",
	)
	r.recPara("",
		rec{Key: "invest", Strength: urge, Topic: "investigation and prosecution, sanctions",
			Text: "GRETA urges the Hungarian authorities to take measures to ensure that trafficking offences are proactively investigated and prosecuted as trafficking, leading to proportionate and dissuasive sanctions, and that the specialised police unit has sufficient staff."})
	r.recPara("GRETA notes that evidence other than victim testimony is seldom gathered.",
		rec{Key: "fininv", Strength: consider, Topic: "investigation and prosecution, sanctions",
			Text: "GRETA considers that the Hungarian authorities should systematically conduct financial investigations in trafficking cases and make use of special investigation techniques."})
	r.h2("7. Non-punishment provision")
	r.para(
		"Hungarian law contains no specific provision on the non-punishment of victims of trafficking. The authorities referred to the general provisions on duress in the Criminal Code.",
		"GRETA was informed of cases in which presumed victims of forced begging and sexual exploitation were fined for petty offences, and of a case in which a presumed victim of forced criminality was sentenced for theft.",
		"Prosecutors met during the visit were not aware of any case in which proceedings against a presumed victim had been discontinued on the basis of the non-punishment principle.",
	)
	r.recPara("",
		rec{Key: "nonpun", Strength: urge, Topic: "non-punishment of victims", Repeats: "r2-nonpun",
			Text: "GRETA urges the Hungarian authorities to adopt a specific provision on the non-punishment of victims of trafficking for their involvement in unlawful activities, to the extent that they were compelled to do so, and to issue guidance to police officers and prosecutors on its application."})
	r.h2("8. Protection of victims and witnesses")
	r.para("Victims may give evidence by video link and have their personal data withheld. Lawyers reported that victims were nonetheless confronted with defendants in court corridors.")
	r.recPara("",
		rec{Key: "protect", Strength: consider, Topic: "investigation and prosecution, sanctions",
			Text: "GRETA considers that the Hungarian authorities should make full use of the available measures to protect victims and witnesses of trafficking and to prevent intimidation during investigations and court proceedings."})
	r.h2("9. Specialised authorities and co-ordinating bodies")
	r.para("There are no judges specialised in trafficking cases. Training for judges is offered by the invented Judicial Academy on a voluntary basis.")
	r.recPara("",
		rec{Key: "judges", Strength: invite, Topic: "training of professionals",
			Text: "GRETA invites the Hungarian authorities to promote the specialisation of judges and prosecutors in trafficking cases."})
	r.h2("10. International co-operation")
	r.para("Hungary has concluded agreements on police co-operation with several countries of destination, and joint investigation teams were set up in three cases.")
	r.recPara("GRETA welcomes these joint investigations.",
		rec{Key: "intl", Strength: invite, Topic: "international co-operation and return",
			Text: "GRETA invites the Hungarian authorities to continue their international co-operation in investigations and to use it to secure compensation for Hungarian victims exploited abroad."})
	r.h2("11. Cross-cutting issues")
	r.para("Child victims are interviewed in child-friendly rooms in only two counties. GRETA notes that children are sometimes interviewed several times.")
	r.recPara("",
		rec{Key: "childproc", Strength: consider, Topic: "child trafficking and unaccompanied children",
			Text: "GRETA considers that the Hungarian authorities should ensure child-sensitive procedures, including a limited number of interviews in child-friendly settings, throughout criminal proceedings involving child victims of trafficking."})

	r.add(pageBreak{})
	r.h1("V. Follow-up topics specific to Hungary")
	r.h2("1. Labour exploitation and labour inspection")
	r.para(
		"The labour inspectorate is part of the invented Ministry for Employment. Its inspectors may inspect workplaces only during working hours and have no mandate to check the working conditions of self-employed persons or of workers posted by foreign agencies.",
		"Non-governmental organisations reported cases of Hungarian workers recruited for seasonal agricultural work, housed in overcrowded accommodation and paid less than half of the agreed wage.",
		"In 2098, the labour inspectorate carried out 18,000 inspections and detected irregularities in 62% of them, but referred only two cases to the police on suspicion of trafficking.",
		"Third-country nationals recruited through temporary work agencies are increasingly employed in manufacturing. Their residence permit is tied to one employer, which makes them dependent on it.",
	)
	r.recPara("",
		rec{Key: "labinsp", Strength: urge, Topic: "labour exploitation and labour inspection", Repeats: "r2-labour",
			Text: "GRETA urges the Hungarian authorities to strengthen the mandate, staffing and training of labour inspectors so that they can detect cases of trafficking for labour exploitation in all sectors, and to ensure close co-operation between labour inspectors and the police."})
	r.recPara("GRETA notes that public procurement rules contain no requirement on human rights due diligence.",
		rec{Key: "supply", Strength: consider, Topic: "corporate supply chains",
			Text: "GRETA considers that the Hungarian authorities should work with the private sector to prevent trafficking in supply chains, including through public procurement."})
	r.h2("2. Identification of victims")
	r.para(
		"The invented Government Decree on victim identification provides for a questionnaire that may be used by the police, consular staff, child protection services and victim support services. Labour inspectors and asylum officers are not among the bodies that may identify victims.",
		"The number of identified victims of labour exploitation remained at fewer than ten a year, although the police received many more reports of exploitative working conditions.",
		"Presumed victims who do not wish to co-operate with the police are not formally identified and do not receive the assistance provided for identified victims.",
		"Asylum seekers are not screened for indicators of trafficking, and GRETA was informed of no case in which a victim was identified in the asylum procedure.",
	)
	r.listPara("GRETA is concerned that the identification of victims depends on their co-operation with the police.", urgeIntro, urge,
		rec{Key: "ident-proactive", Topic: "identification of victims", Repeats: "r2-ident",
			Text: "take steps to improve the proactive identification of victims of trafficking, in particular for the purpose of labour exploitation;"},
		rec{Key: "ident-labour", Topic: "identification of victims",
			Text: "include labour inspectors and asylum officers among the professionals who may identify victims, and provide them with indicators and guidance;"},
		rec{Key: "ident-coop", Topic: "identification of victims",
			Text: "ensure that the identification of victims is not conditional on their co-operation in criminal proceedings."},
	)
	r.h2("3. National referral mechanism")
	r.para("The victim support service operates a hotline and refers presumed victims to shelters. There is no written procedure setting out the roles of the different bodies in the referral of victims, and NGOs are not formally part of it.")
	r.recPara("",
		rec{Key: "nrm", Strength: callsOn, Topic: "national referral mechanism", Repeats: "r2-nrm",
			Text: "GRETA calls on the Hungarian authorities to formalise the national referral mechanism, setting out the roles and responsibilities of all actors, including specialised NGOs, and to ensure that it covers all forms of exploitation."})
	r.h2("4. Assistance to victims and shelters")
	r.para(
		"The invented shelter network comprises 11 shelters with 120 places, including a halfway house. Only 16 places are available for men, and there is no specialised shelter for victims of labour exploitation.",
		"Funding for shelters is provided through annual calls, which NGOs said creates uncertainty about the continuity of services.",
		"Victims may stay in a shelter for up to 90 days, extendable to six months, after which they may move to a halfway house. Medical care is provided, but psychological assistance depends on project funding.",
	)
	r.recPara("",
		rec{Key: "shelter", Strength: consider, Topic: "assistance and shelter",
			Text: "GRETA considers that the Hungarian authorities should ensure that sufficient places in specialised shelters are available for all victims, including men and victims of labour exploitation, and that funding for assistance is sustainable."})
	r.h2("5. Child victims and unaccompanied children")
	r.para(
		"Children placed in child protection institutions continue to be recruited by traffickers, in particular for sexual exploitation. GRETA was informed that children frequently go missing from institutions.",
		"Unaccompanied foreign children are placed in a single invented children's home. A guardian is appointed only after several weeks.",
		"In 2098, 1,240 children went missing from child protection institutions at least once. The police do not record whether the disappearance is linked to exploitation.",
	)
	r.listPara("", urgeIntro, urge,
		rec{Key: "child-inst", Topic: "child trafficking and unaccompanied children", Repeats: "r2-child",
			Text: "prevent the trafficking of children in child protection institutions, including by training staff and addressing the disappearance of children;"},
		rec{Key: "child-guard", Topic: "child trafficking and unaccompanied children",
			Text: "appoint a qualified guardian to every unaccompanied or separated child without delay and provide them with safe accommodation."},
	)
	r.h2("6. Residence permits")
	r.para("Foreign victims may receive a residence permit if they co-operate with the authorities. No permit has been issued on the basis of the victim's personal situation.")
	r.recPara("",
		rec{Key: "resid", Strength: consider, Topic: "residence permits",
			Text: "GRETA considers that the Hungarian authorities should ensure that victims of trafficking can obtain a renewable residence permit on account of their personal situation, and not only when they co-operate in criminal proceedings."})
	r.h2("7. Use of information and communication technology")
	r.para("The police reported that most victims of sexual exploitation were recruited through social media and that advertisements for sexual services are published online. The police cyber unit has no officers dedicated to trafficking.")
	r.recPara("",
		rec{Key: "ict", Strength: recomm, Topic: "online / ICT-facilitated trafficking",
			Text: "GRETA recommends that the Hungarian authorities strengthen the capacity of the police to detect and investigate trafficking facilitated by information and communication technology, and co-operate with internet companies to remove content used to recruit victims."})
	r.h2("8. Training of professionals")
	r.para("Training on trafficking is part of the basic curriculum of the police academy. Prosecutors, judges, labour inspectors and child protection staff receive training only occasionally.", "The invented Judicial Academy organised one seminar on trafficking in 2098, attended by 23 judges. No training was provided to health professionals.")
	r.recPara("GRETA welcomes the training programme of the police academy.",
		rec{Key: "train", Strength: invite, Topic: "training of professionals",
			Text: "GRETA invites the Hungarian authorities to provide regular training on trafficking to prosecutors, judges, labour inspectors, child protection staff and health professionals."})
	r.h2("9. Prevention and awareness")
	r.para("Awareness campaigns were carried out in schools in regions with high levels of poverty. Their impact was not evaluated.", "The authorities also ran an online campaign warning young people of false job offers abroad, which reached an estimated 400,000 users.")
	r.recPara("",
		rec{Key: "prev", Strength: invite, Topic: "prevention and awareness",
			Text: "GRETA invites the Hungarian authorities to evaluate the impact of awareness-raising campaigns and to target them at groups vulnerable to trafficking, including Roma communities and children leaving state care."})

	r.h1("VI. Conclusions")
	r.para(
		"Since the second evaluation round, the Hungarian authorities have taken steps to develop the legal and institutional framework for action against trafficking in human beings. GRETA welcomes these developments.",
		"However, a number of issues give rise to concern. GRETA invites the Hungarian authorities to keep it regularly informed of developments and looks forward to continuing its good co-operation with them.",
	)
	r.appendix("Appendix – List of GRETA's conclusions and proposals for action")
	r.add(pageBreak{}, heading{1, "Government's comments"},
		p(t("The following comments do not form part of GRETA's analysis of the situation in Hungary. They are invented for this sample.")),
		p(t("The Government of Hungary thanks GRETA for the constructive dialogue. The new action plan adopted as a Government Decision already contains measures on the identification of victims, compensation, the national referral mechanism and the training of professionals.")),
		p(t(fmt.Sprintf("With regard to paragraph %d, the Government notes that a bill on the extension of the state compensation scheme is being prepared by the Ministry of Justice.", r.find("comp-state").Para))),
		p(t("The Government will report on the implementation of the recommendations to the Committee of the Parties within the time limit set by it.")),
	)
	return r
}
