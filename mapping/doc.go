// Package mapping proposes, for each recommendation, the national actions
// and legal provisions that answer it, and says why.
//
// Evidence is combined in this order of trust:
//
//  1. explicit references: a national report heading "Recommendations
//     78–86", a government reply citing "paragraph 54", an action plan
//     measure citing the GRETA paragraph it answers;
//  2. shared topics from the bilingual taxonomy (rules.Taxonomy);
//  3. text similarity retrieved through the search index: BM25 over the
//     recommendation's salient terms, expanded across languages with the
//     taxonomy concepts it matched (rules.Taxonomy.Match: "free legal aid",
//     "state compensation", "guardians" …), each looked for with the words
//     the candidates use for it and weighted by its rarity among them, so
//     an English recommendation finds the Hungarian action on the same
//     concept, not every action on its broad topic; shared concepts also
//     score each candidate and section directly. Scores are aggregated by
//     section, because national reports and plans group the answers to one
//     theme under one heading: each section is scored (BM25, terms as the
//     index analyses them, index.Terms) as one text with its own, innermost
//     heading, and by its best passage alike (the whole text alone favours
//     long sections); SuggestAll then adds the sections of neighbouring
//     recommendations and, by section feedback (feedback.go), the
//     sections chosen by similar recommendations.
//
// BenchmarkMap measures a 250-recommendation report against 1,000 actions
// (go test ./mapping -run '^$' -bench Map -benchtime 3x; budget 5 s).
//
// Every Suggestion carries its score and its Reasons. Suggestions are
// advice: a person confirms them as decisions (package workspace), and a
// rejected suggestion is not proposed again.
//
//	eng := mapping.New(ix, tax, docs, items)
//	sugg, err := eng.Suggest(ctx, rec, mapping.Options{})
//
// Predecessors finds the same recommendation in an earlier round or cycle
// of the same body, for the matrix's "repeated from" column. Evaluate
// measures suggestions against a published mapping (recall@k, MRR), and
// StripReferences removes the explicit references that would give the
// answer away.
package mapping
