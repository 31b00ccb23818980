package rules

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2023. december 31.", "2023-12-31", true},
		{"2024. június 30-ig", "2024-06-30", true},
		{"2024. június 30-áig", "2024-06-30", true},
		{"2023. dec. 31.", "2023-12-31", true},
		{"2025. márc. 1.", "2025-03-01", true},
		{"2024. március", "2024-03-31", true},
		{"2023.12.31.", "2023-12-31", true},
		{"2023. 12. 31.", "2023-12-31", true},
		{"2023-12-31", "2023-12-31", true},
		{"31.12.2023", "2023-12-31", true},
		{"31/12/2023", "2023-12-31", true},
		{"folyamatos", "ongoing", true},
		{"Folyamatosan", "ongoing", true},
		{"azonnal", "immediate", true},
		{"évente", "annual", true},
		{"annually", "annual", true},
		{"ongoing", "ongoing", true},
		{"Ongoing.", "ongoing", true},
		{"31 December 2026", "2026-12-31", true},
		{"by 31 December 2026", "2026-12-31", true},
		{"December 31, 2026", "2026-12-31", true},
		{"1er juillet 2024", "2024-07-01", true},
		{"30 juin 2023", "2023-06-30", true},
		{"June 2025", "2025-06-30", true},
		{"Q3 2025", "2025-09-30", true},
		{"2025 Q1", "2025-03-31", true},
		{"H1 2025", "2025-06-30", true},
		{"second half of 2024", "2024-12-31", true},
		{"2024. I. félév", "2024-06-30", true},
		{"2024. II. félév", "2024-12-31", true},
		{"2025. III. negyedév", "2025-09-30", true},
		{"end of 2025", "2025-12-31", true},
		{"2023. év végéig", "2023-12-31", true},
		{"2025", "2025-12-31", true},
		{"2024-2025", "2025-12-31", true},
		{"2023. január 1. – 2024. december 31.", "2024-12-31", true},
		{"2023. március 31., majd évente", "2023-03-31", true},
		{"folyamatos, első alkalommal 2023. június 30.", "2023-06-30", true},
		{"2023. február 30.", "", false},
		{"a 2024. évi költségvetés elfogadását követően", "", false},
		{"", "", false},
		{"soon", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023. december 31.", "Q3 2025", "31 December 2026", "folyamatos", "2024. I. félév"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, ok := ParseDate(s)
		if ok && iso == "" {
			t.Fatalf("ParseDate(%q) ok with empty result", s)
		}
		if !ok && iso != "" {
			t.Fatalf("ParseDate(%q) = %q, not ok", s, iso)
		}
	})
}
