package extract

import (
	"errors"
	"fmt"
)

// Sentinel errors that callers branch on. Every error returned by this
// package wraps one of them inside an *Error.
var (
	ErrEncrypted   = errors.New("encrypted")
	ErrNoTextLayer = errors.New("no text layer (scanned; OCR needed)")
	ErrCorrupt     = errors.New("corrupt or truncated")
	ErrEmpty       = errors.New("empty file")
	ErrUnsupported = errors.New("unsupported format")
	ErrTooLarge    = errors.New("over a size limit")
	// ErrUnreadableText is a PDF whose text layer is there but does not
	// decode into words on most pages (fonts without a usable encoding).
	ErrUnreadableText = errors.New("the text layer does not decode")
)

// Error is an extraction failure: the file, the page when known, and why.
type Error struct {
	Path string // file name
	Page int    // 1-based page, 0 when not page-specific
	Err  error  // wraps one of the sentinels, possibly with detail
}

func (e *Error) Error() string {
	if e.Page > 0 {
		return fmt.Sprintf("extract %s: page %d: %v", e.Path, e.Page, e.Err)
	}
	return fmt.Sprintf("extract %s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Hint tells a user what to do about an extraction error. It returns "" for
// errors that are not this package's.
func Hint(err error) string {
	switch {
	case errors.Is(err, ErrEncrypted):
		return "remove the password or protection (e.g. print to a new PDF) and ingest that copy"
	case errors.Is(err, ErrNoTextLayer):
		return "the pages are images: run OCR (e.g. ocrmypdf) and ingest the OCR'd copy"
	case errors.Is(err, ErrUnreadableText):
		return "the text layer does not decode: OCR the file (e.g. ocrmypdf --force-ocr) and ingest the OCR'd copy"
	case errors.Is(err, ErrCorrupt):
		return "the file is damaged: download it again, or open and re-save it (e.g. print to PDF)"
	case errors.Is(err, ErrEmpty):
		return "the file has no content: check the download or copy"
	case errors.Is(err, ErrUnsupported):
		return "recmap reads PDF, DOCX, HTML, TXT and Markdown: convert the file to one of these"
	case errors.Is(err, ErrTooLarge):
		return "the file is larger than recmap accepts by default: if it is genuine, raise that limit"
	}
	return ""
}

// corrupt wraps a detail as ErrCorrupt.
func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}
