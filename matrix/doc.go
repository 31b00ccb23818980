// Package matrix writes the compliance matrix as an Excel workbook, reads it
// back after people have edited it, and plans what their edits mean.
//
// # Export
//
// Fill a Workbook (one Rec per recommendation, with its document, linked
// actions and provisions, status, evidence and comment) and call Write:
//
//	wb := &matrix.Workbook{Title: "Hungary – GRETA follow-up", Generated: time.Now(), Recs: recs, Sources: docs}
//	err := matrix.Write(w, wb)
//
// The workbook has these sheets, in this order:
//
//   - Matrix: one row per recommendation, in the order of Workbook.Recs.
//     Columns: ID · Document · Para. · Page · Strength · State position ·
//     Topics · Recommendation · Action IDs · National actions · Responsible ·
//     Deadline · Provision IDs · Legal provisions · Repeated from · Status ·
//     Evidence · Comments · Last decision · Citation.
//     Strength is GRETA's graded verb (urge, consider, invite …); State
//     position is the UPR response (supported, noted): the State's response
//     and the implementation status (Status) are separate columns.
//     Action IDs and Provision IDs hold the confirmed links, one ID per line;
//     National actions and Legal provisions show every link with its short
//     text, suggestions marked "[suggested]". Status has a dropdown over
//     recmap.Statuses. The header row and the ID column are frozen, the
//     header has an autofilter, status and strength are coloured by
//     conditional formats, and the Document cell links to the document's
//     row on the Sources sheet with the citation as its tooltip; the
//     citation is also plain text in the Citation column. The columns with a
//     green header (Status, Evidence, Comments, Action IDs, Provision IDs)
//     are the ones people edit and import reads.
//   - Summary: counts of status × strength and by topic, a stacked bar chart
//     of status by topic, the gaps (recommendations without a confirmed
//     action) and how many cells were truncated.
//   - Reply: the follow-up view for GRETA / the Committee of the Parties:
//     recommendations grouped by document in the report's order, each with
//     the measures taken (linked actions' text, responsible body, deadline),
//     status and evidence, ready to paste into the government's reply.
//     WriteReplyDOCX writes the same view as a Word document.
//   - Actions: every national action with the recommendations it answers.
//   - Sources: every document with symbol, title, family, dates, pages, file
//     name and SHA-256.
//   - _recmap (very hidden): the export baseline, one row per Matrix row:
//     the rec ID, Fingerprint of its text, and the exported Status,
//     Evidence, Comments, Action IDs and Provision IDs.
//
// Safety: every text from a document or a person is written as a typed
// string cell (inlineStr), never a formula, and text that starts with
// = + - @, a tab or a CR also gets Excel's quote prefix, so that it stays
// text when someone edits the cell. Characters XML cannot hold are removed;
// a text longer than Excel's 32,767-character cell limit is cut, ending in
// "… [truncated: see source, N more characters]", and the Summary sheet
// counts such cells. The big sheets are written with excelize's
// StreamWriter: 10,000 recommendations take about a second (see
// BenchmarkWrite10k).
//
// # Import
//
// Read an edited workbook, then Plan against the workspace as it is now:
//
//	sheet, err := matrix.Read(r, size, matrix.DefaultLimits)
//	plan := matrix.Plan(sheet, matrix.NewCurrent(recs, knownActionsAndProvisions))
//	for _, c := range plan.Changes { /* record c as a decision, Origin "import:file.xlsx" */ }
//	for _, r := range plan.Rejections { /* show r.Ref and r.Message */ }
//	for _, c := range plan.Conflicts { /* show; a person decides */ }
//
// Read reads the parts it needs itself, as streams, and bounds every
// quantity before it is spent, refusing with a *LimitError (which limit,
// where, the value found and the bound; the caller words the remedy): the
// file size, the zip entries, each entry's and all entries' decompressed
// size (counted while decompressing, not taken from the zip headers), the
// shared strings' number and text, the text of any one cell or shared
// string, the XML nesting depth, and the rows holding values on every sheet
// it reads, the hidden baseline included. It finds the Matrix sheet by name
// (ErrNoMatrix names the expected sheet when it was renamed) and reads it
// from the part the workbook's relationships name, wherever that is; finds
// the columns by their header names (so columns may be reordered), skips
// empty rows (re-saved workbooks have many), reads raw cell values (numbers
// and dates as stored), records the formula of any formula cell in the
// columns it reads (plain, shared or array: the cached value is never taken
// as an edit), and loads the _recmap baseline. A DTD or entity declaration,
// malformed XML, a duplicate or out-of-order cell, a cell outside Excel's
// grid and a shared-string index the workbook does not have are errors
// naming the part or the cell, never a gap or a value in another column.
//
// Plan is a pure function. It matches rows by ID, never by row number, and
// compares each editable cell with the baseline; only cells that differ are
// edits. It turns edits into Changes (set status, evidence or comment; link
// or unlink an action or provision, each with its cell reference) and
// refuses, as Rejections with the cell reference and a message a user can
// act on:
//
//   - a status not in recmap.Statuses (case does not matter; empty clears);
//   - an action or provision ID the workspace does not know, or one put in
//     the wrong column;
//   - a formula typed into a cell (formulas are never evaluated or applied);
//   - an ID that was not exported (edited ID cell or added row), a duplicate
//     ID, a row without ID;
//   - a deleted row: reported, and never taken as unlinking or clearing;
//   - a missing editable column, and a workbook without the _recmap sheet
//     (not exported by recmap, or the sheet was removed): nothing is
//     imported then, because edits cannot be told from exported values.
//
// An edit becomes a Conflict, reported and not applied, when the
// recommendation's text changed since export (its fingerprint differs), the
// recommendation is no longer in the workspace, or the same field was
// changed in recmap since export. An edit the workspace already has is
// dropped as done. Applying a plan twice therefore changes nothing the
// second time.
package matrix
