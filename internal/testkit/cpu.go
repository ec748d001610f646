package testkit

import (
	"testing"
	"time"
)

// ReportCPU reports the CPU time per operation since start (a [CPUTime]
// taken before the loop) and, when bytes is not 0, the bytes per
// CPU-second: on a shared machine wall time measures the neighbours too.
// It reports nothing where the CPU time is not read.
func ReportCPU(b *testing.B, start time.Duration, bytes int64) {
	cpu := CPUTime(false) - start
	if cpu <= 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	if bytes > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
}
