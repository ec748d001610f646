//go:build unix

package bitext

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time (user and system, every thread) the process has
// used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since start and the bytes
// per CPU-second: on a shared machine wall time measures the neighbours
// too. Call it after the loop, with the CPU time taken before it.
func reportCPU(b *testing.B, start time.Duration, bytes int64) {
	cpu := cpuTime() - start
	if cpu <= 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	if bytes > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
}
