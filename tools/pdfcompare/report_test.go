package main

import (
	"testing"
)

func TestClassify(t *testing.T) {
	low := 0.5
	high := 0.95
	tests := []struct {
		name string
		r    fileResult
		want string
	}{
		{"ok", fileResult{OrderFree: 0.99}, statusOK},
		{"low", fileResult{OrderFree: 0.95}, statusLow},
		{"garbage", fileResult{OrderFree: 0.4}, statusGarbage},
		{"error", fileResult{OrderFree: 1, Error: "boom"}, statusError},
		{"unreadable document", fileResult{UnreadableDocument: true}, statusUnreadable},
		{"unreadable pages, rest fine", fileResult{OrderFree: 0.5, UnreadablePages: []int{2}, OrderFreeReadable: &high}, statusUnreadable},
		{"unreadable pages, rest garbage", fileResult{OrderFree: 0.4, UnreadablePages: []int{2}, OrderFreeReadable: &low}, statusGarbage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.classify(0.98)
			if tt.r.Status != tt.want {
				t.Errorf("got %s, want %s", tt.r.Status, tt.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	results := []*fileResult{
		{File: "a.pdf", Status: statusOK, ReadingOrder: 1, ReadingOrderExact: true},
		{File: "b.pdf", Status: statusLow, ReadingOrder: 0.9, ReadingOrderExact: true},
		{File: "c.pdf", Status: statusUnreadable},
		{File: "d.pdf", Status: statusGarbage, ReadingOrder: 0.2},
		{File: "e.pdf", Status: statusError},
	}
	s := summarize(results, 0.98)
	want := "5 files: 1 ≥ 0.98 order-free, 1 in [0.9, 0.98), 1 reported unreadable, 1 garbage (below 0.9 without a warning): d.pdf; " +
		"1 not compared (error): e.pdf; reading order mean 0.700 (over 3 files, 1 of them lower bounds)"
	if s.Line != want {
		t.Errorf("got\n%s\nwant\n%s", s.Line, want)
	}
	if s.passed() {
		t.Error("passed with garbage and an error")
	}
	if s := summarize(results[:1], 0.98); !s.passed() || s.Line != "1 file: 1 ≥ 0.98 order-free, 0 in [0.9, 0.98), 0 reported unreadable, 0 garbage (below 0.9 without a warning); reading order mean 1.000" {
		t.Errorf("one good file: passed %v, line %q", s.passed(), s.Line)
	}
}

func TestPageList(t *testing.T) {
	if got, want := pageList([]int{1, 3, 4, 5, 9, 10}), "1, 3–5, 9–10"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
