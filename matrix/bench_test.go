package matrix_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recmap/recmap/matrix"
)

// peakRSSMB returns the process's peak resident set size (VmHWM) in MB, or
// 0 where /proc is not available.
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// cpuTime is the process's user+system CPU time: a figure that, unlike
// ns/op, does not grow when other processes share the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkWrite10k exports 10,000 recommendations × 20 styled columns with
// every sheet. Run alone to read peak-RSS-MB as the export's peak memory:
//
//	go test ./matrix -run '^$' -bench Write10k -benchtime 5x
func BenchmarkWrite10k(b *testing.B) {
	wb, _ := bigWorkbook(10_000)
	var size int64
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		w := &countWriter{}
		if err := matrix.Write(w, wb); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(size)/(1<<20), "file-MB")
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}

// BenchmarkRead10k reads back a 10,000-row matrix and plans the import.
//
//	go test ./matrix -run '^$' -bench Read10k -benchtime 5x
func BenchmarkRead10k(b *testing.B) {
	wb, known := bigWorkbook(10_000)
	var buf bytes.Buffer
	if err := matrix.Write(&buf, wb); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	cur := matrix.NewCurrent(wb.Recs, known)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		s, err := matrix.Read(bytes.NewReader(data), int64(len(data)), matrix.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if p := matrix.Plan(s, cur); len(p.Changes) != 0 {
			b.Fatal(p.Summary())
		}
	}
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}
