package main

import (
	"flag"
	"time"

	"github.com/recmap/recmap/extract"
)

// limits are the input size limits a user can raise on the command line.
type limits struct {
	maxFileMB   int64
	maxPages    int
	maxStreamMB int64
	maxZipMB    int64
	maxParas    int
	maxTextMB   int64
	maxMemoryMB int64
	timeout     time.Duration
}

// limitFlags name the flag that raises each extract limit, for the
// remedy printed with a LimitError.
var limitFlags = map[string]string{
	"MaxFileSize":   "--max-file-size",
	"MaxPages":      "--max-pages",
	"MaxStreamSize": "--max-stream-size",
	"MaxZipEntry":   "--max-stream-size",
	"MaxZipTotal":   "--max-zip-total",
	"MaxMemory":     "--max-memory",
	"Timeout":       "--timeout",
	"MaxParagraphs": "--max-paragraphs",
	"MaxText":       "--max-text",
}

func (l *limits) register(fs *flag.FlagSet) {
	d := extract.DefaultLimits
	fs.Int64Var(&l.maxFileMB, "max-file-size", d.MaxFileSize>>20, "largest input file in MB")
	fs.IntVar(&l.maxPages, "max-pages", d.MaxPages, "most pages read from one PDF")
	fs.Int64Var(&l.maxStreamMB, "max-stream-size", d.MaxStreamSize>>20, "largest decompressed PDF stream or DOCX part in MB")
	fs.Int64Var(&l.maxZipMB, "max-zip-total", d.MaxZipTotal>>20, "most decompressed MB read from one DOCX")
	fs.IntVar(&l.maxParas, "max-paragraphs", d.MaxParagraphs, "most paragraphs read from one document")
	fs.Int64Var(&l.maxTextMB, "max-text", d.MaxText>>20, "most MB of text read from one document")
	fs.Int64Var(&l.maxMemoryMB, "max-memory", d.MaxMemory>>20, "most MB of memory the process reading one file may use")
	fs.DurationVar(&l.timeout, "timeout", d.Timeout, "longest time spent on one document")
}

func (l *limits) extract() extract.Limits {
	return extract.Limits{
		MaxFileSize:   l.maxFileMB << 20,
		MaxPages:      l.maxPages,
		MaxStreamSize: l.maxStreamMB << 20,
		MaxZipEntry:   l.maxStreamMB << 20,
		MaxZipTotal:   l.maxZipMB << 20,
		Timeout:       l.timeout,
		MaxParagraphs: l.maxParas,
		MaxText:       l.maxTextMB << 20,
		MaxMemory:     l.maxMemoryMB << 20,
	}
}
