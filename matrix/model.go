package matrix

import (
	"time"

	"github.com/recmap/recmap"
)

// Workbook is everything one export writes. The caller (cmd/recmap) fills it
// from the workspace; Write only lays it out.
type Workbook struct {
	Title     string    // shown at the top of the Summary sheet and in the file properties
	Generated time.Time // export time, recorded in the baseline
	Filter    string    // human description of the export filter ("round 3, topic labour"), "" for all
	Recs      []Rec     // one Matrix row each, in this order
	// Actions is the inverse view (Actions sheet). When nil, Write derives it
	// from the confirmed action links of Recs.
	Actions []ActionRow
	Sources []recmap.Document // every document, for the Sources sheet and the Reply grouping
}

// Rec is one recommendation row and what is known about it.
type Rec struct {
	Item         recmap.Item     // the recommendation itself
	Doc          recmap.Document // the document it comes from
	Actions      []Link          // national actions linked or suggested
	Provisions   []Link          // legal provisions linked or suggested
	RepeatedFrom []string        // earlier recommendations it repeats, e.g. "GRETA(2098)01#34 (round 2)"
	Status       string          // implementation status (one of recmap.Statuses, or "")
	Evidence     string
	Comment      string
	LastDecision *recmap.Decision // the most recent analyst decision about this rec, if any
}

// Link is a recommendation's link to an action or provision.
type Link struct {
	Item      recmap.Item
	Symbol    string // symbol of the item's document, for display
	Confirmed bool   // confirmed by an analyst; false means only suggested
}

// ActionRow is one row of the Actions sheet: a national action and the
// recommendations it answers.
type ActionRow struct {
	Item   recmap.Item
	Symbol string   // symbol of the action's document
	Recs   []string // IDs of the recommendations it answers
}

// Sheet names. Import looks for SheetMatrix and SheetBaseline by these names.
const (
	SheetMatrix   = "Matrix"
	SheetSummary  = "Summary"
	SheetReply    = "Reply"
	SheetActions  = "Actions"
	SheetSources  = "Sources"
	SheetBaseline = "_recmap"
)

// Header names of the Matrix sheet. Import finds columns by these names, so
// users may reorder columns; they must not rename the ones import reads
// (ColID, ColStatus, ColEvidence, ColComments, ColActionIDs, ColProvisionIDs).
const (
	ColID           = "ID"
	ColDocument     = "Document"
	ColPara         = "Para."
	ColPage         = "Page"
	ColStrength     = "Strength"
	ColPosition     = "State position"
	ColTopics       = "Topics"
	ColText         = "Recommendation"
	ColActionIDs    = "Action IDs"
	ColActions      = "National actions"
	ColResponsible  = "Responsible"
	ColDeadline     = "Deadline"
	ColProvisionIDs = "Provision IDs"
	ColProvisions   = "Legal provisions"
	ColRepeated     = "Repeated from"
	ColStatus       = "Status"
	ColEvidence     = "Evidence"
	ColComments     = "Comments"
	ColLastDecision = "Last decision"
	ColCitation     = "Citation"
)

// column describes one Matrix column.
type column struct {
	name     string
	width    float64
	editable bool // read back by import
	wrap     bool
}

// matrixColumns is the Matrix sheet's column order at export.
var matrixColumns = []column{
	{ColID, 24, false, false},
	{ColDocument, 16, false, false},
	{ColPara, 7, false, false},
	{ColPage, 6, false, false},
	{ColStrength, 11, false, false},
	{ColPosition, 11, false, false},
	{ColTopics, 24, false, true},
	{ColText, 80, false, true},
	{ColActionIDs, 24, true, true},
	{ColActions, 50, false, true},
	{ColResponsible, 24, false, true},
	{ColDeadline, 14, false, true},
	{ColProvisionIDs, 24, true, true},
	{ColProvisions, 40, false, true},
	{ColRepeated, 26, false, true},
	{ColStatus, 20, true, false},
	{ColEvidence, 40, true, true},
	{ColComments, 40, true, true},
	{ColLastDecision, 26, false, true},
	{ColCitation, 30, false, true},
}

// editableColumns are the Matrix columns import reads, besides ColID.
var editableColumns = []string{ColStatus, ColEvidence, ColComments, ColActionIDs, ColProvisionIDs}

// baselineHeader is the header row (row 2) of the hidden baseline sheet.
var baselineHeader = []string{"ID", "Fingerprint", "Status", "Evidence", "Comments", "Action IDs", "Provision IDs", "Row"}

// baselineMarker is cell A1 of the baseline sheet; B1 holds the format version.
const (
	baselineMarker  = "recmap matrix baseline"
	baselineVersion = "1"
)

// ci maps a Matrix header name to its index in matrixColumns.
var ci = func() map[string]int {
	m := make(map[string]int, len(matrixColumns))
	for i, c := range matrixColumns {
		m[c.name] = i
	}
	return m
}()
