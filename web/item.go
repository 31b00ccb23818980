package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/workspace"
)

// itemView is the recommendation page (and the page of any other item).
type itemView struct {
	Item     recmap.Item        `json:"item"`
	Doc      *workspace.DocInfo `json:"doc,omitempty"`
	Cite     string             `json:"cite"`
	Context  []contextItem      `json:"context,omitempty"`
	IsRec    bool               `json:"-"`
	State    *workspace.State   `json:"state,omitempty"`
	Links    []linkView         `json:"links,omitempty"`
	Repeats  []linkView         `json:"repeats,omitempty"`
	Suggest  []suggestionView   `json:"suggestions,omitempty"`
	History  []recmap.Decision  `json:"history,omitempty"`
	Statuses []string           `json:"-"`
	Error    string             `json:"-"`
}

type contextItem struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Para    string `json:"para,omitempty"`
	Text    string `json:"text"`
	Current bool   `json:"current,omitempty"`
}

// linkView is an item that a recommendation points to.
type linkView struct {
	ID      string `json:"id"`
	Kind    string `json:"kind,omitempty"`
	Cite    string `json:"cite,omitempty"`
	Text    string `json:"text,omitempty"`
	Missing bool   `json:"missing,omitempty"` // the item is no longer in the workspace
}

type suggestionView struct {
	linkView
	Score    float64         `json:"score"`
	Reasons  []recmap.Reason `json:"reasons"`
	Linked   bool            `json:"linked,omitempty"`
	Rejected bool            `json:"rejected,omitempty"`
}

func (s *Server) link(ctx context.Context, id string, docs map[string]workspace.DocInfo) linkView {
	it, err := s.ws.Item(ctx, id)
	if err != nil {
		return linkView{ID: id, Missing: true}
	}
	if _, known := docs[it.DocID]; !known && docs != nil {
		// a linked item of another document: read that document too
		for k, d := range s.docTitles(ctx, it.DocID) {
			docs[k] = d
		}
	}
	return linkView{ID: id, Kind: string(it.Kind), Cite: itemCite(it, docs), Text: it.Text}
}

func itemCite(it recmap.Item, docs map[string]workspace.DocInfo) string {
	sym := it.DocID
	if d, ok := docs[it.DocID]; ok && d.Symbol != "" {
		sym = d.Symbol
	}
	return cite(sym, it.DocID, it.Para, it.Number, it.Page)
}

// itemData gathers everything the page and /api/items show about id.
func (s *Server) itemData(ctx context.Context, id string) (*itemView, error) {
	it, err := s.ws.Item(ctx, id)
	if err != nil {
		return nil, err
	}
	docs := s.docTitles(ctx, it.DocID)
	v := &itemView{Item: it, Cite: itemCite(it, docs), IsRec: it.Kind == recmap.KindRecommendation, Statuses: recmap.Statuses}
	if d, ok := docs[it.DocID]; ok {
		v.Doc = &d
	}
	around, err := s.ws.Context(ctx, id, 2)
	if err != nil {
		return nil, err
	}
	for _, c := range around {
		v.Context = append(v.Context, contextItem{ID: c.ID, Kind: string(c.Kind), Para: c.Para, Text: c.Text, Current: c.ID == id})
	}
	if !v.IsRec {
		return v, nil
	}
	st, err := s.ws.State(ctx, id)
	if err != nil {
		return nil, err
	}
	v.State = &st
	for _, l := range st.Links {
		v.Links = append(v.Links, s.link(ctx, l, docs))
	}
	for _, l := range st.Repeats {
		v.Repeats = append(v.Repeats, s.link(ctx, l, docs))
	}
	sugg, err := s.ws.Suggestions(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, sg := range sugg {
		v.Suggest = append(v.Suggest, suggestionView{
			linkView: s.link(ctx, sg.Target, docs), Score: sg.Score, Reasons: sg.Reasons,
			Linked:   slices.Contains(st.Links, sg.Target) || slices.Contains(st.Repeats, sg.Target),
			Rejected: slices.Contains(st.Rejected, sg.Target),
		})
	}
	hist, err := s.ws.History(ctx, id)
	if err != nil {
		return nil, err
	}
	slices.Reverse(hist) // newest first
	v.History = hist
	return v, nil
}

func (s *Server) itemPage(w http.ResponseWriter, r *http.Request) {
	s.showItem(w, r, http.StatusOK, "")
}

func (s *Server) showItem(w http.ResponseWriter, r *http.Request, code int, msg string) {
	id := r.PathValue("id")
	v, err := s.itemData(r.Context(), id)
	if err != nil {
		s.itemError(w, r, id, err)
		return
	}
	v.Error = msg
	s.render(w, r, code, "item", v.Cite, v)
}

func (s *Server) itemError(w http.ResponseWriter, r *http.Request, id string, err error) {
	if errors.Is(err, workspace.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "There is no item "+id+" in this workspace.", nil)
		return
	}
	s.fail(w, r, http.StatusInternalServerError, "The item could not be read.", err)
}

// decision is a decision as a form or the API sends it. Op "accept" links
// the best suggestion that is neither linked nor rejected yet.
type decision struct {
	Rec    string `json:"rec"`
	Op     string `json:"op"`
	Target string `json:"target,omitempty"`
	Value  string `json:"value,omitempty"`
	Note   string `json:"note,omitempty"`
}

// decide records d for user.
func (s *Server) decide(ctx context.Context, user string, d decision) (recmap.Decision, error) {
	d.Target = strings.TrimSpace(d.Target)
	if d.Op == "accept" && d.Target == "" {
		return s.ws.Accept(ctx, d.Rec, user, d.Note, "web")
	}
	op := recmap.Op(d.Op)
	if d.Op == "accept" {
		op = recmap.OpLink
	}
	ds, err := s.ws.Decide(ctx, recmap.Decision{Rec: d.Rec, Op: op, Target: d.Target, Value: d.Value, User: user, Note: d.Note, Origin: "web"})
	if err != nil {
		if len(ds) > 0 {
			// Saved; only the index lags behind.
			s.log.Warn("decide", "rec", d.Rec, "err", err)
			return ds[0], nil
		}
		return recmap.Decision{}, err
	}
	return ds[0], nil
}

func (s *Server) itemDecide(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d := decision{Rec: id, Op: r.PostFormValue("op"), Target: r.PostFormValue("target"),
		Value: r.PostFormValue("value"), Note: r.PostFormValue("note")}
	if _, err := s.decide(r.Context(), whoFrom(r.Context()).user, d); err != nil {
		if errors.Is(err, workspace.ErrNotFound) && d.Target == "" {
			s.itemError(w, r, id, err)
			return
		}
		s.showItem(w, r, http.StatusBadRequest, "Not saved: "+err.Error())
		return
	}
	anchor := "#decide"
	switch d.Op {
	case "accept", "link", "unlink", "reject":
		anchor = "#links"
	}
	http.Redirect(w, r, "/item/"+escapeID(id)+anchor, http.StatusSeeOther)
}

func (s *Server) apiItem(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	v, err := s.itemData(r.Context(), id)
	if err != nil {
		s.itemError(w, r, id, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) apiSuggestions(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := s.ws.Item(r.Context(), id); err != nil {
		s.itemError(w, r, id, err)
		return
	}
	sugg, err := s.ws.Suggestions(r.Context(), id)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The suggestions could not be read.", err)
		return
	}
	if sugg == nil {
		sugg = []recmap.Suggestion{}
	}
	writeJSON(w, http.StatusOK, sugg)
}

// MaxDecideBatch is the largest number of decisions one POST /api/decide
// may carry; a larger batch is refused whole with 413.
const MaxDecideBatch = 500

// decideBudget is how long one POST /api/decide may spend recording
// decisions, well inside WriteTimeout: decisions left when it runs out are
// not recorded, and the answer says so (503 with Retry-After), so the
// client always gets an answer.
const decideBudget = 30 * time.Second

// apiDecide records one decision (a JSON object) or several (an array, at
// most MaxDecideBatch), each on its own; it answers with the decisions
// recorded and the errors.
func (s *Server) apiDecide(w http.ResponseWriter, r *http.Request) {
	ds, ok := s.decodeDecisions(w, r)
	if !ok {
		return
	}
	type result struct {
		Decision *recmap.Decision `json:"decision,omitempty"`
		Error    string           `json:"error,omitempty"`
	}
	out := make([]result, len(ds))
	code := http.StatusOK
	user := whoFrom(r.Context()).user
	deadline := time.Now().Add(s.decideBudget)
	for i, d := range ds {
		if err := r.Context().Err(); err != nil || time.Now().After(deadline) {
			for j := i; j < len(ds); j++ {
				out[j].Error = "not recorded: the request ran out of time; send this decision again"
			}
			w.Header().Set("Retry-After", "5")
			code = http.StatusServiceUnavailable
			break
		}
		got, err := s.decide(r.Context(), user, d)
		if err != nil {
			out[i].Error = err.Error()
			code = http.StatusUnprocessableEntity
			continue
		}
		out[i].Decision = &got
	}
	writeJSON(w, code, map[string]any{"results": out})
}

// decodeDecisions reads the body of /api/decide: a decision or an array of
// at most MaxDecideBatch. On a bad body it answers and returns false.
func (s *Server) decodeDecisions(w http.ResponseWriter, r *http.Request) ([]decision, bool) {
	const bad = "The body must be a JSON decision or an array of decisions."
	var raw json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.bodyError(w, r, err)
			return nil, false
		}
		s.fail(w, r, http.StatusBadRequest, bad, nil)
		return nil, false
	}
	if t := strings.TrimSpace(string(raw)); !strings.HasPrefix(t, "[") {
		var d decision
		if err := json.Unmarshal(raw, &d); err != nil {
			s.fail(w, r, http.StatusBadRequest, bad, nil)
			return nil, false
		}
		return []decision{d}, true
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		s.fail(w, r, http.StatusBadRequest, bad, nil)
		return nil, false
	}
	if len(items) > MaxDecideBatch {
		s.fail(w, r, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("Too many decisions in one request: %d, the limit is %d. Send them in several requests.", len(items), MaxDecideBatch), nil)
		return nil, false
	}
	ds := make([]decision, len(items))
	for i, it := range items {
		if err := json.Unmarshal(it, &ds[i]); err != nil {
			s.fail(w, r, http.StatusBadRequest, bad, nil)
			return nil, false
		}
	}
	return ds, true
}
