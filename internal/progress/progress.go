package progress

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Counts is what the translate command reports. Every field is a running
// total for the whole batch.
type Counts struct {
	Articles, ArticlesTotal int // done (skipped and failed included) / total, 0 while unknown
	Skipped, Failed         int
	Segments                int // segments finished
	MemoryHits              int // segments taken from the translation memory
	Requests                int // backend calls
	Chars                   int // characters sent to the backend
	Retries                 int
}

// Article outcomes passed to [Reporter.Article].
const (
	OutcomeDone    = "done"
	OutcomeSkipped = "skipped"
	OutcomeFailed  = "failed"
)

// Reporter receives the progress of a batch. Its methods may be called from
// several goroutines at once.
type Reporter interface {
	// Update records new totals; it is called often (every batch) and
	// implementations throttle what they write.
	Update(c Counts)
	// Article records one finished article: its path, its outcome
	// ([OutcomeDone], [OutcomeSkipped] or [OutcomeFailed]), the error text
	// of a failure, and the totals after it.
	Article(path, outcome, errText string, c Counts)
	// Close draws the final state and releases the terminal. Calls after
	// the first do nothing, as do Update and Article after Close.
	Close()
}

// Mode selects how progress is shown.
type Mode string

// The modes [New] accepts.
const (
	ModeAuto  Mode = "auto"  // ModeBar on a terminal, ModeLines elsewhere
	ModeBar   Mode = "bar"   // live bar and counters
	ModeLines Mode = "lines" // plain text lines
	ModeJSON  Mode = "json"  // one JSON event a line
	ModeQuiet Mode = "quiet" // nothing
)

// Modes lists every mode, in the order help text should give them.
var Modes = []Mode{ModeAuto, ModeBar, ModeLines, ModeJSON, ModeQuiet}

// ParseMode returns the mode named s; the empty string is [ModeAuto].
func ParseMode(s string) (Mode, error) {
	if s == "" {
		return ModeAuto, nil
	}
	for _, m := range Modes {
		if string(m) == s {
			return m, nil
		}
	}
	names := make([]string, len(Modes))
	for i, m := range Modes {
		names[i] = string(m)
	}
	return "", fmt.Errorf("progress: unknown mode %q (want one of %s)", s, strings.Join(names, ", "))
}

// New returns a Reporter writing to w, normally stderr. isTerminal tells
// whether w is a terminal (the caller finds out with golang.org/x/term) and
// only matters for [ModeAuto]. now is the clock for rates, the ETA and
// throttling; nil means time.Now.
//
// A [ModeBar] reporter draws with cursor movement whatever w is, and runs
// goroutines until Close.
func New(w io.Writer, mode Mode, isTerminal bool, now func() time.Time) (Reporter, error) {
	mode, err := ParseMode(string(mode))
	if err != nil {
		return nil, err
	}
	if now == nil {
		now = time.Now
	}
	if mode == ModeAuto {
		mode = ModeLines
		if isTerminal {
			mode = ModeBar
		}
	}
	switch mode {
	case ModeBar:
		return newBar(w, now), nil
	case ModeLines:
		r := newStream(w, now, lineFormat{})
		r.quietEnd = true
		return r, nil
	case ModeJSON:
		return newStream(w, now, jsonFormat{}), nil
	default:
		return quiet{}, nil
	}
}

// quiet is the [ModeQuiet] reporter.
type quiet struct{}

func (quiet) Update(Counts)                          {}
func (quiet) Article(string, string, string, Counts) {}
func (quiet) Close()                                 {}
