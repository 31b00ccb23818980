package extract

import (
	"context"
	"fmt"
)

// Placeholders replaced by the real readers (pdf.go, docx.go, html.go).

func readPDF(ctx context.Context, data []byte, lim Limits, o Options) (*Document, error) {
	return nil, fmt.Errorf("%w: PDF reader not built yet", ErrUnsupported)
}

func readDOCX(ctx context.Context, data []byte, lim Limits) (*Document, error) {
	return nil, fmt.Errorf("%w: DOCX reader not built yet", ErrUnsupported)
}

func readHTML(ctx context.Context, data []byte) (*Document, error) {
	return nil, fmt.Errorf("%w: HTML reader not built yet", ErrUnsupported)
}
