package main

import "fmt"

// The cases in this file are set in OpenType CFF fonts (Linux Biolinum O,
// Linux Libertine O from fonts-linuxlibertine) and re-distilled to Type 1C
// with custom encodings (see type1c.go), the font family of the PDFs Adobe
// InDesign exports: the Hungarian gazette and the Dutch rapporteur reports.

// cffSans and cffSerif are the OpenType CFF families of these cases.
const (
	cffSans  = "Linux Biolinum O"
	cffSerif = "Linux Libertine O"
)

// actPoint is a numbered point of a government resolution with its lettered
// sub-points and the "Felelős:" and "Határidő:" lines.
type actPoint struct {
	Text           string
	Subs           []string
	Felelos, Hatar string
}

// act is one act of a gazette issue: a full-width centred heading and title
// line, then its body in two columns.
func act(heading, title, preamble string, points []actPoint, signer string) []block {
	body := columns{p(t(preamble))}
	for i, pt := range points {
		body = append(body, np(fmt.Sprintf("%d.", i+1), t(pt.Text)))
		for j, s := range pt.Subs {
			body = append(body, para{Num: string(rune('a'+j)) + ")", Style: "sub", Runs: []span{t(s)}})
		}
		if pt.Felelos != "" {
			body = append(body, para{Style: "indent", Runs: []span{t("Felelős: " + pt.Felelos)}})
		}
		if pt.Hatar != "" {
			body = append(body, para{Style: "indent", Runs: []span{t("Határidő: " + pt.Hatar)}})
		}
	}
	body = append(body, para{Style: "centre", Runs: []span{t(signer)}})
	return []block{
		para{Style: "centre", Runs: []span{b(heading)}},
		para{Style: "centre", Runs: []span{b(title)}},
		body,
	}
}

func caseGazette() *doc {
	d := &doc{
		Title: "Magyar Közlöny – SAMPLE fixture", Lang: "hu-HU", Font: cffSans, Size: 10,
		Header: "MAGYAR KÖZLÖNY • 2099. évi 250. szám •", HeaderNum: true, TitlePage: true, Type1C: true,
	}
	d.Blocks = []block{
		heading{0, "Magyar Közlöny – 2099. évi 250. szám (MINTA)"},
		para{Style: "centre", Runs: []span{t("Szoftverteszteléshez kitalált szöveg. Megjelent 2099. december 31-én, csütörtökön.")}},
	}
	signer := "Minta Előd s. k., miniszterelnök"
	d.Blocks = append(d.Blocks, act(
		"A Kormány 1997/2099. (XII. 31.) Korm. határozata",
		"az emberkereskedelem elleni nemzeti stratégia 2100–2102. évekre szóló cselekvési tervéről",
		"A Kormány az emberkereskedelem elleni küzdelem hatékonyságának növelése, az áldozatok korai azonosítása és a szakemberek közötti együttműködés erősítése érdekében a következő határozatot hozza:",
		[]actPoint{
			{Text: "Elfogadja az emberkereskedelem elleni nemzeti stratégia 2100–2102. évekre szóló cselekvési tervét, és felhívja az érintett minisztereket, hogy a tervben foglalt intézkedéseket a költségvetési lehetőségek figyelembevételével hajtsák végre.",
				Felelos: "az érintett miniszterek", Hatar: "folyamatos"},
			{Text: "Felhívja a belügyminisztert, hogy a nemzeti koordinátor útján gondoskodjon",
				Subs: []string{
					"az áldozatazonosító kérdőív felülvizsgálatáról és a munkaügyi ellenőrök számára készült változat kidolgozásáról,",
					"az ŐRSZOLGÁLAT-2100 jelű képzési program elindításáról a határrendészeti és a közrendvédelmi állomány részére,",
					"az áldozatsegítő szolgálatok és a civil szervezetek közötti esetmegbeszélő fórum évenkénti összehívásáról.",
				},
				Felelos: "belügyminiszter", Hatar: "2100. június 30."},
			{Text: "Felhívja az igazságügyi minisztert, hogy készítse elő a büntetlenség elvének érvényesülését elősegítő útmutatót, és azt a legfőbb ügyész bevonásával juttassa el a nyomozó hatóságokhoz és az ügyészségekhez.",
				Felelos: "igazságügyi miniszter", Hatar: "2100. március 31."},
			{Text: "Felhívja a foglalkoztatáspolitikáért felelős minisztert, hogy vizsgálja felül a munkaerő-kölcsönzők nyilvántartásba vételének feltételeit, különös tekintettel a külföldi munkavállalókat közvetítő vállalkozásokra, és a vizsgálat eredményéről tájékoztassa a Kormányt.",
				Felelos: "foglalkoztatáspolitikáért felelős miniszter", Hatar: "2100. szeptember 30."},
			{Text: "Felhívja a pénzügyminisztert, hogy a belügyminiszterrel együttműködve gondoskodjon az e határozatban foglalt feladatok végrehajtásához szükséges források biztosításáról",
				Subs: []string{
					"a 2100. évi központi költségvetésben 450 millió forint összegben,",
					"a 2101. és 2102. évben a tervezési körirat szerinti, évente legalább 500 millió forint összegben.",
				},
				Felelos: "pénzügyminiszter, belügyminiszter", Hatar: "a költségvetés tervezése során"},
			{Text: "Felhívja a szociálpolitikáért felelős minisztert, hogy az ÚTKERESŐ elnevezésű védett szálláshelyek férőhelyeinek számát növelje legalább ötven hellyel, és biztosítsa, hogy a férfi áldozatok és a gyermekkel érkező szülők elhelyezése is megoldott legyen.",
				Felelos: "szociálpolitikáért felelős miniszter", Hatar: "2101. január 31."},
			{Text: "Felhívja a külgazdasági és külügyminisztert, hogy a konzuli szolgálat útján tájékoztassa a külföldön munkát vállaló magyar állampolgárokat a munkaerő-toborzás kockázatairól, és a tájékoztató anyagokat tegye közzé a hivatalos honlapokon is.",
				Felelos: "külgazdasági és külügyminiszter", Hatar: "folyamatos"},
			{Text: "Felhívja a belügyminisztert, hogy a cselekvési terv végrehajtásáról készített jelentést évente, először 2100. december 31-ig nyújtsa be a Kormánynak, és a jelentés rövidített változatát hozza nyilvánosságra.",
				Felelos: "belügyminiszter", Hatar: "évente, először 2100. december 31."},
			{Text: "Felhívja a belügyminisztert és az igazságügyi minisztert, hogy vizsgálják meg az áldozatok kártalanítását szolgáló állami alap létrehozásának lehetőségét, és a vizsgálat során térjenek ki",
				Subs: []string{
					"az alap forrásaira, ideértve az elkobzott vagyon egy részének az alapba utalását,",
					"a kártalanítás feltételeire és az eljárás legfeljebb hat hónapos időtartamára,",
					"az alapból kifizetett összeg elkövetőtől történő behajtásának szabályaira.",
				},
				Felelos: "belügyminiszter, igazságügyi miniszter", Hatar: "2100. november 30."},
			{Text: "Felhívja a digitális ügyekért felelős minisztert, hogy az internetes álláshirdetési felületek üzemeltetőivel kössön együttműködési megállapodást a gyanús, emberkereskedelemre utaló hirdetések kiszűrése és bejelentése érdekében.",
				Felelos: "digitális ügyekért felelős miniszter", Hatar: "2101. március 31."},
			{Text: "Ez a határozat a közzétételét követő napon lép hatályba."},
		},
		signer)...)
	d.Blocks = append(d.Blocks, act(
		"A Kormány 1998/2099. (XII. 31.) Korm. határozata",
		"a kísérő nélküli kiskorúak gyermekvédelmi ellátásának fejlesztéséről szóló intézkedésekről",
		"A Kormány a kísérő nélküli kiskorúak biztonságos elhelyezése és az emberkereskedelem áldozatává válásuk megelőzése érdekében",
		[]actPoint{
			{Text: "felhívja a szociálpolitikáért felelős minisztert, hogy gondoskodjon arról, hogy a kísérő nélküli kiskorú részére a gyermekvédelmi gyámot legkésőbb az elhelyezést követő öt napon belül kirendeljék;",
				Felelos: "szociálpolitikáért felelős miniszter", Hatar: "2100. április 30."},
			{Text: "felhívja a belügyminisztert és a szociálpolitikáért felelős minisztert, hogy dolgozzák ki az eltűnt kiskorúak felkutatásának közös eljárásrendjét, amely kiterjed",
				Subs: []string{
					"a gyermekotthonból eltávozott gyermek bejelentésének határidejére,",
					"a rendőrség és a gyermekvédelmi szakszolgálat tájékoztatási kötelezettségére,",
					"a megtalált gyermek ismételt elhelyezésének szabályaira;",
				},
				Felelos: "belügyminiszter, szociálpolitikáért felelős miniszter", Hatar: "2100. június 30."},
			{Text: "felhívja az oktatásért felelős minisztert, hogy a köznevelési intézmények pedagógusai számára szervezzen továbbképzést az emberkereskedelem jeleinek felismeréséről, különös tekintettel az ŰRLAP-7 jelzőlap használatára.",
				Felelos: "oktatásért felelős miniszter", Hatar: "2100. október 31."},
		},
		signer)...)
	d.Blocks = append(d.Blocks, act(
		"A Kormány 1999/2099. (XII. 31.) Korm. határozata",
		"az Emberkereskedelem Elleni Tárcaközi Munkacsoport működésének megújításáról szóló döntésről",
		"A Kormány az Emberkereskedelem Elleni Tárcaközi Munkacsoport (a továbbiakban: Munkacsoport) munkájának összehangolása érdekében",
		[]actPoint{
			{Text: "felhívja a belügyminisztert, hogy a Munkacsoport ügyrendjét az ősszel elfogadott új stratégiával összhangban vizsgálja felül, és abban rendelkezzen a civil szervezetek tanácskozási jogú részvételéről;",
				Felelos: "belügyminiszter", Hatar: "2100. február 28."},
			{Text: "felkéri a legfőbb ügyészt, hogy a Munkacsoport ülésein az ügyészség képviselője rendszeresen vegyen részt, és tájékoztassa a Munkacsoportot az emberkereskedelem miatt indult büntetőeljárások számáról és kimeneteléről;",
				Felelos: "belügyminiszter, legfőbb ügyész (felkérés útján)", Hatar: "folyamatos"},
			{Text: "visszavonja az Emberkereskedelem Elleni Tárcaközi Munkacsoport létrehozásáról szóló 1234/2090. (V. 5.) Korm. határozatot."},
		},
		signer)...)
	d.Blocks = append(d.Blocks, act(
		"A Kormány 2000/2099. (XII. 31.) Korm. határozata",
		"a munkáltatói ellenőrzések összehangolásáról szóló feladatokról",
		"A Kormány a munkaerő-kizsákmányolás felderítésének javítása érdekében",
		[]actPoint{
			{Text: "felhívja a foglalkoztatáspolitikáért felelős minisztert, hogy a munkavédelmi és munkaügyi hatóság ellenőrzési tervében évente legalább kétszáz, a mezőgazdaságban, az építőiparban és a vendéglátásban működő munkáltatónál végzett célvizsgálatot irányozzon elő;",
				Felelos: "foglalkoztatáspolitikáért felelős miniszter", Hatar: "évente, először 2100. január 31."},
			{Text: "felhívja a belügyminisztert, hogy a rendőrség és a munkaügyi hatóság közös ellenőrzéseinek tapasztalatait félévente értékelje, és az értékelés alapján tegyen javaslatot",
				Subs: []string{
					"az ellenőrzési szempontok kiegészítésére,",
					"a hatóságok közötti adatcsere gyorsítására,",
					"a szükséges jogszabály-módosításokra;",
				},
				Felelos: "belügyminiszter", Hatar: "félévente, először 2100. július 31."},
			{Text: "felhívja a pénzügyminisztert, hogy az adóhatóság kockázatelemzési rendszerében az emberkereskedelemre utaló jeleket – így a több munkavállaló azonos lakcímre történő bejelentését – önálló kockázati tényezőként vegye figyelembe;",
				Felelos: "pénzügyminiszter", Hatar: "2100. december 31."},
			{Text: "felhívja az érintett minisztereket, hogy az e határozat végrehajtása során szerzett tapasztalatokról a Munkacsoport útján tájékoztassák a Kormányt.",
				Felelos: "az érintett miniszterek", Hatar: "2101. június 30."},
		},
		signer)...)
	return d
}

func caseCFFReport() *doc {
	d := &doc{Title: "CFF report – SAMPLE fixture", Font: cffSerif, Size: 11, Type1C: true}
	d.Blocks = []block{
		heading{0, "Official figures (SAMPLE – invented text for software testing)"},
		heading{1, "2 Trafficking in figures"},
		p(t("This chapter is invented text for a fixture set in an OpenType font whose ligatures fi, fl, ff, ffi and ffl turn up as single glyphs in the PDF. The first section reflects the official figures of the offices affected; the efficient flow of data between the fifteen field offices is the chief difficulty identified, and the final section offers a brief Dutch summary.")),
		heading{2, "2.1 Registered victims"},
		p(t("In 2098 the offices registered 412 presumed victims of trafficking, of whom 131 were identified in the first half of the year. "),
			b("The number of victims of labour exploitation has more than doubled,"),
			t(" an influx that the officials attributed to the effect of targeted inspections in the fruit and flower sectors. Officers found that traffickers shuffled workers between affiliated firms to baffle the inspectors.")),
		table{Widths: []float64{16}, Header: true, Rows: [][]string{
			{"Box 2.1 Definitions used in this chapter"},
			{"A presumed victim is a person whom an official body, a shelter or a non-governmental organisation has flagged as possibly trafficked. Figures are not affected by later findings of the courts, which suffice neither to confirm nor to refute the identification."},
		}},
		heading{2, "2.2 Efficiency of the referral flow"},
		p(t("Fifty-five officials of the five field offices filled in the questionnaire. They said that the referral of a victim to a shelter takes on average four days, a delay they find difficult to justify; the efficient offices were those where a specialised officer is on duty. "),
			b("Effective identification requires sufficient staff in every office.")),
		heading{2, "2.3 Samenvatting in het Nederlands"},
		p(t("De officiële cijfers tonen een stijging van het aantal geïdentificeerde slachtoffers. Een efficiënte samenwerking tussen de kantoren blijft de grootste uitdaging; de financiële middelen voor specifieke opvang zijn beperkt en de fluctuaties in de aanmeldingen zijn groot.")),
		heading{2, "2.4 Conclusions"},
		p(t("The figures confirm the findings of earlier reports: officials flag more victims where offices are staffed sufficiently and where the official procedures are simple. The office of the rapporteur will reaffirm these findings in its final report.")),
	}
	return d
}

func caseRecommendations() *doc {
	d := &doc{
		Title: "Recommendations – SAMPLE fixture", Font: cffSerif, Size: 11.5, Type1C: true,
		Header: "National Rapporteur – SAMPLE fixture", Footer: "Page ", PageNums: true,
	}
	rec := func(n int, s string) para { return np(fmt.Sprintf("%d.", n), t(s)) }
	d.Blocks = []block{
		heading{0, "Recommendations (SAMPLE – invented text for software testing)"},
		heading{1, "7 Recommendations"},
		p(t("This chapter is invented text for a fixture. It brings together the recommendations that follow from the findings of the previous chapters. The rapporteur addresses them to the Government, to the public prosecution service and to the municipalities, which share the responsibility for the approach to trafficking in human beings. The recommendations are grouped by theme and numbered consecutively; where a recommendation repeats one from an earlier report, this is stated in the text.")),
		p(t("The rapporteur has discussed the draft recommendations with the ministries concerned, the police, the labour inspectorate, the coordination centre for victims and several non-governmental organisations. Their comments have been taken into account where the rapporteur found them well founded; the responsibility for the final text lies with the rapporteur alone.")),
		p(t("Each recommendation is followed, in the annex to this report, by an overview of the measures that the addressee has announced and the deadline it has set itself. The rapporteur will report on their implementation in the next monitoring cycle, two years after the publication of this report, and will then assess whether the measures have had the intended effect on the identification, protection and compensation of victims. Recommendations that have been implemented in full will not be repeated.")),
		heading{2, "Prevention"},
		rec(1, "The Government should develop a national awareness campaign on labour exploitation aimed at workers from outside the European Union, in the languages most spoken by them, and evaluate its effect after two years."),
		rec(2, "It is recommended that municipalities include the prevention of trafficking in their local security plans and appoint a coordinator for trafficking in human beings in every region."),
		rec(3, "The Government should oblige temporary employment agencies to register with the labour inspectorate and should make the registration dependent on a certificate of good conduct of the directors, so that agencies that have been involved in exploitation can no longer recruit workers."),
		heading{2, "Identification and protection of victims"},
		rec(4, "The Government should ensure that every presumed victim is offered a reflection period, irrespective of the willingness to cooperate with the criminal investigation, and that this period is explained in a language the victim understands."),
		rec(5, "It is recommended that the coordination centre for victims record every report it receives, including reports of victims who do not wish to be referred to the police, so that the hidden part of the problem becomes visible in the figures, and that it share these anonymised records twice a year with the rapporteur and with the police units that are responsible for the regions where the reports come from."),
		rec(6, "The Government should provide sufficient specialised shelter places for male victims, for victims with children and for minors, and should set a maximum waiting time for a place."),
		rec(7, "It is recommended that the immigration service decide on a residence permit for victims of trafficking within three months of the application, and that the permit not be withdrawn solely because the criminal case is discontinued."),
		heading{2, "Prosecution and compensation"},
		rec(8, "The public prosecution service should give priority to cases of labour exploitation and should report annually on the number of cases brought to court and their outcome."),
		rec(9, "It is recommended that the Government establish a compensation fund from which victims receive the compensation awarded by the court when the convicted offender does not pay within six months, and that the fund then recover the amount from the offender."),
		rec(10, "The Government should make the confiscation of criminal assets in trafficking cases a standard part of every financial investigation."),
		heading{2, "Data and monitoring"},
		rec(11, "It is recommended that all organisations involved use the same definition of a presumed victim, so that the figures of the police, the coordination centre, the labour inspectorate and the shelters can be compared and added up without counting the same person twice."),
		rec(12, "The Government should ask the rapporteur to evaluate the national action plan in 2101 and should publish its response to the evaluation within six months."),
	}
	return d
}
