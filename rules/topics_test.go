package rules_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/recmap/recmap/rules"
)

func TestTag(t *testing.T) {
	tax := rules.DefaultTaxonomy()
	tests := []struct {
		name, text, lang string
		want             []string // topics that must be present
		not              []string // topics that must be absent
	}{
		{"english", "Step up efforts to combat trafficking in persons and protect victims", "en", []string{"trafficking"}, nil},
		{"hungarian inflected", "Az emberkereskedelem áldozatának azonosítása és az emberkereskedelemmel kapcsolatos képzés", "hu", []string{"trafficking", "identification", "training"}, nil},
		{"hungarian labour", "A munkaerő-kizsákmányolás és a kényszermunka elleni fellépés", "hu", []string{"labour-exploitation", "trafficking"}, nil},
		{"french", "La lutte contre la traite des êtres humains et l'exploitation par le travail", "fr", []string{"trafficking", "labour-exploitation"}, nil},
		{"drug trafficking is not", "Combat drug trafficking and organised crime", "en", nil, []string{"trafficking"}},
		{"deadline is not a border", "Határidő: 2023. december 31.", "hu", nil, []string{"asylum-migration"}},
		{"no language", "trafficking in human beings", "", []string{"trafficking"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tag := range tax.Tag(tt.text, tt.lang) {
				got = append(got, tag.Topic)
				if len(tag.Terms) == 0 {
					t.Errorf("topic %s without terms", tag.Topic)
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Tag(%q) = %v, want %s", tt.text, got, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("Tag(%q) = %v, must not contain %s", tt.text, got, w)
				}
			}
		})
	}
}

func TestTerms(t *testing.T) {
	tax := rules.DefaultTaxonomy()
	hu := tax.Terms("trafficking", "hu")
	if !slices.Contains(hu, "emberkereskedel*") {
		t.Errorf("Terms(trafficking, hu) = %v", hu)
	}
	all := tax.Terms("labour-exploitation", "")
	for _, w := range []string{"labour exploitation", "kényszermunk*", "exploitation par le travail"} {
		if !slices.Contains(all, w) {
			t.Errorf("Terms(labour-exploitation, \"\") lacks %q", w)
		}
	}
	if tax.Terms("no-such-topic", "en") != nil {
		t.Error("unknown topic has terms")
	}
	if got := tax.Label("trafficking", "hu"); !strings.HasPrefix(got, "Emberkereskedelem") {
		t.Errorf("Label = %q", got)
	}
}

func TestLoadTaxonomyErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"syntax", "{\n  \"topics\": [\n    {\"id\": \"x\",, }\n  ]\n}", "line 3, column"},
		{"truncated", "{\"topics\": [", "unexpected end"},
		{"type", "{\"topics\": [{\"id\": 5}]}", "line 1"},
		{"no terms", `{"topics": [{"id": "x"}]}`, "no terms"},
		{"duplicate", `{"topics": [{"id": "x", "terms": {"en": ["a"]}}, {"id": "x", "terms": {"en": ["b"]}}]}`, "twice"},
		{"unknown parent", `{"topics": [{"id": "x.y", "parent": "x", "terms": {"en": ["a"]}}]}`, "no parent topic"},
		{"nested concept", `{"topics": [{"id": "x", "terms": {"en": ["a"]}}, {"id": "y", "parent": "x", "terms": {"en": ["b"]}}, {"id": "z", "parent": "y", "terms": {"en": ["c"]}}]}`, "itself a concept"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules.LoadTaxonomy(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadTaxonomy error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	tax, err := rules.LoadTaxonomy(strings.NewReader(`{"topics": [{"id": "x", "labels": {"en": "X"}, "terms": {"en": ["foo*"]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := tax.Tag("Foobar here", "en"); len(got) != 1 || got[0].Topic != "x" {
		t.Errorf("Tag with custom taxonomy = %v", got)
	}
}

// TestMatch: concepts are matched per language with the words that
// triggered them, stay out of Tag and Topics, and have terms in English,
// Hungarian and French.
func TestMatch(t *testing.T) {
	tax := rules.DefaultTaxonomy()
	tests := []struct {
		name, text, lang string
		want             []string
		not              []string
	}{
		{"legal aid en", "guarantee effective access to free legal aid for victims", "en", []string{"compensation.legalaid", "compensation.free"}, []string{"compensation.state"}},
		{"legal aid hu", "ingyenes jogi segítségnyújtást kell biztosítani", "hu", []string{"compensation.legalaid", "compensation.free"}, nil},
		{"state compensation hu", "az állami kárenyhítés szabályainak módosítása", "hu", []string{"compensation.state"}, []string{"compensation.legalaid"}},
		{"guardian fr", "désigner un tuteur pour chaque enfant non accompagné", "fr", []string{"children.guardian", "children.unaccompanied"}, nil},
		{"police unit is not specialised judges", "the specialised police unit has sufficient staff", "en", []string{"prosecution.units", "prosecution.staffing"}, []string{"prosecution.specialisedjustice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tag := range tax.Match(tt.text, tt.lang) {
				got = append(got, tag.Topic)
				if len(tag.Terms) == 0 {
					t.Errorf("%s without terms", tag.Topic)
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Match(%q) = %v, want %s", tt.text, got, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("Match(%q) = %v, must not contain %s", tt.text, got, w)
				}
			}
			for _, tag := range tax.Tag(tt.text, tt.lang) {
				if tax.Parent(tag.Topic) != "" {
					t.Errorf("Tag returned concept %s", tag.Topic)
				}
			}
		})
	}
	for _, tp := range tax.Topics() {
		if tp.Parent != "" {
			t.Errorf("Topics() lists concept %s", tp.ID)
		}
	}
	concepts := tax.Concepts()
	if len(concepts) < 50 {
		t.Errorf("%d concepts, want at least 50", len(concepts))
	}
	for _, c := range concepts {
		for _, lang := range []string{"en", "hu", "fr"} {
			if len(tax.Terms(c.ID, lang)) == 0 {
				t.Errorf("concept %s has no %s terms", c.ID, lang)
			}
		}
	}
}
