// Package indextest generates a synthetic corpus of monitoring reports,
// action plans and legal texts, in English, Hungarian and French, for
// benchmarking the index at a scale the real corpus does not reach, and the
// fixed list of realistic queries the benchmarks run.
//
// The text is assembled from an anti-trafficking vocabulary written for the
// purpose (no corpus text is copied), with the proportions of the real
// documents: GRETA reports (recommendations, findings, paragraphs), UPR
// reports (recommendations with positions), Hungarian action plans
// (actions) and conventions (provisions).
package indextest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
)

// Doc is one synthetic document and its entries.
type Doc struct {
	ID      string
	Entries []index.Entry
}

// Corpus returns documents holding at least n entries in total. The same
// n and seed give the same corpus.
func Corpus(n int, seed uint64) []Doc {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var docs []Doc
	total := 0
	for i := 0; total < n; i++ {
		var d Doc
		switch i % 10 {
		case 0, 1, 2, 3:
			d = gretaReport(r, i)
		case 4, 5, 6:
			d = uprReport(r, i)
		case 7, 8:
			d = actionPlan(r, i)
		default:
			d = convention(r, i)
		}
		docs = append(docs, d)
		total += len(d.Entries)
	}
	return docs
}

var (
	countries = []string{"HU", "SI", "AT", "RO", "BG", "SK", "CZ", "PL", "HR", "FR", "IT", "ES", "DE", "NL", "BE", "PT", "GR", "LT", "LV", "EE"}
	topics    = []string{"identification", "compensation", "labour", "children", "shelters", "prosecution", "training",
		"non-punishment", "data", "prevention", "legal-aid", "residence", "return", "online", "coordination", "asylum",
		"forced-marriage", "organ-removal", "gender", "demand"}
	strengths = []string{"urge", "consider", "invite", "recommend", "urge", "consider"}

	enSubj = []string{"the authorities", "the Hungarian authorities", "the State Party", "the Government", "law enforcement agencies",
		"labour inspectors", "the National Coordinator", "prosecutors and judges", "local authorities", "the Ministry of Interior",
		"civil society organisations", "the police", "border guards", "social workers", "child protection services"}
	enVerb = []string{"ensure that", "take further steps to ensure that", "strengthen measures so that", "guarantee that",
		"adopt legislation so that", "step up efforts to ensure that", "review the procedures so that", "allocate resources so that"}
	enClause = []string{
		"victims of trafficking have effective access to compensation",
		"presumed victims are identified promptly and referred to assistance",
		"child victims benefit from specialised accommodation and a guardian",
		"cases of trafficking for the purpose of labour exploitation are investigated proactively",
		"victims are not punished for their involvement in unlawful activities they were compelled to commit",
		"traffickers are prosecuted and convicted with dissuasive sentences",
		"the recovery and reflection period is granted to all possible victims",
		"front-line professionals receive regular training on victim identification",
		"data on victims and prosecutions are collected in a harmonised way",
		"shelters for women and men victims are adequately funded",
		"victims receive free legal aid and interpretation from the first contact",
		"foreign victims obtain residence permits irrespective of their cooperation",
		"the risk of re-trafficking upon return is assessed",
		"recruitment agencies are licensed and monitored to prevent abuse",
		"online recruitment and sexual exploitation are detected and disrupted",
		"asylum seekers and refugees are screened for indicators of trafficking",
		"forced marriage and forced criminality are addressed in the national action plan",
		"the demand that fosters exploitation is discouraged through criminal law",
		"state compensation is available without a prior conviction of the offender",
		"financial investigations are used to seize and confiscate criminal assets",
	}
	enTail = []string{"", ", in line with Article 15 of the Convention", ", including for victims of labour exploitation",
		", paying particular attention to children", " and that adequate funding is provided", ", in co-operation with NGOs",
		", as already recommended in the second evaluation round", " in all regions of the country"}
	enFinding = []string{
		"GRETA notes that the number of identified victims remained low during the reporting period",
		"GRETA welcomes the adoption of the new anti-trafficking strategy and its action plan",
		"GRETA is concerned that no victim has received compensation from the perpetrators",
		"Several persons were exploited in agriculture, construction and domestic work",
		"The authorities informed GRETA that labour inspections were carried out in high-risk sectors",
		"Civil society representatives reported difficulties in accessing specialised shelters",
		"The legal framework criminalises trafficking in human beings under the Criminal Code",
		"According to official statistics, most victims were trafficked for sexual exploitation abroad",
	}
	states = []string{"Slovenia", "Austria", "Canada", "Brazil", "Philippines", "Mexico", "Norway", "Sweden", "Ghana", "Chile"}

	huSubj = []string{"Az áldozatok", "A gyermekkorú áldozatok", "A munkaügyi ellenőrök", "A rendőrség", "Az ügyészség", "A hatóságok",
		"A civil szervezetek", "A konzuli szolgálatok", "A gyermekvédelmi szakemberek", "Az áldozatsegítő szolgálat"}
	huAction = []string{
		"azonosításának javítása egységes szempontrendszer bevezetésével",
		"képzése az emberkereskedelem felismeréséről és az áldozatok azonosításáról",
		"számára biztonságos menedékhely és pszichológiai támogatás biztosítása",
		"kártalanítási eljárásának egyszerűsítése és gyorsítása",
		"együttműködésének erősítése a munkaerő-kizsákmányolás elleni fellépésben",
		"tájékoztatása jogaikról anyanyelvükön, ingyenes jogi segítségnyújtással",
		"részére a büntetőeljárás során védelem és támogatás nyújtása",
		"bevonása a megelőzési kampányokba a veszélyeztetett közösségekben",
		"adatgyűjtésének összehangolása és éves jelentés közzététele",
		"felkészítése az online toborzás és a szexuális kizsákmányolás felderítésére",
		"nyomozati kapacitásának bővítése a pénzügyi nyomozások területén",
		"hazatérésének támogatása és a reintegráció elősegítése",
	}
	huTail = []string{"", " a nemzeti koordinátor irányításával", " 2025. december 31-ig", " folyamatosan",
		" a Belügyminisztérium felelősségével", " európai uniós források felhasználásával"}
	frClause = []string{
		"Chaque Partie prend les mesures nécessaires pour identifier les victimes",
		"Chaque Partie garantit aux victimes le droit à une indemnisation par les auteurs des infractions",
		"Les victimes ont accès à un hébergement convenable et sûr ainsi qu'à une assistance psychologique",
		"Chaque Partie prévoit la possibilité de ne pas imposer de sanctions aux victimes",
		"Les enfants victimes bénéficient de mesures de protection spéciales",
		"Chaque Partie adopte des mesures pour décourager la demande qui favorise l'exploitation",
	}
	enProvision = []string{
		"Each Party shall adopt such legislative or other measures as may be necessary to identify victims",
		"Each Party shall guarantee victims the right to compensation from the perpetrators",
		"Member States shall ensure that victims have access to legal counselling and legal representation",
		"Member States shall take the necessary measures to ensure that child victims are provided with assistance",
		"Each Party shall provide in its internal law a recovery and reflection period of at least 30 days",
		"Member States shall take appropriate measures to discourage the demand that fosters exploitation",
	}
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func topicTags(r *rand.Rand) []recmap.TopicTag {
	n := 1 + r.IntN(3)
	var out []recmap.TopicTag
	seen := map[string]bool{}
	for range n {
		t := pick(r, topics)
		if !seen[t] {
			seen[t] = true
			out = append(out, recmap.TopicTag{Topic: t})
		}
	}
	return out
}

func enSentence(r *rand.Rand) string {
	return pick(r, enSubj) + " should " + pick(r, enVerb) + " " + pick(r, enClause) + pick(r, enTail) + "."
}

func date(r *rand.Rand, from int) string {
	return fmt.Sprintf("%d-%02d-%02d", from+r.IntN(2026-from), 1+r.IntN(12), 1+r.IntN(28))
}

func gretaReport(r *rand.Rand, i int) Doc {
	country := pick(r, countries)
	round := fmt.Sprint(1 + r.IntN(4))
	d := recmap.Document{ID: fmt.Sprintf("GRETA(%d)%02d", 2012+i%14, i%100), Family: recmap.FamilyGRETAReport,
		Body: "GRETA", Country: country, Round: round, Language: "en", Published: date(r, 2012)}
	d.ID = fmt.Sprintf("%s-%d", d.ID, i)
	d.Symbol = d.ID
	var items []recmap.Item
	page := 5
	for p := 1; p <= 250+r.IntN(150); p++ {
		if r.IntN(4) == 0 {
			page++
		}
		it := recmap.Item{ID: fmt.Sprintf("%s#%d", d.ID, p), DocID: d.ID, Number: fmt.Sprint(p), Para: fmt.Sprint(p), Page: page,
			Section: []string{"Implementation of the Convention", pick(r, topics)}}
		switch x := r.IntN(10); {
		case x < 2:
			it.Kind = recmap.KindRecommendation
			it.Strength = pick(r, strengths)
			verb := map[string]string{"urge": "urges", "consider": "considers that", "invite": "invites", "recommend": "recommends that"}[it.Strength]
			it.Text = "GRETA " + verb + " " + pick(r, enSubj) + " to " + strings.TrimSuffix(pick(r, enVerb), " that") + " that " +
				pick(r, enClause) + pick(r, enTail) + ". " + enSentence(r)
			it.Topics = topicTags(r)
		case x < 5:
			it.Kind = recmap.KindFinding
			it.Text = pick(r, enFinding) + ". " + pick(r, enFinding) + ". " + enSentence(r)
			it.Topics = topicTags(r)
		default:
			it.Kind = recmap.KindParagraph
			it.Text = pick(r, enFinding) + ". " + enSentence(r) + " " + pick(r, enFinding) + ". " + enSentence(r)
		}
		items = append(items, it)
	}
	return docOf(d, items)
}

func uprReport(r *rand.Rand, i int) Doc {
	country := pick(r, countries)
	d := recmap.Document{ID: fmt.Sprintf("A/HRC/%d/%d", 10+i%50, i), Family: recmap.FamilyUPRReport, Body: "UPR",
		Country: country, Round: fmt.Sprint(1 + r.IntN(4)), Language: "en", Published: date(r, 2008)}
	d.Symbol = d.ID
	var items []recmap.Item
	for p := 1; p <= 150+r.IntN(100); p++ {
		state := pick(r, states)
		it := recmap.Item{ID: fmt.Sprintf("%s#115.%d", d.ID, p), DocID: d.ID, Kind: recmap.KindRecommendation,
			Number: fmt.Sprintf("115.%d", p), Para: "115", Page: 10 + p/12, States: []string{state},
			Position: pick(r, []string{"supported", "supported", "noted"}), Strength: "recommend",
			Text: strings.TrimSuffix(enSentence(r), ".") + " (" + state + ");", Topics: topicTags(r)}
		it.Text = strings.ToUpper(it.Text[:1]) + it.Text[1:]
		items = append(items, it)
	}
	return docOf(d, items)
}

func actionPlan(r *rand.Rand, i int) Doc {
	d := recmap.Document{ID: fmt.Sprintf("HU-NAP-%d-%d", 2013+i%12, i), Family: recmap.FamilyActionPlan, Body: "national",
		Country: "HU", Language: "hu", Published: date(r, 2013)}
	d.Symbol = d.ID
	var items []recmap.Item
	for p := 1; p <= 120+r.IntN(80); p++ {
		it := recmap.Item{ID: fmt.Sprintf("%s#%d.%d", d.ID, 1+p/10, p%10), DocID: d.ID, Kind: recmap.KindAction,
			Number: fmt.Sprintf("%d.%d", 1+p/10, p%10), Page: 3 + p/6,
			Text:   pick(r, huSubj) + " " + pick(r, huAction) + pick(r, huTail) + ". " + pick(r, huSubj) + " " + pick(r, huAction) + ".",
			Topics: topicTags(r), Responsible: []string{"Belügyminisztérium"}}
		items = append(items, it)
	}
	return docOf(d, items)
}

func convention(r *rand.Rand, i int) Doc {
	lang := "en"
	if i%20 == 9 {
		lang = "fr"
	}
	d := recmap.Document{ID: fmt.Sprintf("LEGAL-%d", i), Family: recmap.FamilyLegal, Body: pick(r, []string{"CoE", "EU", "UN"}),
		Language: lang, Published: date(r, 2000)}
	d.Symbol = d.ID
	var items []recmap.Item
	for p := 1; p <= 80+r.IntN(60); p++ {
		text := pick(r, enProvision) + ". " + enSentence(r)
		if lang == "fr" {
			text = pick(r, frClause) + ". " + pick(r, frClause) + "."
		}
		items = append(items, recmap.Item{ID: fmt.Sprintf("%s#Art.%d", d.ID, p), DocID: d.ID, Kind: recmap.KindProvision,
			Number: fmt.Sprintf("Art.%d", p), Page: 1 + p/3, Text: text, Topics: topicTags(r)})
	}
	return docOf(d, items)
}

func docOf(d recmap.Document, items []recmap.Item) Doc {
	es := make([]index.Entry, len(items))
	for i, it := range items {
		es[i] = index.Entry{Item: it, Doc: d}
		if it.Kind == recmap.KindRecommendation && i%3 == 0 {
			es[i].Status = recmap.Statuses[i%len(recmap.Statuses)]
		}
	}
	return Doc{ID: d.ID, Entries: es}
}

// Queries are 50 realistic searches: words, phrases, Hungarian, fuzzy,
// fields and filters. Highlighting is on and facets are the defaults.
var Queries = func() []index.Query {
	texts := []string{
		"trafficking",
		"compensation",
		"exploited",
		`"victims of trafficking"`,
		`"labour exploitation"`,
		`"access to compensation"`,
		"+identification +children",
		"+compensation -kind:paragraph",
		"kind:recommendation strength:urge compensation",
		"shelters funding",
		"áldozatok",
		"áldozat azonosítás",
		"kártalanítás",
		"aldozatok",
		"munkaerő-kizsákmányolás",
		`"az áldozatok"`,
		"emberkereskedelem felismeréséről",
		"compensaton~",
		"exploitaton~1",
		"trafficing~2",
		"identif*",
		"+topic:compensation +state",
		"body:GRETA +non-punishment",
		"country:HU kind:action",
		"+position:noted trafficking",
		"+status:implemented",
		`"recovery and reflection period"`,
		"residence permits foreign victims",
		"legal aid interpretation",
		"+prosecuted +convicted",
		"financial investigations confiscate assets",
		"online recruitment sexual exploitation",
		"asylum seekers screened indicators",
		"forced marriage criminality",
		"demand fosters exploitation",
		"child victims guardian accommodation",
		"labour inspectors training",
		"data harmonised collected",
		"victimes indemnisation",
		`"Chaque Partie"`,
		"+kind:provision compensation",
		"page:>=20 +kind:recommendation +children",
		"published:>=2020 +identification",
		"round:3 recommendation shelters",
		"(shelters accommodation) +children",
		"re-trafficking return risk",
		"Article 15 Convention",
		"civil society NGOs co-operation",
		"police border guards",
		"GRETA welcomes strategy",
	}
	filters := []map[string][]string{
		nil, nil, nil, nil,
		{"kind": {"recommendation"}},
		{"body": {"GRETA"}, "country": {"HU"}},
		{"kind": {"action"}},
		{"topics": {"compensation", "identification"}},
		{"strength": {"urge"}, "round": {"3"}},
		{"country": {"SI", "AT"}},
	}
	qs := make([]index.Query, len(texts))
	for i, t := range texts {
		qs[i] = index.Query{Text: t, Highlight: true, Size: 10, Filters: filters[i%len(filters)]}
	}
	return qs
}()
