package rules

import (
	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
)

// Placeholders replaced by the real metadata, finishing and taxonomy code.

// Taxonomy is the topic vocabulary.
type Taxonomy struct{}

// DefaultTaxonomy returns the embedded taxonomy.
func DefaultTaxonomy() *Taxonomy { return &Taxonomy{} }

func baseMeta(doc *extract.Document) recmap.Document {
	return recmap.Document{FileName: doc.Source.Name, SHA256: doc.Source.SHA256, Format: string(doc.Source.Format), Pages: doc.Source.Pages}
}

func (p *parser) finish() {}
