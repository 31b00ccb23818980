package rules

import (
	"context"
	"fmt"
	"sort"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
)

// Options configure Parse. The zero value detects the family and uses the
// embedded taxonomy.
type Options struct {
	Family   recmap.Family // force this profile; "" detects
	Taxonomy *Taxonomy     // nil means the embedded default taxonomy
	MaxItems int           // most items from one document; 0 means DefaultMaxItems
}

// DefaultMaxItems bounds the items cut from one document.
const DefaultMaxItems = 200000

// Result is a parsed document.
type Result struct {
	Doc       recmap.Document `json:"document"`
	Items     []recmap.Item   `json:"items"`
	Detection []Detection     `json:"detection"` // every family's score, best first
	Warnings  []string        `json:"warnings,omitempty"`
}

// Detection is how well a document matched one family, and why.
type Detection struct {
	Family  recmap.Family `json:"family"`
	Score   float64       `json:"score"` // 0..1
	Reasons []string      `json:"reasons,omitempty"`
}

// profile is one document family: how to recognise it, and how to cut it.
type profile struct {
	family recmap.Family
	// detect scores doc for this family (0..1) and says why.
	detect func(doc *extract.Document) (float64, []string)
	// cut fills p.res.Items (and metadata it alone knows) from p.doc.
	cut func(ctx context.Context, p *parser) error
}

// profiles is filled by each family's file in init.
var profiles = map[recmap.Family]*profile{}

func register(p *profile) { profiles[p.family] = p }

// parser is the state shared by the cutters of one document.
type parser struct {
	doc *extract.Document
	res *Result
	tax *Taxonomy
	max int
	// claimed are paragraphs an item spans besides its own ParaIndex.
	claimed map[int]bool
	// noTextRefs stops finish from adding the references found in the
	// text of cut items (their profile set the references they carry).
	noTextRefs bool
}

// warnf records a warning about the document.
func (p *parser) warnf(format string, args ...any) {
	p.res.Warnings = append(p.res.Warnings, fmt.Sprintf(format, args...))
}

// Parse recognises doc's family and cuts it into items.
func Parse(ctx context.Context, doc *extract.Document, opts Options) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("parse %s: internal error: %v", doc.Source.Name, r)
		}
	}()
	res = &Result{}
	for fam, pr := range profiles {
		s, why := pr.detect(doc)
		res.Detection = append(res.Detection, Detection{Family: fam, Score: s, Reasons: why})
	}
	sort.Slice(res.Detection, func(i, j int) bool {
		if res.Detection[i].Score != res.Detection[j].Score {
			return res.Detection[i].Score > res.Detection[j].Score
		}
		return res.Detection[i].Family < res.Detection[j].Family
	})
	fam := opts.Family
	conf := 1.0
	if fam == "" {
		fam, conf = recmap.FamilyUnknown, 0
		if len(res.Detection) > 0 && res.Detection[0].Score >= 0.3 {
			fam, conf = res.Detection[0].Family, res.Detection[0].Score
		}
	}
	pr, ok := profiles[fam]
	if !ok && fam != recmap.FamilyUnknown {
		return nil, fmt.Errorf("parse %s: unknown profile %q", doc.Source.Name, fam)
	}
	tax := opts.Taxonomy
	if tax == nil {
		tax = DefaultTaxonomy()
	}
	max := opts.MaxItems
	if max <= 0 {
		max = DefaultMaxItems
	}
	p := &parser{doc: doc, res: res, tax: tax, max: max}
	res.Doc = baseMeta(doc)
	res.Doc.Family, res.Doc.FamilyConfidence = fam, conf
	if ok {
		if err := pr.cut(ctx, p); err != nil {
			return nil, fmt.Errorf("parse %s as %s: %w", doc.Source.Name, fam, err)
		}
	} else {
		p.warnf("document family not recognised: every paragraph is kept as a paragraph item (force a profile with --profile)")
	}
	p.finish()
	return res, nil
}
