package main

import (
	"time"

	"github.com/diglot/diglot/internal/testkit"
)

// cpuTime is the user and system time of this process and of the children
// it has waited for (the Apertium pipelines, once they have exited); 0 where
// it is not read, and the CPU ratios then read NaN.
func cpuTime() time.Duration { return testkit.CPUTime(true) }
