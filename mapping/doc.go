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
//     recommendation's salient terms, expanded with the taxonomy's terms in
//     the candidates' languages so an English recommendation finds a
//     Hungarian action, and aggregated by section, because national reports
//     and plans group the answers to one theme under one heading.
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
