package main

import (
	"math/rand/v2"
	"testing"
)

// lcsDP is the textbook O(nm) longest common subsequence.
func lcsDP(x, y []int32) int {
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for i := range x {
		for j := range y {
			switch {
			case x[i] == y[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// randomPair returns two sequences over an alphabet of size vocab, the
// second an edit of the first (deletions, insertions, a moved block).
func randomPair(r *rand.Rand, n, vocab int) (x, y []int32) {
	x = make([]int32, n)
	for i := range x {
		x[i] = int32(r.IntN(vocab))
	}
	for _, w := range x {
		switch r.IntN(10) {
		case 0: // deleted
		case 1: // replaced
			y = append(y, int32(r.IntN(vocab)))
		default:
			y = append(y, w)
		}
	}
	if len(y) > 4 && r.IntN(2) == 0 { // move a block to the end
		i := r.IntN(len(y) / 2)
		j := i + r.IntN(len(y)-i)
		y = append(append(append([]int32{}, y[:i]...), y[j:]...), y[i:j]...)
	}
	return x, y
}

func TestLCSExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		x, y := randomPair(r, r.IntN(200), 1+r.IntN(30))
		s := newLCS(30, len(x)+len(y), workPerWord, workMin)
		got, exact := s.lcs(x, y)
		if want := lcsDP(x, y); got != want || !exact {
			t.Fatalf("lcs(%v, %v) = %d, %v; want %d, true", x, y, got, exact, want)
		}
	}
}

// TestLCSBound forces the approximation with a budget of nothing: it must
// find a common subsequence no longer than the longest, and flag it.
func TestLCSBound(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var sumGot, sumWant int
	for range 500 {
		x, y := randomPair(r, 50+r.IntN(500), 20+r.IntN(2000))
		want := lcsDP(x, y)
		s := newLCS(2020, len(x)+len(y), 0, 0)
		got, exact := s.lcs(x, y)
		if got > want {
			t.Fatalf("lcs = %d, above the LCS %d", got, want)
		}
		if exact && got != want {
			t.Fatalf("lcs = %d flagged exact, LCS %d", got, want)
		}
		sumGot += got
		sumWant += want
	}
	// On texts that are mostly the same the anchors find most of it.
	if float64(sumGot) < 0.9*float64(sumWant) {
		t.Errorf("approximation found %d of %d LCS words", sumGot, sumWant)
	}
}

func TestReadingOrder(t *testing.T) {
	tests := []struct {
		name      string
		a, b      []string
		want      float64
		wantExact bool
	}{
		{"empty", nil, nil, 1, true},
		{"one empty", []string{"a"}, nil, 0, true},
		{"same", []string{"a", "b", "c"}, []string{"a", "b", "c"}, 1, true},
		{"swapped", []string{"a", "b", "c", "d"}, []string{"c", "d", "a", "b"}, 0.5, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, exact := readingOrder(tt.a, tt.b)
			if got != tt.want || exact != tt.wantExact {
				t.Errorf("got %v, %v; want %v, %v", got, exact, tt.want, tt.wantExact)
			}
		})
	}
}

func TestOrderFree(t *testing.T) {
	tests := []struct {
		name string
		a, b []string
		want float64
	}{
		{"empty", nil, nil, 1},
		{"one empty", []string{"a"}, nil, 0},
		{"swapped", []string{"a", "b", "c", "d"}, []string{"c", "d", "a", "b"}, 1},
		{"multiset", []string{"a", "a", "b"}, []string{"a", "b", "b"}, 2.0 * 2 / 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := orderFree(tt.a, tt.b); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
