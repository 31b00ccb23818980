package web

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/matrix"
	"github.com/recmap/recmap/workspace"
)

// docsView is the documents page.
type docsView struct {
	Docs      []docRow
	Jobs      []Job
	MaxUpload string
	Accept    string
}

type docRow struct {
	workspace.DocInfo
	CountText string
}

// countKinds are the item kinds the documents page counts, in order.
var countKinds = []recmap.Kind{recmap.KindRecommendation, recmap.KindProvision, recmap.KindAction, recmap.KindFinding, recmap.KindParagraph}

func countText(c map[string]int) string {
	var parts []string
	for _, k := range countKinds {
		if n := c[string(k)]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	return strings.Join(parts, ", ")
}

func (s *Server) docsPage(w http.ResponseWriter, r *http.Request) {
	docs, err := s.ws.Docs(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The documents could not be listed.", err)
		return
	}
	v := docsView{Jobs: s.jobs.list(), MaxUpload: sizeLabel(s.cfg.MaxUpload), Accept: strings.Join(workspace.Extensions, ",")}
	for _, d := range docs {
		v.Docs = append(v.Docs, docRow{DocInfo: d, CountText: countText(d.Counts)})
	}
	s.render(w, r, http.StatusOK, "docs", "Documents", v)
}

func (s *Server) apiDocs(w http.ResponseWriter, r *http.Request) {
	docs, err := s.ws.Docs(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The documents could not be listed.", err)
		return
	}
	if docs == nil {
		docs = []workspace.DocInfo{}
	}
	writeJSON(w, http.StatusOK, docs)
}

// Job is an ingest started by an upload: the files are ingested, then the
// recommendations they affect are mapped.
type Job struct {
	ID       string                 `json:"id"`
	User     string                 `json:"user"`
	Files    []string               `json:"files"`
	State    string                 `json:"state"` // queued, running, done, failed
	Phase    string                 `json:"phase"` // waiting, ingest, map, finished
	Done     int                    `json:"done"`  // files ingested so far
	Total    int                    `json:"total"`
	Results  []workspace.FileResult `json:"results,omitempty"`
	Mapped   int                    `json:"mapped,omitempty"` // recommendations mapped afterwards
	Error    string                 `json:"error,omitempty"`
	Started  time.Time              `json:"started"`
	Finished time.Time              `json:"finished,omitzero"`
}

// Running reports whether the job has not finished.
func (j Job) Running() bool { return j.State == "queued" || j.State == "running" }

// Failed counts the files that failed.
func (j Job) Failed() int {
	n := 0
	for _, f := range j.Results {
		if f.Outcome == workspace.Failed {
			n++
		}
	}
	return n
}

// Percent is the progress for the progress bar.
func (j Job) Percent() int {
	if j.Total == 0 || !j.Running() {
		return 100
	}
	return j.Done * 100 / (j.Total + 1) // the +1 is the mapping that follows
}

// jobs keeps the recent ingest jobs in memory; one runs at a time. The
// queue of jobs waiting or running is bounded in length and in the bytes
// of their files, which wait in memory.
type jobs struct {
	mu   sync.Mutex
	m    map[string]*Job
	ids  []string   // oldest first
	run  sync.Mutex // held by the running job
	next int

	maxQueue      int
	maxQueueBytes int64
	queued        int   // jobs waiting or running
	queuedBytes   int64 // their files' bytes
}

const keepJobs = 20

func newJobs(maxQueue int, maxQueueBytes int64) *jobs {
	return &jobs{m: map[string]*Job{}, maxQueue: maxQueue, maxQueueBytes: maxQueueBytes}
}

// reserve takes a place in the queue for a job of n bytes, or reports
// false when the queue is full. An empty queue takes any job (the upload
// limit bounds it).
func (js *jobs) reserve(n int64) bool {
	js.mu.Lock()
	defer js.mu.Unlock()
	if js.queued >= js.maxQueue || (js.queued > 0 && js.queuedBytes+n > js.maxQueueBytes) {
		return false
	}
	js.queued++
	js.queuedBytes += n
	return true
}

// release gives back a place reserve took.
func (js *jobs) release(n int64) {
	js.mu.Lock()
	defer js.mu.Unlock()
	js.queued--
	js.queuedBytes -= n
}

// busyRetry is the Retry-After of a "busy" answer to an upload.
const busyRetry = "60"

func (js *jobs) add(j *Job) {
	js.mu.Lock()
	defer js.mu.Unlock()
	js.next++
	j.ID = strconv.Itoa(js.next)
	js.m[j.ID] = j
	js.ids = append(js.ids, j.ID)
	if len(js.ids) > keepJobs {
		delete(js.m, js.ids[0])
		js.ids = js.ids[1:]
	}
}

// update changes a job under the lock.
func (js *jobs) update(j *Job, f func(*Job)) {
	js.mu.Lock()
	defer js.mu.Unlock()
	f(j)
}

// get returns a copy of a job.
func (js *jobs) get(id string) (Job, bool) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, ok := js.m[id]
	if !ok {
		return Job{}, false
	}
	return j.snapshot(), true
}

// list returns copies of the jobs, newest first.
func (js *jobs) list() []Job {
	js.mu.Lock()
	defer js.mu.Unlock()
	out := make([]Job, 0, len(js.ids))
	for i := len(js.ids) - 1; i >= 0; i-- {
		out = append(out, js.m[js.ids[i]].snapshot())
	}
	return out
}

func (j *Job) snapshot() Job {
	c := *j
	c.Files = append([]string(nil), j.Files...)
	c.Results = append([]workspace.FileResult(nil), j.Results...)
	return c
}

// upload takes the files of a multipart form (field "file"), checks that
// recmap reads them, and starts an ingest job. The page gets a redirect to
// the job; the API gets the job as JSON (202).
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	if r.MultipartForm == nil {
		if err := r.ParseMultipartForm(8 << 20); err != nil {
			s.bodyError(w, r, err)
			return
		}
	}
	defer r.MultipartForm.RemoveAll()
	fhs := r.MultipartForm.File["file"]
	if len(fhs) == 0 {
		s.fail(w, r, http.StatusBadRequest, "Choose a file to upload.", nil)
		return
	}
	var size int64
	for _, fh := range fhs {
		size += fh.Size
	}
	if !s.jobs.reserve(size) {
		w.Header().Set("Retry-After", busyRetry)
		s.fail(w, r, http.StatusServiceUnavailable,
			"The server is busy with other uploads. Try again in a few minutes.", nil)
		return
	}
	started := false
	defer func() {
		if !started {
			s.jobs.release(size)
		}
	}()
	var inputs []workspace.Input
	var names []string
	for _, fh := range fhs {
		name, data, err := readUpload(fh)
		if err != nil {
			s.bodyError(w, r, err)
			return
		}
		if len(data) == 0 {
			s.fail(w, r, http.StatusBadRequest, name+" is empty.", nil)
			return
		}
		if extract.FormatOf(name, data) == extract.Unknown {
			s.fail(w, r, http.StatusUnsupportedMediaType,
				name+" is not a file recmap can read. Upload PDF, Word (.docx), HTML, text or Markdown files.", nil)
			return
		}
		inputs = append(inputs, workspace.Input{Name: name, Read: func() ([]byte, error) { return data, nil }})
		names = append(names, name)
	}
	j := &Job{User: whoFrom(r.Context()).user, Files: names, State: "queued", Phase: "waiting", Total: len(inputs), Started: time.Now()}
	s.jobs.add(j)
	s.wg.Add(1)
	started = true
	go func() {
		defer s.jobs.release(size)
		s.runJob(j, inputs)
	}()
	s.log.Info("ingest started", "job", j.ID, "user", j.User, "files", names)
	if isAPI(r) || r.Header.Get("Accept") == "application/json" {
		snap, _ := s.jobs.get(j.ID)
		writeJSON(w, http.StatusAccepted, snap)
		return
	}
	http.Redirect(w, r, "/jobs/"+j.ID, http.StatusSeeOther)
}

// readUpload reads one uploaded file and gives it a safe base name.
func readUpload(fh *multipart.FileHeader) (string, []byte, error) {
	name := filepath.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
	name = cleanName(name)
	if name == "" || name == "." || name == "/" {
		name = "upload"
	}
	f, err := fh.Open()
	if err != nil {
		return name, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	return name, data, err
}

// runJob ingests, then maps: the new recommendations when the files
// brought recommendations only, every recommendation when they brought
// actions or provisions (new answers for old recommendations).
func (s *Server) runJob(j *Job, inputs []workspace.Input) {
	defer s.wg.Done()
	s.jobs.run.Lock()
	defer s.jobs.run.Unlock()
	ctx := s.ctx
	s.jobs.update(j, func(j *Job) { j.State, j.Phase = "running", "ingest" })
	rep, err := s.ws.Ingest(ctx, inputs, workspace.IngestOptions{
		Progress: func(fr workspace.FileResult, done, total int) {
			if fr.Err != nil && fr.Error == "" {
				fr.Error = fr.Err.Error()
			}
			s.jobs.update(j, func(j *Job) {
				j.Done, j.Total = done, total
				j.Results = append(j.Results, fr)
			})
		},
	})
	if err == nil {
		s.jobs.update(j, func(j *Job) {
			j.Phase = "map"
			j.Done = j.Total
			j.Results = j.Results[:0]
			for _, fr := range rep.Files {
				if fr.Err != nil && fr.Error == "" {
					fr.Error = fr.Err.Error()
				}
				j.Results = append(j.Results, fr)
			}
		})
		var recDocs []string
		all := false
		for _, fr := range rep.Files {
			if fr.Outcome != workspace.Added && fr.Outcome != workspace.Replaced {
				continue
			}
			if fr.Counts[string(recmap.KindAction)] > 0 || fr.Counts[string(recmap.KindProvision)] > 0 {
				all = true
			}
			if fr.Counts[string(recmap.KindRecommendation)] > 0 {
				recDocs = append(recDocs, fr.DocID)
			}
		}
		if all || len(recDocs) > 0 {
			opts := workspace.MapOptions{}
			if !all {
				opts.Filter.Docs = recDocs
			}
			var mr *workspace.MapReport
			mr, err = s.ws.Map(ctx, opts)
			if err == nil {
				s.jobs.update(j, func(j *Job) { j.Mapped = mr.Recommendations })
			}
		}
	}
	s.jobs.update(j, func(j *Job) {
		j.Finished = time.Now()
		j.Phase = "finished"
		j.State = "done"
		if err != nil {
			j.State, j.Error = "failed", err.Error()
		}
	})
	if err != nil {
		s.log.Error("ingest failed", "job", j.ID, "err", err)
	} else {
		s.log.Info("ingest finished", "job", j.ID)
	}
}

func (s *Server) jobPage(w http.ResponseWriter, r *http.Request) {
	j, ok := s.jobs.get(r.PathValue("id"))
	if !ok {
		s.fail(w, r, http.StatusNotFound, "There is no such upload (the server keeps the last 20, until it restarts).", nil)
		return
	}
	s.render(w, r, http.StatusOK, "job", "Upload "+j.ID, j)
}

func (s *Server) apiJob(w http.ResponseWriter, r *http.Request) {
	j, ok := s.jobs.get(r.PathValue("id"))
	if !ok {
		s.fail(w, r, http.StatusNotFound, "There is no such job.", nil)
		return
	}
	writeJSON(w, http.StatusOK, j)
}

// export sends the compliance matrix. It is a GET: it changes nothing.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	wb, err := s.ws.Workbook(r.Context(), workspace.ExportOptions{Suggested: 3})
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The workbook could not be made.", err)
		return
	}
	var buf bytes.Buffer
	if err := matrix.Write(&buf, wb); err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The workbook could not be written.", err)
		return
	}
	name := "recmap-matrix-" + time.Now().Format("2006-01-02") + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}
