package main

import (
	"fmt"
	"slices"
)

// measure is one numbered measure of the sample Hungarian action plan.
// Answers lists the keys of the third-round recommendations it answers.
type measure struct {
	Text, Felelos, Hatarido, Kozremukodo, Indikator, Forras string
	Answers                                                 []string
}

type plan struct {
	sections []planSection
	measures []measure // all, numbered from 1 in order
}

type planSection struct {
	Title    string
	AsTable  bool
	Measures []measure
}

// answering returns the numbers of the measures that answer the key.
func (p *plan) answering(key string) []string {
	acts := []string{}
	for i, m := range p.measures {
		if slices.Contains(m.Answers, key) {
			acts = append(acts, fmt.Sprint(i+1))
		}
	}
	return acts
}

// unknownKeys lists answer keys that name no recommendation of r.
func (p *plan) unknownKeys(r *report) []string {
	var bad []string
	for _, m := range p.measures {
		for _, k := range m.Answers {
			if !slices.ContainsFunc(r.recs, func(pr placed) bool { return pr.Key == k }) {
				bad = append(bad, k)
			}
		}
	}
	return bad
}

func (pl *plan) doc() *doc {
	d := &doc{Title: "MINTA – Kormányhatározat – cselekvési terv 2099–2100", Lang: "hu-HU", Size: 11,
		Header: "MINTA – szoftverteszteléshez kitalált szöveg", PageNums: true, Footer: "-"}
	d.Blocks = []block{
		para{Style: "centre", Runs: []span{b("MINTA – szoftverteszteléshez kitalált szöveg (SAMPLE – invented text for software testing)")}},
		heading{0, "A Kormány 1999/2099. (XII. 15.) Korm. határozata az emberkereskedelem elleni nemzeti stratégia 2099–2100. évekre szóló cselekvési tervéről"},
		p(t("A Kormány az emberkereskedelem elleni fellépés hatékonyságának növelése, valamint az Emberkereskedelem Elleni Szakértői Csoport (GRETA) harmadik értékelési körben tett ajánlásainak végrehajtása érdekében a következő intézkedéseket rendeli el. A határozat kitalált, kizárólag szoftvertesztelési célra készült.")),
	}
	n := 0
	for _, s := range pl.sections {
		d.Blocks = append(d.Blocks, heading{1, s.Title})
		if s.AsTable {
			tb := table{Widths: []float64{1.1, 6.4, 3.2, 2.3, 3}, Header: true,
				Rows: [][]string{{"Sorsz.", "Intézkedés", "Felelős", "Határidő", "Indikátor"}}}
			for _, m := range s.Measures {
				n++
				tb.Rows = append(tb.Rows, []string{fmt.Sprintf("%d.", n), m.Text, m.Felelos, m.Hatarido, m.Indikator})
			}
			d.Blocks = append(d.Blocks, tb)
			continue
		}
		for _, m := range s.Measures {
			n++
			d.Blocks = append(d.Blocks, np(fmt.Sprintf("%d.", n), t(m.Text)))
			line := func(label, v string) {
				if v != "" {
					d.Blocks = append(d.Blocks, para{Style: "indent", Runs: []span{t(label + " " + v)}})
				}
			}
			line("Felelős:", m.Felelos)
			line("Közreműködő:", m.Kozremukodo)
			line("Határidő:", m.Hatarido)
			line("Indikátor:", m.Indikator)
			line("Forrás:", m.Forras)
		}
	}
	d.Blocks = append(d.Blocks, p(t("Minta Mária s. k., a kitalált Kormány nevében – MINTA")))
	return d
}

func actionPlan() *plan {
	const (
		bm   = "belügyminiszter"
		im   = "igazságügyi miniszter"
		fm   = "foglalkoztatáspolitikáért felelős miniszter"
		szm  = "szociálpolitikáért felelős miniszter"
		km   = "külgazdasági és külügyminiszter"
		nk   = "nemzeti koordinátor"
		dec  = "2099. december 31."
		jun  = "2100. június 30."
		dec2 = "2100. december 31."
		foly = "folyamatos"
	)
	p := &plan{sections: []planSection{
		{Title: "I. Az áldozatok azonosítása és a nemzeti áldozatazonosító és -irányító mechanizmus", Measures: []measure{
			{Text: "Az áldozatok proaktív azonosítása érdekében felül kell vizsgálni az áldozatazonosító kérdőívet, különös tekintettel a munkaerő-kizsákmányolás jeleire.",
				Felelos: bm + ", " + fm, Hatarido: dec, Indikator: "a felülvizsgált kérdőív kiadása", Answers: []string{"ident-proactive"}},
			{Text: "Módosítani kell az áldozatazonosításról szóló kormányrendeletet úgy, hogy a munkaügyi felügyelők és a menekültügyi eljárásban eljáró ügyintézők is azonosíthassanak áldozatokat.",
				Felelos: bm, Kozremukodo: fm, Hatarido: jun, Answers: []string{"ident-labour"}},
			{Text: "Biztosítani kell, hogy az áldozattá nyilvánítás és a támogatás ne függjön a büntetőeljárásban való együttműködéstől.",
				Felelos: bm + ", " + im, Hatarido: jun, Answers: []string{"ident-coop"}},
			{Text: "Írásban rögzíteni kell a nemzeti áldozatazonosító és -irányító mechanizmus működését, az abban részt vevő szervek és civil szervezetek feladatait és felelősségét, minden kizsákmányolási formára kiterjedően.",
				Felelos: bm, Kozremukodo: "civil kerekasztal tagjai", Hatarido: dec, Indikator: "a mechanizmust rögzítő együttműködési megállapodás aláírása", Answers: []string{"nrm"}},
			{Text: "A nemzeti koordinátor évente értékeli az áldozatazonosító és -irányító mechanizmus működését, és az értékelést megküldi a nemzeti koordinációs mechanizmus tagjainak.",
				Felelos: nk, Hatarido: "évente, először 2100. március 31.", Answers: []string{"nrm"}},
		}},
		{Title: "II. Kártalanítás, jogi segítségnyújtás és tájékoztatás", Measures: []measure{
			{Text: "Elő kell készíteni az állami kárenyhítés szabályainak módosítását, hogy az emberkereskedelem valamennyi áldozata – állampolgárságától és tartózkodási jogállásától függetlenül, jogerős ítélet nélkül is – igénybe vehesse a kártalanítást.",
				Felelos: im, Hatarido: dec, Indikator: "a törvényjavaslat benyújtása", Answers: []string{"comp-state"}},
			{Text: "Legfőbb ügyészi útmutatót kell kiadni arról, hogy az ügyész az emberkereskedelmi ügyekben rendszeresen indítványozza a sértett kártérítését.",
				Felelos: "legfőbb ügyész (felkérés útján)", Hatarido: jun, Answers: []string{"comp-claims"}},
			{Text: "Az emberkereskedelmi ügyekben a vagyonvisszaszerzési hivatal bevonásával vagyonfelderítést kell folytatni, és a zár alá vett vagyonból biztosítani kell az áldozatok kártalanítását.",
				Felelos: bm, Kozremukodo: "Vagyonvisszaszerzési Hivatal", Hatarido: foly, Indikator: "a vagyonfelderítéssel érintett ügyek száma", Answers: []string{"comp-assets", "fininv"}},
			{Text: "Az áldozatok részére az első kapcsolatfelvételtől kezdve ingyenes jogi segítségnyújtást kell biztosítani; ennek érdekében módosítani kell a jogi segítségnyújtásról szóló törvényt.",
				Felelos: im, Hatarido: dec2, Forras: "a központi költségvetésben 40 millió Ft", Answers: []string{"legalaid"}},
			{Text: "Az áldozatok jogairól szóló tájékoztatót tíz nyelven, közérthető formában kell elkészíteni, és biztosítani kell, hogy az első meghallgatás elején átadják és elmagyarázzák.",
				Felelos: bm, Hatarido: jun, Forras: "uniós forrás, 8 millió Ft", Answers: []string{"info"}},
		}},
		{Title: "III. Nyomozás, vádemelés és az áldozatok védelme", Measures: []measure{
			{Text: "Az emberkereskedelem elleni rendőrségi szakosított egység létszámát 14-ről 25 főre kell emelni.",
				Felelos: bm, Hatarido: dec2, Indikator: "a betöltött álláshelyek száma", Forras: "a Belügyminisztérium fejezetében", Answers: []string{"invest"}},
			{Text: "Módszertani útmutatót kell kiadni az emberkereskedelmi bűncselekmények minősítéséről és a nem a sértetti vallomásra épülő bizonyítási eszközökről.",
				Felelos: "legfőbb ügyész (felkérés útján)", Kozremukodo: bm, Hatarido: dec, Answers: []string{"invest", "fininv"}},
			{Text: "A büntetlenség elvének kifejezett rögzítése érdekében elő kell készíteni a Büntető Törvénykönyv módosítását, és útmutatót kell kiadni a rendőrség és az ügyészség részére annak alkalmazásáról.",
				Felelos: im, Kozremukodo: bm, Hatarido: jun, Answers: []string{"nonpun"}},
			{Text: "Felül kell vizsgálni a kényszerkoldulás és a szexuális kizsákmányolás áldozataival szemben szabálysértési eljárásban kiszabott bírságokat.",
				Felelos: bm, Hatarido: dec, Answers: []string{"nonpun"}},
			{Text: "A bíróságokon biztosítani kell, hogy a sértett és a terhelt ne találkozzon, valamint bővíteni kell a kihallgatásra alkalmas, elkülönített helyiségek számát.",
				Felelos: im, Kozremukodo: "Országos Bírósági Hivatal (felkérés útján)", Hatarido: dec2, Answers: []string{"protect"}},
		}},
		{Title: "IV. Munkaerő-kizsákmányolás és munkaügyi ellenőrzés", Measures: []measure{
			{Text: "Ki kell terjeszteni a munkaügyi ellenőrzés hatáskörét a munkaerő-kölcsönzés és a kiküldött munkavállalók foglalkoztatásának ellenőrzésére, és a munkaügyi felügyelők számát 30 fővel növelni kell.",
				Felelos: fm, Hatarido: dec2, Forras: "a foglalkoztatáspolitikáért felelős minisztérium fejezetében", Answers: []string{"labinsp"}},
			{Text: "Közös ellenőrzéseket kell tartani a munkaügyi hatóság és a rendőrség részvételével a mezőgazdaságban, az építőiparban és a vendéglátásban.",
				Felelos: fm + ", " + bm, Hatarido: foly, Indikator: "évente legalább 40 közös ellenőrzés", Answers: []string{"labinsp", "ident-proactive"}},
		}},
		{Title: "V. Gyermekek védelme", Measures: []measure{
			{Text: "A gyermekvédelmi intézmények munkatársai részére kötelező képzést kell tartani az emberkereskedelem jeleiről, és protokollt kell kidolgozni az intézményből eltűnt gyermekek felkutatására.",
				Felelos: szm, Kozremukodo: bm, Hatarido: dec, Answers: []string{"child-inst"}},
			{Text: "A kísérő nélküli kiskorúak részére a beérkezésüket követő 24 órán belül gyermekvédelmi gyámot kell kirendelni, és biztonságos elhelyezést kell biztosítani.",
				Felelos: szm, Hatarido: jun, Answers: []string{"child-guard"}},
		}},
		{Title: "VI. Áldozatsegítés, tartózkodási jogosultság és online kizsákmányolás", Measures: []measure{
			{Text: "Az áldozatsegítő krízisférőhelyek számát 120-ról 150-re kell emelni, ebből legalább 30 férőhelyet férfi áldozatok és a munkaerő-kizsákmányolás áldozatai részére kell kialakítani; a finanszírozást hároméves megállapodásokkal kell biztosítani.",
				Felelos: szm, Hatarido: dec2, Forras: "a központi költségvetésben évi 300 millió Ft", Answers: []string{"shelter"}},
			{Text: "Módosítani kell a harmadik országbeli állampolgárok beutazásáról és tartózkodásáról szóló szabályokat, hogy az áldozat személyes helyzetére tekintettel is megújítható tartózkodási engedélyt kaphasson.",
				Felelos: bm, Hatarido: dec2, Answers: []string{"resid"}},
			{Text: "A rendőrség kiberbűnözés elleni egységén belül az online toborzás felderítésére szakosodott csoportot kell létrehozni, és együttműködési megállapodást kell kötni az internetes szolgáltatókkal.",
				Felelos: bm, Hatarido: dec, Indikator: "a csoport létrehozása, megkötött megállapodások száma", Answers: []string{"ict"}},
		}},
		{Title: "VII. Képzés, adatgyűjtés, megelőzés és koordináció", AsTable: true, Measures: []measure{
			{Text: "Évente képzést kell tartani az ügyészek, a bírák, a munkaügyi felügyelők és a gyermekvédelmi szakemberek részére az emberkereskedelem felismeréséről.",
				Felelos: bm + ", " + im, Hatarido: foly, Indikator: "évente legalább 300 képzett szakember", Answers: []string{"train", "judges"}},
			{Text: "Egységes adatgyűjtési rendszert kell kialakítani, amely nem, életkor, kizsákmányolási forma és származási ország szerint bontva gyűjti az áldozatok adatait.",
				Felelos: nk, Hatarido: dec2, Indikator: "az első éves statisztikai jelentés", Answers: []string{"data"}},
			{Text: "A figyelemfelhívó kampányok hatását független értékeléssel kell mérni, és a kampányokat az állami gondoskodásból kikerülő fiatalokra és a roma közösségekre kell irányítani.",
				Felelos: nk, Hatarido: dec2, Indikator: "az értékelő jelentés elkészítése", Answers: []string{"prev"}},
			{Text: "Az új nemzeti stratégia előkészítése előtt független értékelést kell készíteni az előző stratégia végrehajtásáról, a civil kerekasztal bevonásával.",
				Felelos: nk, Hatarido: jun, Indikator: "az értékelés nyilvánosságra hozatala", Answers: []string{"coord"}},
			{Text: "Évente jelentést kell készíteni a Kormány részére a cselekvési terv végrehajtásáról.",
				Felelos: nk, Hatarido: "évente, március 31.", Indikator: "a jelentés benyújtása"},
			{Text: "Az emberkereskedelem elleni nemzeti koordinációs mechanizmus üléseit negyedévente meg kell tartani.",
				Felelos: nk, Hatarido: foly, Indikator: "évente négy ülés"},
			{Text: "A munkáltatók és a munkaerő-kölcsönzők részére tájékoztató kiadványt kell készíteni a munkaerő-kizsákmányolás jeleiről.",
				Felelos: fm, Hatarido: dec, Indikator: "a kiadvány megjelenése"},
			{Text: "A konzuli szolgálat munkatársai részére útmutatót kell kiadni a külföldön kizsákmányolt magyar állampolgárok hazatéréséről.",
				Felelos: km, Hatarido: jun, Indikator: "az útmutató kiadása"},
		}},
	}}
	for _, s := range p.sections {
		p.measures = append(p.measures, s.Measures...)
	}
	return p
}
