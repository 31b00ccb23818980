package main

// sampleReadme is sample/README.md; the verbs are filled in with the number
// of recommendations, paragraphs, measures and the mapping table.
const sampleReadme = `# Sample corpus (invented text)

Every file here is **invented text for software testing**, written by
` + "`go run ./testdata/gen -only sample`" + ` (see testdata/gen/doc.go). Nothing is copied
from a real report; symbols use the years 2098–2100 so they cannot be taken for
real ones. Package ` + "`sample`" + ` embeds ` + "`files/`" + ` for ` + "`recmap demo`" + ` and the tests.
Do not edit the files by hand: change the generator and re-run it.

| file | what it is |
|---|---|
| files/greta-2099-01-hungary-round3.pdf | GRETA-style third-round evaluation report on Hungary, GRETA(2099)01: title page (adopted/published dates), preamble, executive summary, chapters, numbered paragraphs 1–%[2]d, running header with the symbol, page-number footer, footnotes, %[1]d recommendations in bold (graded verbs urge/consider/invite, one "calls on", one "recommends", three "GRETA urges the Hungarian authorities to:" lists with dash bullets), findings that are not recommendations (welcomes/notes/is concerned), the appendix "List of GRETA's conclusions and proposals for action" with "(paragraph N)" references, and "Government's comments". |
| files/greta-2098-01-hungary-round2.pdf | short second-round report, GRETA(2098)01, 8 recommendations; six are repeated in other words by round 3 (column "repeats" below). |
| files/cp-rec-2099-01-hungary.pdf | Committee of the Parties recommendation CP/Rec(2099)01: take the measures in the report, report back within two years, five priority items with "(paragraph N)" references to GRETA(2099)01. |
| files/directive-2099-36-consolidated.html | EUR-Lex-consolidated-style HTML excerpt of an invented directive: 9 articles, numbered paragraphs, points (a)…, "Member States shall/may", ▼B / ▼M1 blocks and an inline ►M1 … ◄ insertion (Article 18a is wholly inserted by M1). |
| files/hu-action-plan-2099-2100.docx, .pdf | Hungarian two-year action plan as a Government Decision (Korm. határozat), MINTA-marked; %[3]d numbered measures with Felelős:, Határidő: (date or "folyamatos"), some Közreműködő:, Indikátor:, Forrás:; section VII is a table (Sorsz. / Intézkedés / Felelős / Határidő / Indikátor). The DOCX is LibreOffice's Word export. |
| gold.jsonl | one line per recommendation of GRETA(2099)01: rec number as the rules number it ("54", or "54.2" for the second bullet of paragraph 54), the action plan measure numbers that answer it (empty: a deliberate gap), topic (DOMAIN.md taxonomy), strength, the round-2 paragraph it repeats, and the printed text. |

## Intended mapping

Each measure of the action plan was written in Hungarian to answer the
recommendations listed here; measures 27–30 answer none (plan monitoring,
coordination meetings, a leaflet for employers, consular guidance on return). Recommendations marked "gap" have no measure on purpose.

| rec | strength | topic | measures | repeats |
|---|---|---|---|---|
%[4]s`
