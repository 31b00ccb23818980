// Package rules cuts an extracted document into citable items.
//
// Parse recognises the document's family (GRETA evaluation report, Committee
// of the Parties recommendation, government reply, UPR Working Group report,
// UPR State responses, UPR national report, legal instrument, national
// action plan), reads its metadata (body, symbol, country, round or cycle,
// dates, language) and cuts it into recmap.Items: recommendations with their
// strength, provisions with their article and obligation, national actions
// with their owner and deadline, findings, and every other paragraph as a
// KindParagraph item so that search can show context. Each item gets its
// explicit references ("paragraph 54", "Recommendations 78–86", "Article
// 11(4)") and topic tags from a bilingual taxonomy.
//
//	doc, err := extract.File(ctx, "report.pdf")
//	res, err := rules.Parse(ctx, doc, rules.Options{})
//	for _, it := range res.Items { … }
//
// Result holds the document's metadata (Doc), the items in document order,
// every family's detection score with its reasons (Detection, best first)
// and Warnings about what could not be read.
//
// # Profiles
//
// Each family is a profile, in a file of its own: greta.go, cp.go, reply.go,
// upr.go (Working Group report, State responses, national report), legal.go
// and actionplan.go. A profile has a detector that scores how much a
// document looks like the family (0..1), and a cutter that turns it into
// items; the best score of at least 0.3 wins, and below that every
// paragraph is kept as a paragraph item with a warning. A user who knows
// better forces a profile with Options.Family (--profile).
// Whatever the profile, the same finishing step adds the paragraph items,
// section paths, stable IDs, each item's language, references and topics,
// and applies Options.MaxItems.
//
// # Across documents
//
// Two steps need a second document. ApplyPositions copies the supported /
// noted positions of UPR State responses onto the Working Group report's
// recommendations (workspace ingest calls it). ResolveReferences rewrites a
// national report's bare recommendation numbers ("78") to the Working
// Group report's numbering ("115.78"); the national report cutter does this
// itself when the report names the paragraph that numbers them, and
// nothing in recmap calls ResolveReferences yet.
//
// # Building blocks
//
// The pieces the profiles use are exported for other packages and tools:
// ParseReferences (explicit references in a text), FindSymbol (a document
// symbol such as GRETA(2023)08 or A/HRC/28/15), FindDate and ParseDate
// (dates and deadlines in Hungarian, English and French, including
// DeadlineOngoing and the other deadline words), DetectLanguage, and the
// Strength and Ref constants items carry.
//
// # Taxonomy
//
// Patterns, verbs and topics are data where they can be. The taxonomy is
// the embedded topics.json (DefaultTaxonomy); LoadTaxonomy reads another in
// the same format, passed as Options.Taxonomy (--taxonomy). Its
// topics have labels and terms per language, and concepts are finer
// sub-topics under a topic: Tag returns the topics a text is about,
// Match the topics and concepts, Terms the words the mapping engine uses to
// match across languages.
//
// Malformed input degrades to fewer items with warnings; Parse never panics.
package rules
