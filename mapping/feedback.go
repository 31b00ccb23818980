package mapping

import (
	"math"
	"strings"
)

// Section feedback. A national report answers a theme in one section, and a
// report's recommendations on that theme share words the section may not
// use: recommendations say "minorities" and "hate speech" where the State
// writes "national communities" and "Article 297 of the Criminal Code".
// So, once every recommendation has a first best section, each section is
// also described by the recommendations that chose it, and each
// recommendation is compared with those descriptions too (pseudo-relevance
// feedback at the level of sections, by the cluster hypothesis: similar
// recommendations are answered in the same place). A recommendation never
// counts in the description it is compared with.

// wFeedback is the weight of the feedback score (0..1, 1 for the most
// similar section) added to a recommendation's own section score (0..1)
// before it is normalised again: half as much as the section's own text,
// so the feedback decides between sections the text scores alike, and
// does not override the text.
const wFeedback = 0.5

// feedback adds to each recommendation's section scores (ev.sec) its
// similarity to the recommendations whose best section each section is.
// order lists evs in document order, for the neighbour smoothing of the
// first pass.
func (e *Engine) feedback(evs []*evidence, order []int) {
	best := make([]string, len(evs))
	vec := make([]map[string]float64, len(evs))
	for pos, i := range order {
		if k := topKeys(smoothed(evs, order, pos), 1); len(k) == 1 {
			best[i] = k[0]
		}
		vec[i] = e.feedbackVector(evs[i])
	}
	// A section's description: the sum of the unit vectors of the
	// recommendations that chose it.
	prof := map[string]map[string]float64{}
	for i, b := range best {
		if b == "" {
			continue
		}
		if prof[b] == nil {
			prof[b] = map[string]float64{}
		}
		for t, x := range vec[i] {
			prof[b][t] += x
		}
	}
	for i, ev := range evs {
		fb := map[string]float64{}
		for k, pv := range prof {
			if v := cosineWithout(pv, vec[i], k == best[i]); v > 0 {
				fb[k] = v
			}
		}
		normalise(fb)
		for k, v := range fb {
			if e.secOff[k] {
				v *= offPartWeight // as the evidence's own section scores
			}
			ev.sec[k] += wFeedback * v
		}
		normalise(ev.sec)
	}
}

// cosineWithout is the cosine of profile p and unit vector v, with v taken
// out of p first when without is set.
func cosineWithout(p, v map[string]float64, without bool) float64 {
	dot, n2 := 0.0, 0.0
	for t, x := range p {
		if without {
			x -= v[t]
		}
		n2 += x * x
		dot += x * v[t]
	}
	if n2 <= 1e-12 || dot <= 0 {
		return 0
	}
	return dot / math.Sqrt(n2)
}

// feedbackVector is a recommendation's terms as a unit vector, each weighted by
// its rarity among the recommendations of its report (recIDF): words every
// recommendation uses ("rights", "human") describe no section.
func (e *Engine) feedbackVector(ev *evidence) map[string]float64 {
	v := map[string]float64{}
	for _, t := range analyse(withoutStates(ev.rec), ev.rec.Lang) {
		v[t] += e.recIDF(ev.rec.DocID, t)
	}
	norm := 0.0
	for _, x := range v {
		norm += x * x
	}
	if norm == 0 {
		return v
	}
	norm = math.Sqrt(norm)
	for t := range v {
		v[t] /= norm
	}
	return v
}

// recIDF is a term's rarity among the recommendations of document doc, in
// 0..1: 1 for a term of one recommendation, towards 0 for a term of all.
func (e *Engine) recIDF(doc, term string) float64 {
	n := float64(e.recN[doc])
	if n == 0 {
		return 1
	}
	df := math.Max(float64(e.recDF[doc][term]), 1)
	return math.Log(1+n/df) / math.Log(1+n)
}

// lastHeading is the innermost heading of a heading path, "" for none.
func lastHeading(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return strings.TrimSpace(path[len(path)-1])
}
