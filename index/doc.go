// Package index is recmap's full-text index of items: recommendations,
// provisions, actions, findings and plain paragraphs, in English, Hungarian,
// French or any other language. It hides an embedded Bleve index (scorch)
// behind a small API:
//
//	x, err := index.Open(dir)                  // create or open; ErrIncompatible → `recmap reindex`
//	defer x.Close()
//	err = x.Replace(ctx, doc.ID, entries)       // all items of one document, atomically
//	res, err := x.Search(ctx, index.Query{Text: `+trafficking "victim identification" -kind:paragraph`,
//		Filters: map[string][]string{"body": {"GRETA"}}, Highlight: true})
//	hits, err := x.Similar(ctx, index.SimilarQuery{Terms: terms, Filters: map[string][]string{"kind": {"action"}}})
//
// # Writing
//
// One Bleve document per Entry (an item with its document and the analyst's
// status), keyed by the item ID. Replace deletes the document's old items
// and adds the new ones in one batch: a search sees the old document or the
// new one, never half of each, and replacing twice with the same entries
// changes nothing. Delete is Replace with no entries. ReplaceMany replaces
// several documents in one batch, still atomic per document: it is the
// fast path for bulk loads (ingest and reindex use it), because Bleve makes
// one segment per batch and then merges them (see Speed). Update
// re-indexes single entries (after a status change) in batches of 1,000.
// Writers are serialised; searches run concurrently with them and with
// each other.
//
// Open stores SchemaVersion in the index. An index written with another
// schema is refused with an error wrapping ErrIncompatible, whose message
// tells the user to run `recmap reindex`; an index held open by another
// process gives ErrLocked after two seconds.
//
// # Fields
//
// The text of an item is indexed in its language's field: text_en (our
// recmap_en: Bleve's English chain with Porter stemming, which a short
// list keeps from running minorities into minors or organisations into
// organs (enStemGuard; enSpelling makes forced labor forced labour), and
// which meets "discriminatory" with "discrimination" (atoryFilter); then
// accents folded), text_hu (Snowball stemming to a fixpoint), text_fr (Bleve's fr)
// or text_xx (standard, for any other language); and in text_fold,
// lower-cased and stripped of accents but not stemmed, so that "aldozat"
// finds "áldozat" and fuzzy and wildcard words meet the words as written.
// Both keep term vectors, for highlighting; the text itself is stored
// once. Each language field has a twin pair field (pair_en, pair_hu,
// pair_fr, pair_xx) holding each token joined to the next one at most
// three positions on, which answers phrases (see Speed); pair_fold joins
// each folded word to the next two, and is left out for English, whose
// phrases pair_en answers. Keyword fields, for filters and facets, hold
// values verbatim: kind, body, family, country, round, strength, topics,
// position, status, doc (document ID), symbol, lang, number and para.
// page and published are one term each that sorts as its values compare
// (page 12 is "000012", a date "2015-03-04"), so page:>10 and
// published:2023 are term ranges; Bleve's numeric and date fields index
// sixteen terms per value, which made a third of an entry's terms. The
// countable ones (kind, body, family, country, round, strength, topics,
// position, status, doc) are also indexed together as "field:value" terms
// of one field, facet, from which Search counts them (see Speed).
//
// # Query syntax
//
// Search parses the query itself (it never hands user text to Bleve's
// query-string parser) and rejects malformed input with a *QueryError that
// gives the byte offset of the problem. A query is a list of clauses
// separated by spaces:
//
//	word            a word; "exploited" also finds "exploitation"
//	"a phrase"      the words in this order
//	+clause         must match
//	-clause         must not match
//	clause          should match: without any +clause, a hit matches at
//	                least one should-clause; with one, should-clauses only
//	                rank (Bleve's and Lucene's semantics)
//	(a b)           a group, usually with a sign: +(compensation restitution)
//	field:value     a field, e.g. kind:recommendation body:GRETA topic:compensation
//	field:"a b"     a field with a phrase value
//	word~ word~2    fuzzy: up to 1 (or 2) edits; "a phrase"~1 too
//	wor*  w?rd      wildcard on the accent-folded, unstemmed words
//	clause^3        boost
//	page:>10  published:>=2020  published:2023-06   comparisons and date prefixes
//	\:  \"  \(      a backslash makes the next character literal
//
// Fields: text (the default), kind (or type), body, family, country, round
// (or cycle), strength, topic (or topics), position, status, doc (or
// document), symbol, lang (or language), number, para, page, published (or
// date), id. Keyword values match as written, in lower case or in upper
// case (body:greta finds GRETA). A word with a colon whose prefix is not a
// field is an error: write it quoted or escape the colon. Parentheses
// inside a word ("Article 11(4)") belong to the word when they balance.
// Queries are limited to MaxQueryLen characters unless Query.MaxLength
// sets another limit (`recmap search --max-query`).
//
// Every unqualified word or phrase becomes a disjunction over all text
// fields, each analysed by its own analyzer, so a user needs not know the
// language of what they look for: "áldozatok" and "áldozat" meet in
// text_hu's stems, "exploited" and "exploitation" in text_en's, and the
// unaccented "aldozat" in text_fold. Fuzzy words are analysed too (a match
// query with fuzziness, not Bleve's unanalysed fuzzy query).
//
// Filters (Query.Filters) are field → allowed values, OR within a field and
// AND across fields; they restrict hits without changing scores. Facets
// count values over all hits (after filters); DefaultFacets when none are
// named.
//
// # Highlighting
//
// With Query.Highlight, each hit has up to three Fragments of plain text
// with the byte ranges that matched in Marks; nothing is HTML. The ranges
// come from the term locations of every text field, so a hit found through
// a stem or a folded accent is marked too. Callers escape Text and insert
// their own markup (a terminal colour, <mark>) at the marks.
//
// # Similar
//
// Similar is candidate retrieval for the mapping engine: a disjunction of
// analysed match queries, one per weighted term, over every text field;
// each hit says which of the terms it contains (Hit.Matched).
//
// # Speed
//
// Filters are added as a zero-boost conjunct, so Bleve leapfrogs through
// their postings instead of testing every hit of the text query. Term
// locations (for Marks) are collected by a second search restricted to the
// IDs of the page of hits, not for every hit of a broad query.
//
// A phrase is not matched by position, which made Bleve read and compare
// the term locations of every candidate in every text field (100 ms of CPU
// for "victims of trafficking", 15,600 hits in 100,000 entries), but as
// the conjunction of its pair terms, plain term lookups: "victims of
// trafficking" is pair_en:"victim  traffick" (two positions apart, the
// stop word removed) or, in a Hungarian or French entry, pair_fold:
// "victims of" ∧ "victims  trafficking" ∧ "of trafficking". A phrase of
// English stop words only ("of the") has no English pairs and is matched
// by position in text_fold. Pairs find every entry that holds the phrase,
// with the same stems, folding and stop-word positions; they find more
// only when the pairs occur apart in one text, and, unlike Bleve's
// positional phrase, they do not let another word stand in a stop word's
// place ("domestic work. the authorities" does not find "domestic work.
// local authorities"). TestPhrasePairs measures that: on 306 phrases
// sampled from its synthetic corpus, 34 more hits than Bleve's 84,852
// (0.04%) and none fewer; on 1,950 phrases from an index of the real corpus
// (RECMAP_PHRASE_INDEX), 23 more of 161,474 and 172 left out for a word in
// a stop word's place. Ranking follows the pair terms' tf·idf. Fuzzy phrases,
// and phrases whose analysed words lie more than three positions apart,
// are still matched by position, in the fields concerned. Highlighting
// runs the positional phrase on the page of hits only, so marks are the
// words where the phrase occurs.
//
// Indexing cost is proportional to the tokens of the analysed fields,
// which is why pairs join neighbours only (every pair within three
// positions tripled the pair fields) and English entries have no
// pair_fold: on the real corpus (BenchmarkIngestCorpus in workspace) an
// ingest took 5.4 CPU-seconds with all pairs in both fields and Bleve's
// sixteen-term numbers and dates, 2.8 now.
//
// Writing, each Bleve batch becomes an in-memory segment (analysis runs in
// parallel, building the segment does not) that background merges later
// rewrite. One batch per document made ingest of the real corpus (20
// files, 5,635 entries) build some twenty segments and spend as much CPU
// merging them as building them; ReplaceMany with every document ready
// (workspace's committer) cut the merges from 2.2 to 0.4 CPU-s. Tuning
// scorch's merge plan (20 segments per tier) or the persister's nap gained
// nothing measurable; unsafe_batch would lose crash safety.
//
// Facets are not counted by Bleve, which reads the doc values of every hit
// (two thirds of the CPU of a broad search). Scorch segments never change,
// so Search keeps, per segment, the facet terms of each document as small
// integers, read once from the postings of the facet field (about 80 ms
// and 4 MB per 100,000 entries, on the first search after a write that
// made a new segment), and counts a hit with a few array increments as the
// top-level searcher hands it to the collector (facet.go). The counts are
// those of a Bleve facet request over the same hits; a test compares both.
//
// Measure with
//
//	go run ./tools/indexbench -items 100000        # build rate, size, p50/p99 of the 50 indextest.Queries
//	go run ./tools/indexbench -dir DIR -keep -only '"victims' -cpuprofile cpu.out   # one query, profiled
//	go test ./index -run '^$' -bench . -benchtime 200x   # BenchmarkSearch (100k), BenchmarkReplace, BenchmarkSimilar
//	go test ./workspace -run '^$' -bench IngestCorpus -benchtime 5x -cpuprofile cpu.out   # ingest of ../shared/corpus
//
// indexbench and the index benchmarks build a synthetic corpus (package
// indextest), the ingest benchmark reads the real one; none runs in a plain
// go test.
//
// # Another backend
//
// The query syntax is parsed into clauses that do not depend on Bleve
// (query.go); a distributed backend (OpenSearch) would translate the same
// clauses to its own query DSL in a new file and keep this API.
package index
