package progress

import (
	"io"
	"strings"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Bar display settings: redrawn at most 10 times a second, the bar itself
// at most barWidth columns so that the figures beside it keep their place
// on a wide terminal.
const (
	refreshRate = 100 * time.Millisecond
	barWidth    = 40
)

// bar is the [ModeBar] reporter. mpb redraws it from its own goroutines,
// and every figure drawn is read from the tally under mu. mu is never held
// while calling into mpb: its render goroutine takes mu from the decorators,
// so calling mpb with mu held could deadlock.
type bar struct {
	mu     sync.Mutex
	t      tally
	closed bool

	p   *mpb.Progress
	bar *mpb.Bar
}

func newBar(w io.Writer, now func() time.Time) *bar {
	r := &bar{t: newTally(now)}
	r.p = mpb.New(
		mpb.WithOutput(w),
		mpb.WithRefreshRate(refreshRate),
		// The caller asked for a bar, so draw one, with cursor movement,
		// even when w is a wrapper mpb cannot see is a terminal. (In mpb
		// v8.16 ForceTTY alone does not start the redraws.)
		mpb.ForceTTY(),
		mpb.WithAutoRefresh(),
	)
	// A total of 0 never completes by itself: the bar ends only in Close,
	// and the total shown comes from the tally through fill.
	r.bar = r.p.New(0, mpb.BarStyle(),
		mpb.BarWidth(barWidth),
		mpb.BarFillerMiddleware(r.fill),
		mpb.PrependDecorators(decor.Any(r.articles)),
		mpb.AppendDecorators(decor.Any(r.rates)),
		mpb.BarExtender(mpb.BarFillerFunc(r.counters), false),
	)
	return r
}

func (r *bar) Update(c Counts) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.t.merge(c)
	}
}

func (r *bar) Article(path, outcome, errText string, c Counts) {
	r.mu.Lock()
	closed := r.closed
	if !closed {
		r.t.merge(c)
	}
	r.mu.Unlock()
	if closed {
		return
	}
	if line := (lineFormat{}).article(path, outcome, errText, stats{}); line != nil {
		// Printed above the bar at the next redraw. The only error is
		// mpb's "already closed", when Close won the race: nothing to do.
		_, _ = r.p.Write(line)
	}
}

// Close marks the bar complete, or aborted when articles are missing, and
// waits for mpb to draw it a last time and stop its goroutines.
func (r *bar) Close() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.closed = true
	s := r.t.stats(r.t.now())
	r.mu.Unlock()

	if s.totalKnown && !s.allArticlesIn {
		r.bar.Abort(false)
	} else {
		r.bar.SetTotal(-1, true)
	}
	r.p.Wait()
}

// snapshot returns the figures to draw and whether the run has ended.
func (r *bar) snapshot() (stats, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.t.stats(r.t.now()), r.closed
}

// fill draws mpb's bar for the tally's articles rather than the bar's own
// counter, which is never set.
func (r *bar) fill(base mpb.BarFiller) mpb.BarFiller {
	return mpb.BarFillerFunc(func(w io.Writer, st decor.Statistics) error {
		s, _ := r.snapshot()
		st.Current, st.Total = int64(s.Articles), int64(s.ArticlesTotal)
		return base.Fill(w, st)
	})
}

// articles is the text before the bar: "120/2000 articles".
func (r *bar) articles(decor.Statistics) string {
	s, _ := r.snapshot()
	return s.articles()
}

// rates is the text after the bar: "12.5 articles/s, 206k chars/s, ETA
// 2m30s" while running, the time taken once closed.
func (r *bar) rates(decor.Statistics) string {
	s, closed := r.snapshot()
	line := rate(s.articlesPerS) + " articles/s, " + short(int(s.charsPerS)) + " chars/s"
	switch {
	case closed && s.totalKnown && !s.allArticlesIn:
		return line + ", stopped after " + duration(s.elapsed)
	case closed:
		return line + ", done in " + duration(s.elapsed)
	case s.etaKnown:
		return line + ", ETA " + duration(s.eta)
	default:
		return line + ", ETA unknown"
	}
}

// counters is the line under the bar: "1,090 segments, 20 from memory,
// 27 requests, 2 retries, 1.24M chars, 1 skipped, 1 failed", shortened to
// the width of the terminal (a longer line would wrap and spoil the
// redraw).
func (r *bar) counters(w io.Writer, st decor.Statistics) error {
	s, _ := r.snapshot()
	// Listed in display order; rank says which go first when the line is
	// too long (lowest first). Failures are dropped last.
	items := []struct {
		text string
		rank int
		show bool
	}{
		{Group(s.Segments) + " segments", 5, true},
		{Group(s.MemoryHits) + " from memory", 4, true},
		{plural(s.Requests, "request"), 3, true},
		{plural(s.Retries, "retry"), 0, s.Retries > 0},
		{short(s.Chars) + " chars", 2, true},
		{Group(s.Skipped) + " skipped", 1, s.Skipped > 0},
		{Group(s.Failed) + " failed", 6, s.Failed > 0},
	}
	var line string
	for drop := 0; ; drop++ {
		var parts []string
		for _, it := range items {
			if it.show && it.rank >= drop {
				parts = append(parts, it.text)
			}
		}
		line = strings.Join(parts, ", ")
		if len(parts) <= 1 || st.AvailableWidth <= 0 || len(line) <= st.AvailableWidth {
			break
		}
	}
	// Every character is ASCII, one column each.
	if st.AvailableWidth > 0 && len(line) > st.AvailableWidth {
		line = line[:st.AvailableWidth]
	}
	_, err := io.WriteString(w, line+"\n")
	return err
}
