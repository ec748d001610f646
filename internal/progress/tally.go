package progress

import (
	"strconv"
	"strings"
	"time"
)

// tally holds the latest totals and the start time, and derives rates and
// the ETA from them. It is not safe for concurrent use: reporters guard it.
type tally struct {
	now   func() time.Time
	start time.Time
	c     Counts
}

func newTally(now func() time.Time) tally {
	return tally{now: now, start: now()}
}

// merge takes the larger value of every field, so that totals computed
// before c but delivered after it by another goroutine do not count down.
func (t *tally) merge(c Counts) {
	t.c = Counts{
		Articles:      max(t.c.Articles, c.Articles),
		ArticlesTotal: max(t.c.ArticlesTotal, c.ArticlesTotal),
		Skipped:       max(t.c.Skipped, c.Skipped),
		Failed:        max(t.c.Failed, c.Failed),
		Segments:      max(t.c.Segments, c.Segments),
		MemoryHits:    max(t.c.MemoryHits, c.MemoryHits),
		Requests:      max(t.c.Requests, c.Requests),
		Chars:         max(t.c.Chars, c.Chars),
		Retries:       max(t.c.Retries, c.Retries),
	}
}

// stats is a snapshot of a tally at one instant.
type stats struct {
	Counts
	elapsed       time.Duration
	articlesPerS  float64
	charsPerS     float64
	eta           time.Duration
	etaKnown      bool
	totalKnown    bool
	allArticlesIn bool // every article of a known total is done
}

// stats derives the rates and ETA at the instant at.
func (t *tally) stats(at time.Time) stats {
	s := stats{Counts: t.c, elapsed: max(at.Sub(t.start), 0)}
	if secs := s.elapsed.Seconds(); secs > 0 {
		s.articlesPerS = float64(s.Articles) / secs
		s.charsPerS = float64(s.Chars) / secs
	}
	s.totalKnown = s.ArticlesTotal > 0
	s.allArticlesIn = s.totalKnown && s.Articles >= s.ArticlesTotal
	if s.allArticlesIn {
		s.eta, s.etaKnown = 0, true
	} else if s.totalKnown && s.Articles > 0 && s.elapsed > 0 {
		left := s.ArticlesTotal - s.Articles
		s.eta = time.Duration(float64(s.elapsed) * float64(left) / float64(s.Articles))
		s.etaKnown = true
	}
	return s
}

// articles says how many articles are done: "120/2000 articles", or
// "120 articles" while the total is unknown.
func (s stats) articles() string {
	if !s.totalKnown {
		return Group(s.Articles) + " articles"
	}
	return Group(s.Articles) + "/" + Group(s.ArticlesTotal) + " articles"
}

// outcomes lists the articles that were not translated: "3 skipped,
// 1 failed", or "" when there are none.
func (s stats) outcomes() string {
	var parts []string
	if s.Skipped > 0 {
		parts = append(parts, Group(s.Skipped)+" skipped")
	}
	if s.Failed > 0 {
		parts = append(parts, Group(s.Failed)+" failed")
	}
	return strings.Join(parts, ", ")
}

// work says what the articles took: "3,400 segments (2,900 from memory),
// 41 requests, 512,000 characters", with the retries where there are any.
func (s stats) work() string {
	parts := []string{
		Group(s.Segments) + " segments (" + Group(s.MemoryHits) + " from memory)",
		plural(s.Requests, "request"),
	}
	if s.Retries > 0 {
		parts = append(parts, plural(s.Retries, "retry"))
	}
	parts = append(parts, plural(s.Chars, "character"))
	return strings.Join(parts, ", ")
}

// Group writes n in decimal with a comma between groups of three digits.
func Group(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// plural writes "1 request" or "41 requests" ("retry" becomes "retries").
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return Group(n) + " " + noun[:len(noun)-1] + "ies"
	}
	return Group(n) + " " + noun + "s"
}

// short writes n in at most four digits: "9,999", "12.3k", "1.24M".
func short(n int) string {
	if n < 10_000 {
		return Group(n)
	}
	v, unit := float64(n)/1e3, "k"
	switch {
	case n >= 1e9:
		v, unit = float64(n)/1e9, "G"
	case n >= 1e6:
		v, unit = float64(n)/1e6, "M"
	}
	prec := 2
	if v >= 100 {
		prec = 0
	} else if v >= 10 {
		prec = 1
	}
	return strconv.FormatFloat(v, 'f', prec, 64) + unit
}

// rate writes a per-second rate with one decimal: "12.5".
func rate(perS float64) string {
	return strconv.FormatFloat(perS, 'f', 1, 64)
}

// duration writes d rounded to the second: "2m30s".
func duration(d time.Duration) string {
	return d.Round(time.Second).String()
}
