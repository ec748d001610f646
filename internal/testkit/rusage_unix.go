//go:build unix

package testkit

import (
	"os"
	"syscall"
	"time"
)

// CPUTime is the CPU time (user and system, every thread) this process has
// used so far; with children, that of the child processes it has waited
// for as well. Benchmarks report throughput per CPU-second with it: on a
// shared machine wall time measures the neighbours too.
func CPUTime(children bool) time.Duration {
	who := []int{syscall.RUSAGE_SELF}
	if children {
		who = append(who, syscall.RUSAGE_CHILDREN)
	}
	var total time.Duration
	for _, w := range who {
		var ru syscall.Rusage
		if err := syscall.Getrusage(w, &ru); err == nil {
			total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return total
}

// PeakRSS is the largest resident set of the process ps describes, in
// bytes; 0 where the system does not say.
func PeakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	return 0
}
