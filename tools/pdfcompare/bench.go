package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/recmap/recmap/extract"
)

// workerFlag, as the first argument, makes pdfcompare extract the one file
// that follows with extract.File and discard the result: the child process
// that -bench measures. It is not a registered flag, so -h does not list it.
const workerFlag = "-extract-worker"

// gcPercent is the garbage collector's target in the worker unless GOGC is
// set, as in cmd/recmap's batch commands, so that -bench measures what
// recmap ingest does.
const gcPercent = 400

// extractOnly is the worker: it extracts path and discards the document.
// A text layer that does not decode is an outcome, not a failure: it
// prints "unreadable" and succeeds.
func extractOnly(ctx context.Context, path string, stdout io.Writer) error {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	_, err := extract.File(ctx, path)
	if errors.Is(err, extract.ErrUnreadableText) {
		fmt.Fprintln(stdout, "unreadable")
		return nil
	}
	return err
}

// benchResult is one file's measurements: the fastest of the runs and the
// highest peak resident set size.
type benchResult struct {
	File         string  `json:"file"`
	Path         string  `json:"path"`
	Recmap       float64 `json:"recmap_seconds"`
	Pdftotext    float64 `json:"pdftotext_seconds"`
	Ratio        float64 `json:"ratio"`
	RecmapCPU    float64 `json:"recmap_cpu_seconds"`
	PdftotextCPU float64 `json:"pdftotext_cpu_seconds"`
	RecmapMB     float64 `json:"recmap_peak_mb"`
	PdftotextMB  float64 `json:"pdftotext_peak_mb"`
	Note         string  `json:"note,omitempty"` // "unreadable", or why a side failed
}

// benchTotal sums a -bench run.
type benchTotal struct {
	Files           int     `json:"files"`
	Runs            int     `json:"runs"`
	Recmap          float64 `json:"recmap_seconds"`
	Pdftotext       float64 `json:"pdftotext_seconds"`
	Ratio           float64 `json:"ratio"`
	RecmapCPU       float64 `json:"recmap_cpu_seconds"`
	PdftotextCPU    float64 `json:"pdftotext_cpu_seconds"`
	RecmapMB        float64 `json:"recmap_peak_mb"`
	RecmapMBFile    string  `json:"recmap_peak_file"`
	PdftotextMB     float64 `json:"pdftotext_peak_mb"`
	PdftotextMBFile string  `json:"pdftotext_peak_file"`
	Failed          int     `json:"failed"`
	Line            string  `json:"line"`
}

// bench measures pdftotext and our extraction on each file, each in a
// child process, runs times.
func bench(ctx context.Context, cfg config, paths []string, stdout io.Writer) error {
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench: find own executable: %w", err)
	}
	var results []*benchResult
	var tot benchTotal
	tot.Files, tot.Runs = len(paths), cfg.runs
	if cfg.format == "" {
		fmt.Fprintf(stdout, "%-40s %9s %9s %6s %9s %9s %10s %10s\n", "file", "recmap", "pdftotext", "ratio", "CPU ours", "CPU ref", "recmap", "pdftotext")
	}
	for _, path := range paths {
		r := &benchResult{File: filepath.Base(path), Path: path}
		var ours, ref measure
		for range cfg.runs {
			// Alternate the two sides so that a slow moment hits both.
			o, errOurs := run1(ctx, true, self, workerFlag, path)
			ours = ours.merge(o)
			p, errRef := run1(ctx, false, cfg.pdftotext, "-enc", "UTF-8", path, "-")
			ref = ref.merge(p)
			var notes []string
			if errOurs != nil {
				notes = append(notes, "recmap: "+errOurs.Error())
			} else if strings.TrimSpace(o.stdout) == "unreadable" {
				notes = append(notes, "unreadable")
			}
			if errRef != nil {
				notes = append(notes, "pdftotext: "+errRef.Error())
			}
			if r.Note == "" {
				r.Note = strings.Join(notes, "; ")
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
		}
		r.Recmap, r.Pdftotext = ours.wall.Seconds(), ref.wall.Seconds()
		if r.Pdftotext > 0 {
			r.Ratio = r.Recmap / r.Pdftotext
		}
		r.RecmapCPU, r.PdftotextCPU = ours.cpu.Seconds(), ref.cpu.Seconds()
		r.RecmapMB, r.PdftotextMB = float64(ours.rssKiB)/1024, float64(ref.rssKiB)/1024
		if r.Note != "" && r.Note != "unreadable" {
			tot.Failed++
		}
		tot.Recmap += r.Recmap
		tot.Pdftotext += r.Pdftotext
		tot.RecmapCPU += r.RecmapCPU
		tot.PdftotextCPU += r.PdftotextCPU
		if r.RecmapMB > tot.RecmapMB {
			tot.RecmapMB, tot.RecmapMBFile = r.RecmapMB, r.File
		}
		if r.PdftotextMB > tot.PdftotextMB {
			tot.PdftotextMB, tot.PdftotextMBFile = r.PdftotextMB, r.File
		}
		results = append(results, r)
		if cfg.format == "" {
			fmt.Fprintf(stdout, "%-40s %7.2f s %7.2f s %6.2f %7.2f s %7.2f s %7.0f MB %7.0f MB  %s\n",
				r.File, r.Recmap, r.Pdftotext, r.Ratio, r.RecmapCPU, r.PdftotextCPU, r.RecmapMB, r.PdftotextMB, r.Note)
		}
	}
	if tot.Pdftotext > 0 {
		tot.Ratio = tot.Recmap / tot.Pdftotext
	}
	tot.Line = fmt.Sprintf("total: recmap %.1f s, pdftotext %.1f s, ratio %.2f; peak memory %.0f MB (%s), pdftotext %.0f MB (%s)",
		tot.Recmap, tot.Pdftotext, tot.Ratio, tot.RecmapMB, tot.RecmapMBFile, tot.PdftotextMB, tot.PdftotextMBFile)
	tot.Line += fmt.Sprintf("; CPU recmap %.1f s, pdftotext %.1f s", tot.RecmapCPU, tot.PdftotextCPU)
	if tot.Runs > 1 {
		tot.Line += fmt.Sprintf("; fastest of %d runs", tot.Runs)
	}
	if tot.Failed > 0 {
		tot.Line += fmt.Sprintf("; %d %s failed", tot.Failed, plural(tot.Failed, "file"))
	}

	switch cfg.format {
	case "json":
		if err := writeJSON(stdout, struct {
			Files []*benchResult `json:"files"`
			Total benchTotal     `json:"total"`
		}{results, tot}); err != nil {
			return err
		}
	case "table":
		fmt.Fprintln(stdout, "| file | recmap s | pdftotext s | ratio | recmap CPU s | pdftotext CPU s | recmap MB | pdftotext MB | note |")
		fmt.Fprintln(stdout, "|---|---:|---:|---:|---:|---:|---:|---:|---|")
		for _, r := range results {
			fmt.Fprintf(stdout, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %s |\n",
				mdEscape(r.File), r.Recmap, r.Pdftotext, r.Ratio, r.RecmapCPU, r.PdftotextCPU, r.RecmapMB, r.PdftotextMB, mdEscape(r.Note))
		}
		fmt.Fprintf(stdout, "\n%s\n", tot.Line)
	default:
		fmt.Fprintln(stdout, tot.Line)
	}
	if tot.Failed > 0 {
		return fmt.Errorf("%w: %d of %d files failed", errIncomplete, tot.Failed, tot.Files)
	}
	return nil
}

// measure is one child process's wall time and peak resident set size.
type measure struct {
	wall   time.Duration
	cpu    time.Duration // user + system
	rssKiB int64
	stdout string
}

// merge keeps the shorter wall and CPU times and the higher peak.
func (m measure) merge(o measure) measure {
	if m.wall == 0 || o.wall < m.wall {
		m.wall = o.wall
	}
	if m.cpu == 0 || o.cpu < m.cpu {
		m.cpu = o.cpu
	}
	m.rssKiB = max(m.rssKiB, o.rssKiB)
	m.stdout = o.stdout
	return m
}

// run1 runs name with args once and measures it. Its stdout is kept when
// keep is set (the worker prints at most a word), else it goes to
// /dev/null.
func run1(ctx context.Context, keep bool, name string, args ...string) (measure, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout, stderr bytes.Buffer
	if keep {
		cmd.Stdout = &stdout
	}
	cmd.Stderr = &stderr
	t0 := time.Now()
	err := cmd.Run()
	m := measure{wall: time.Since(t0), stdout: stdout.String()}
	if cmd.ProcessState != nil {
		m.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		m.rssKiB = peakRSS(cmd.ProcessState)
	}
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			err = fmt.Errorf("%w: %s", err, lastLine(msg))
		}
		return m, err
	}
	return m, nil
}
