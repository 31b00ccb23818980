package matrix

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/recmap/recmap"
)

// Current is the workspace as it is now, for Plan to compare with.
type Current struct {
	Recs  map[string]CurrentRec  // by recommendation ID
	Known map[string]recmap.Kind // every action and provision ID, with its kind
}

// CurrentRec is a recommendation's state in the workspace now.
type CurrentRec struct {
	Fingerprint string // Fingerprint(item text)
	Status      string
	Evidence    string
	Comment     string
	Actions     []string // confirmed action links
	Provisions  []string // confirmed provision links
}

// NewCurrent builds a Current from the same Rec values Write takes, plus
// every action and provision the workspace knows.
func NewCurrent(recs []Rec, known []recmap.Item) Current {
	c := Current{Recs: make(map[string]CurrentRec, len(recs)), Known: make(map[string]recmap.Kind, len(known))}
	for _, it := range known {
		c.Known[it.ID] = it.Kind
	}
	for i := range recs {
		r := &recs[i]
		cr := CurrentRec{Fingerprint: Fingerprint(r.Item.Text), Status: r.Status, Evidence: r.Evidence, Comment: r.Comment}
		for _, l := range r.Actions {
			if l.Confirmed {
				cr.Actions = append(cr.Actions, l.Item.ID)
			}
		}
		for _, l := range r.Provisions {
			if l.Confirmed {
				cr.Provisions = append(cr.Provisions, l.Item.ID)
			}
		}
		c.Recs[r.Item.ID] = cr
	}
	return c
}

// ImportPlan is what an import would do. Nothing in it has been applied:
// the caller records Changes as decisions and shows Rejections and
// Conflicts to the user.
type ImportPlan struct {
	Changes    []Change    // valid edits to apply
	Rejections []Rejection // cells or rows that cannot be imported, and why
	Conflicts  []Conflict  // valid edits that meet a change made since export: not applied, not dropped
	Rows       int         // Matrix rows read
	Unchanged  int         // rows without any edit
}

// Change is one edit made in the workbook, as a decision to record.
type Change struct {
	Rec    string    // recommendation ID
	Op     recmap.Op // OpStatus, OpEvidence, OpComment, OpLink or OpUnlink
	Target string    // action or provision ID, for OpLink and OpUnlink
	Value  string    // new status, evidence or comment
	Old    string    // the exported value it replaces (status, evidence, comment)
	Ref    string    // the cell it comes from: Matrix!P7
}

func (c Change) String() string {
	switch c.Op {
	case recmap.OpLink, recmap.OpUnlink:
		return fmt.Sprintf("%s: %s %s %s", c.Ref, c.Rec, c.Op, c.Target)
	}
	return fmt.Sprintf("%s: %s %s %q (was %q)", c.Ref, c.Rec, c.Op, c.Value, c.Old)
}

// Rejection is a cell, row or sheet that import refuses, with the reason in
// words a user can act on.
type Rejection struct {
	Ref     string // Matrix!P7, Matrix!A12, or a sheet name
	Rec     string // recommendation ID, when known
	Value   string // the offending value
	Message string
}

func (r Rejection) String() string { return r.Ref + ": " + r.Message }

// Conflict is an edit that was valid but meets a change made in recmap since
// export. It is reported with the three values so a person can decide.
type Conflict struct {
	Change   Change
	Exported string // the value at export
	Current  string // the value in the workspace now
	Reason   string
}

func (c Conflict) String() string {
	return fmt.Sprintf("%s: %s: %s %s %q not applied (exported %q, now %q)", c.Change.Ref, c.Reason,
		c.Change.Rec, c.Change.Op, c.Change.Value+c.Change.Target, c.Exported, c.Current)
}

// Plan compares an edited sheet with its export baseline and the workspace
// now. It does no I/O. The rules:
//
//   - a cell whose value equals the exported value is not an edit;
//   - an edited status must be one of recmap.Statuses (any case) or empty;
//   - added IDs in Action IDs / Provision IDs must be known actions /
//     provisions; removed IDs become unlinks;
//   - formulas in the ID or editable columns are rejected, never evaluated;
//   - rows are matched by ID; an ID not in the baseline (edited ID cell or
//     added row), a duplicate ID or a row without ID is rejected; a baseline
//     ID missing from the sheet (deleted row) is reported and changes nothing;
//   - an edit to a recommendation whose text changed since export, that is no
//     longer in the workspace, or whose field was changed in recmap since
//     export (status, evidence, comment differ from the exported value) is a
//     Conflict; an edit the workspace already has is dropped as done.
func Plan(read *Sheet, cur Current) *ImportPlan {
	p := &ImportPlan{}
	if read == nil {
		return p
	}
	p.Rows = len(read.Rows)
	if read.Baseline == nil {
		p.Rejections = append(p.Rejections, Rejection{Ref: SheetBaseline, Message: read.BaselineProblem})
		return p
	}
	for _, c := range read.Missing {
		p.Rejections = append(p.Rejections, Rejection{Ref: read.Name,
			Message: fmt.Sprintf("no %q column in the header row: it was renamed or deleted, so its edits cannot be read; restore the header %q", c, c)})
	}
	base := make(map[string]*BaselineRow, len(read.Baseline.Rows))
	for i := range read.Baseline.Rows {
		b := &read.Baseline.Rows[i]
		if _, dup := base[b.ID]; !dup {
			base[b.ID] = b
		}
	}
	seen := map[string]int{}
	for i := range read.Rows {
		r := &read.Rows[i]
		if p.row(r, base, seen, cur) == 0 {
			p.Unchanged++
		}
	}
	for _, b := range read.Baseline.Rows {
		if _, ok := seen[b.ID]; ok {
			continue
		}
		seen[b.ID] = -1
		ref := read.Name
		if b.Row > 0 {
			ref = fmt.Sprintf("%s!A%d", read.Name, b.Row)
		}
		p.Rejections = append(p.Rejections, Rejection{Ref: ref, Rec: b.ID, Value: b.ID,
			Message: fmt.Sprintf("the row of %s (row %d at export) is missing: deleting a row does not unlink, clear or remove anything, so nothing is imported for it; if you meant to change it, restore the row and edit its cells", b.ID, b.Row)})
	}
	return p
}

// row plans one Matrix row and returns the number of edits found in it
// (changes, conflicts and rejected cells).
func (p *ImportPlan) row(r *Row, base map[string]*BaselineRow, seen map[string]int, cur Current) int {
	before := len(p.Changes) + len(p.Conflicts) + len(p.Rejections)
	edits := func() int { return len(p.Changes) + len(p.Conflicts) + len(p.Rejections) - before }
	id := strings.TrimSpace(r.ID.Value)
	if r.ID.Formula != "" {
		p.reject(r.ID, id, "a formula (="+r.ID.Formula+") in the ID column: IDs must stay as exported; nothing in this row is imported")
		return edits()
	}
	if id == "" {
		p.reject(r.ID, "", "this row has no ID: rows added in Excel are not imported; add recommendations with recmap, then export again")
		return edits()
	}
	if prev, dup := seen[id]; dup {
		p.reject(r.ID, id, fmt.Sprintf("ID %s appears again (first in row %d): the ID column was edited or a row copied; this row is ignored", id, prev))
		return edits()
	}
	b, ok := base[id]
	if !ok {
		msg := fmt.Sprintf("ID %q was not in this export: the ID cell was edited or the row was added; IDs must not be changed and rows cannot be added, so this row is ignored", id)
		if _, known := cur.Recs[id]; known {
			msg = fmt.Sprintf("row added for %s, which was not in this export: rows cannot be added; export again with that recommendation included", id)
		}
		p.reject(r.ID, id, msg)
		return edits()
	}
	seen[id] = r.Num
	cr, inWS := cur.Recs[id]
	why := ""
	switch {
	case !inWS:
		why = "the recommendation is no longer in the workspace"
	case cr.Fingerprint != b.Fingerprint:
		why = "the recommendation's text changed since export (its document was re-ingested)"
	}

	// Free-text fields.
	fields := []struct {
		col      string
		op       recmap.Op
		exported string
		now      string
	}{
		{ColStatus, recmap.OpStatus, b.Status, cr.Status},
		{ColEvidence, recmap.OpEvidence, b.Evidence, cr.Evidence},
		{ColComments, recmap.OpComment, b.Comment, cr.Comment},
	}
	for _, fd := range fields {
		c, ok := r.Values[fd.col]
		if !ok {
			continue
		}
		if c.Formula != "" {
			p.reject(c, id, "a formula (="+c.Formula+") was typed into this cell: formulas are never imported; type the value itself")
			continue
		}
		v, old := normValue(c.Value), normValue(fd.exported)
		if fd.op == recmap.OpStatus && v != "" {
			canon, ok := recmap.ValidStatus(v)
			if !ok {
				if v == old {
					continue // exported that way; not an edit
				}
				p.reject(c, id, fmt.Sprintf("unknown status %q: use one of %s, or leave the cell empty", v, strings.Join(recmap.Statuses, ", ")))
				continue
			}
			v = canon
			if oc, ok := recmap.ValidStatus(old); ok {
				old = oc
			}
		}
		if v == old {
			continue
		}
		ch := Change{Rec: id, Op: fd.op, Value: v, Old: fd.exported, Ref: c.Ref}
		now := normValue(fd.now)
		if fd.op == recmap.OpStatus {
			if nc, ok := recmap.ValidStatus(now); ok {
				now = nc
			}
		}
		switch {
		case why != "":
			p.Conflicts = append(p.Conflicts, Conflict{Change: ch, Exported: fd.exported, Current: fd.now, Reason: why})
		case now == v:
			// The workspace already has this value: nothing to do.
		case now != old:
			p.Conflicts = append(p.Conflicts, Conflict{Change: ch, Exported: fd.exported, Current: fd.now,
				Reason: "changed in recmap since export"})
		default:
			p.Changes = append(p.Changes, ch)
		}
	}

	// Links.
	links := []struct {
		col      string
		kind     recmap.Kind
		other    string
		exported []string
		now      []string
	}{
		{ColActionIDs, recmap.KindAction, ColProvisionIDs, b.Actions, cr.Actions},
		{ColProvisionIDs, recmap.KindProvision, ColActionIDs, b.Provisions, cr.Provisions},
	}
	for _, l := range links {
		c, ok := r.Values[l.col]
		if !ok {
			continue
		}
		if c.Formula != "" {
			p.reject(c, id, "a formula (="+c.Formula+") was typed into this cell: formulas are never imported; type the IDs themselves")
			continue
		}
		ids := SplitIDs(c.Value)
		for _, t := range ids {
			if slices.Contains(l.exported, t) {
				continue
			}
			if k, known := cur.Known[t]; !known || k != l.kind {
				msg := fmt.Sprintf("unknown %s ID %q: no such %s in the workspace; check the spelling (IDs look like %s)", l.kind, t, l.kind, example(l.kind))
				if known {
					msg = fmt.Sprintf("%q is a %s, not a %s: put it in the %q column", t, k, l.kind, l.other)
				}
				p.Rejections = append(p.Rejections, Rejection{Ref: c.Ref, Rec: id, Value: t, Message: msg})
				continue
			}
			p.link(Change{Rec: id, Op: recmap.OpLink, Target: t, Ref: c.Ref}, slices.Contains(l.now, t), why)
		}
		for _, t := range l.exported {
			if slices.Contains(ids, t) {
				continue
			}
			p.link(Change{Rec: id, Op: recmap.OpUnlink, Target: t, Ref: c.Ref}, !slices.Contains(l.now, t), why)
		}
	}
	return edits()
}

// link plans a link or unlink; done says the workspace is already in the
// wanted state.
func (p *ImportPlan) link(ch Change, done bool, why string) {
	switch {
	case why != "":
		state := "not linked"
		if (ch.Op == recmap.OpUnlink) != done {
			state = "linked"
		}
		exported := "linked"
		if ch.Op == recmap.OpLink {
			exported = "not linked"
		}
		p.Conflicts = append(p.Conflicts, Conflict{Change: ch, Exported: exported, Current: state, Reason: why})
	case done:
	default:
		p.Changes = append(p.Changes, ch)
	}
}

func (p *ImportPlan) reject(c Cell, rec, msg string) {
	p.Rejections = append(p.Rejections, Rejection{Ref: c.Ref, Rec: rec, Value: c.Value, Message: msg})
}

func example(k recmap.Kind) string {
	if k == recmap.KindProvision {
		return "32011L0036#Art.11(4)"
	}
	return "1228/2022#12"
}

// Summary is a one-line account of the plan: "20 changes, 2 conflicts,
// 1 rejected (418 rows read, 397 unchanged)".
func (p *ImportPlan) Summary() string {
	return fmt.Sprintf("%s, %s, %d rejected (%s read, %d unchanged)",
		plural(len(p.Changes), "change"), plural(len(p.Conflicts), "conflict"), len(p.Rejections),
		plural(p.Rows, "row"), p.Unchanged)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
