// Package recmap holds the domain types that recmap's packages share: the
// citable items cut out of monitoring reports, legal texts and national plans
// (recommendations, provisions, actions), the metadata of the documents they
// come from, and the analysts' decisions about how they map to each other.
//
// The packages around it each own one technology or one idea:
//
//	extract/   file bytes → extract.Document (pages, paragraphs, fonts)
//	rules/     extract.Document → recmap.Document + []recmap.Item
//	index/     Bleve full-text index of items and paragraphs
//	workspace/ the on-disk system of record (bbolt) and ingest
//	mapping/   recommendation → candidate actions/provisions, with reasons
//	matrix/    the Excel compliance matrix (export and import)
//	web/       the local web interface
//	cmd/recmap the command line that wires them together
//
// This package has no dependencies beyond the standard library.
package recmap

import (
	"strconv"
	"strings"
	"time"
)

// Kind says what an item is.
type Kind string

// The kinds of item.
const (
	KindRecommendation Kind = "recommendation" // a monitoring body asks the State to act
	KindProvision      Kind = "provision"      // an article, paragraph or point of a legal text
	KindAction         Kind = "action"         // a national measure: action plan item or national report paragraph
	KindFinding        Kind = "finding"        // "GRETA welcomes / notes / is concerned": context, not a request
	KindParagraph      Kind = "paragraph"      // any other paragraph, indexed so search can show context
)

// Family is the kind of document an item comes from.
type Family string

// The document families recmap recognises.
const (
	FamilyGRETAReport       Family = "greta-report"        // GRETA country evaluation report
	FamilyCPRecommendation  Family = "cp-recommendation"   // Committee of the Parties recommendation
	FamilyGovernmentReply   Family = "government-reply"    // government comments or reply to GRETA
	FamilyUPRReport         Family = "upr-report"          // UPR Working Group report
	FamilyUPRResponses      Family = "upr-responses"       // UPR State responses (Add.1)
	FamilyUPRNationalReport Family = "upr-national-report" // UPR national report
	FamilyLegal             Family = "legal"               // directive, convention, protocol, statute
	FamilyActionPlan        Family = "action-plan"         // national strategy or action plan
	FamilyUnknown           Family = "unknown"
)

// Families lists every family, in the order a user would read them.
var Families = []Family{
	FamilyGRETAReport, FamilyCPRecommendation, FamilyGovernmentReply,
	FamilyUPRReport, FamilyUPRResponses, FamilyUPRNationalReport,
	FamilyLegal, FamilyActionPlan, FamilyUnknown,
}

// Document is a source document as recmap understands it: the file it came
// from and the metadata the rules recognised in it.
type Document struct {
	ID               string    `json:"id"`     // stable key: the symbol when known, else "sha256:<first 12 hex>"
	Symbol           string    `json:"symbol"` // GRETA(2023)08, A/HRC/28/15, 32011L0036 …
	Title            string    `json:"title,omitempty"`
	Family           Family    `json:"family"`
	FamilyConfidence float64   `json:"family_confidence"` // 0..1: how sure detection was
	Body             string    `json:"body,omitempty"`    // GRETA, CP, UPR, EU, CoE, UN, national …
	Country          string    `json:"country,omitempty"` // ISO 3166-1 alpha-2 (HU, SI …)
	Round            string    `json:"round,omitempty"`   // GRETA evaluation round or UPR cycle, e.g. "3"
	Language         string    `json:"language,omitempty"`
	Adopted          string    `json:"adopted,omitempty"`   // ISO date 2023-06-30
	Published        string    `json:"published,omitempty"` // ISO date
	FileName         string    `json:"file_name"`
	SHA256           string    `json:"sha256"`
	Format           string    `json:"format"`
	Pages            int       `json:"pages"`
	Ingested         time.Time `json:"ingested,omitzero"`
}

// Item is one citable unit: a recommendation, a provision, an action, a
// finding or a plain paragraph. Its ID is stable across re-ingests of the
// same document: the document ID, "#", and the number the document gives it
// (GRETA(2023)08#54.2, A/HRC/28/15#115.62, CETS197#Art.10(2)(a)).
type Item struct {
	ID        string   `json:"id"`
	Kind      Kind     `json:"kind"`
	DocID     string   `json:"doc"`
	Number    string   `json:"number"` // 54, 54.2, 115.62, Art.10(2)(a), 3.1
	Text      string   `json:"text"`
	Page      int      `json:"page,omitempty"`    // 1-based page where the item starts; 0 when the format has no pages
	Para      string   `json:"para,omitempty"`    // the paragraph number the document printed (54), for citation
	ParaIndex int      `json:"para_index"`        // index into the document's paragraphs, for context
	Section   []string `json:"section,omitempty"` // heading path, outermost first
	Lang      string   `json:"lang,omitempty"`

	// Recommendations.
	Strength  string   `json:"strength,omitempty"`  // urge, consider, invite, call-on, expect, recommend
	Verb      string   `json:"verb,omitempty"`      // the verb phrase as written ("urges", "considers that … should")
	Addressee string   `json:"addressee,omitempty"` // "the Hungarian authorities"
	States    []string `json:"states,omitempty"`    // UPR recommending States
	Position  string   `json:"position,omitempty"`  // UPR: supported / noted

	// Provisions.
	Article    string `json:"article,omitempty"`
	Title      string `json:"title,omitempty"`      // article title, or action objective
	Obligation string `json:"obligation,omitempty"` // shall / may / shall-not
	Amended    string `json:"amended,omitempty"`    // amendment marker (M1) when the text marks it

	// Actions.
	Responsible  []string `json:"responsible,omitempty"`
	Partners     []string `json:"partners,omitempty"`
	Deadline     string   `json:"deadline,omitempty"`      // ISO date, or "ongoing"
	DeadlineText string   `json:"deadline_text,omitempty"` // as written: "2023. december 31.", "folyamatos"
	Indicator    string   `json:"indicator,omitempty"`
	Budget       string   `json:"budget,omitempty"`

	References []Reference `json:"references,omitempty"`
	Topics     []TopicTag  `json:"topics,omitempty"`
}

// TopicIDs returns the item's topic identifiers.
func (it *Item) TopicIDs() []string {
	ids := make([]string, len(it.Topics))
	for i, t := range it.Topics {
		ids[i] = t.Topic
	}
	return ids
}

// Cite returns a human citation: "A/HRC/28/15 para. 115, p. 14".
func (it *Item) Cite(symbol string) string {
	var b strings.Builder
	b.WriteString(symbol)
	switch {
	case it.Kind == KindProvision && it.Number != "":
		b.WriteString(" " + it.Number)
	case it.Para != "":
		b.WriteString(" para. " + it.Para)
	case it.Number != "":
		b.WriteString(" no. " + it.Number)
	}
	if it.Page > 0 {
		b.WriteString(", p. ")
		b.WriteString(strconv.Itoa(it.Page))
	}
	return b.String()
}

// Reference is an explicit citation found in an item's text: "(paragraph 54)",
// "Recommendations 78–86, 174–181", "Article 11(4)", "Directive 2011/36/EU".
type Reference struct {
	Raw     string   `json:"raw"`               // the text as written
	Kind    string   `json:"kind"`              // paragraph, recommendation, article, instrument
	Targets []string `json:"targets,omitempty"` // resolved numbers, ranges expanded: 78, 79, …; 11(4)
	Doc     string   `json:"doc,omitempty"`     // the instrument named, when the reference is to another document
}

// TopicTag says that an item is about a topic, and which terms said so.
type TopicTag struct {
	Topic string   `json:"topic"`
	Terms []string `json:"terms"`
}

// Op is what a decision does.
type Op string

// Decision operations.
const (
	OpLink     Op = "link"     // analyst links a recommendation to an action or provision
	OpUnlink   Op = "unlink"   // analyst removes a link
	OpReject   Op = "reject"   // analyst rejects a suggestion (it will not be suggested again)
	OpStatus   Op = "status"   // implementation status set
	OpEvidence Op = "evidence" // evidence text set
	OpComment  Op = "comment"  // comment text set
	OpRepeat   Op = "repeat"   // recommendation confirmed as repeating an earlier round's
)

// Decision is one analyst decision. Decisions are appended, never changed:
// the current state of a recommendation is the replay of its decisions.
type Decision struct {
	Seq    uint64    `json:"seq"`
	Time   time.Time `json:"time"`
	User   string    `json:"user"`
	Rec    string    `json:"rec"` // recommendation item ID
	Op     Op        `json:"op"`
	Target string    `json:"target,omitempty"` // action / provision item ID for link, unlink, reject, repeat
	Value  string    `json:"value,omitempty"`  // status, evidence or comment text
	Note   string    `json:"note,omitempty"`
	Origin string    `json:"origin,omitempty"` // cli, web, import:matrix.xlsx
}

// Statuses are the implementation statuses a recommendation can have, in the
// order the matrix's dropdown shows them.
var Statuses = []string{"not started", "in progress", "partially implemented", "implemented", "not applicable"}

// ValidStatus reports whether s is one of Statuses (case-insensitive) and
// returns its canonical spelling.
func ValidStatus(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, v := range Statuses {
		if s == v {
			return v, true
		}
	}
	return "", false
}

// Suggestion is a candidate answer to a recommendation proposed by the
// mapping engine: a national action, a legal provision, or (Kind
// recommendation) the same recommendation in an earlier round. It says why.
// Suggestions are advice; only decisions change the matrix.
type Suggestion struct {
	Rec     string   `json:"rec"`
	Target  string   `json:"target"`
	Kind    Kind     `json:"kind"`
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons"`
}

// Reason is one piece of evidence behind a suggestion.
type Reason struct {
	Kind   string  `json:"kind"`   // reference, topic, terms, predecessor
	Detail string  `json:"detail"` // "heading cites Recommendations 78–86", "compensation", "labour, inspection"
	Weight float64 `json:"weight"` // its share of the score
}
