//go:build !unix

package testkit

import (
	"os"
	"time"
)

// CPUTime is 0 where the process's CPU time is not read: the benchmarks
// then report no CPU figures.
func CPUTime(children bool) time.Duration { return 0 }

// PeakRSS is 0 where the system does not say.
func PeakRSS(*os.ProcessState) int64 { return 0 }
