package progress

import (
	"testing"
	"time"
)

func TestNumbers(t *testing.T) {
	tests := []struct {
		name string
		f    func(int) string
		n    int
		want string
	}{
		{"Group", Group, 0, "0"},
		{"Group", Group, 999, "999"},
		{"Group", Group, 1000, "1,000"},
		{"Group", Group, 12345, "12,345"},
		{"Group", Group, 512000, "512,000"},
		{"Group", Group, 1234567, "1,234,567"},
		{"Group", Group, -1234, "-1,234"},
		{"short", short, 0, "0"},
		{"short", short, 9999, "9,999"},
		{"short", short, 10000, "10.0k"},
		{"short", short, 12345, "12.3k"},
		{"short", short, 206000, "206k"},
		{"short", short, 1236000, "1.24M"},
		{"short", short, 12345678, "12.3M"},
		{"short", short, 2500000000, "2.50G"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.want, func(t *testing.T) {
			if got := tt.f(tt.n); got != tt.want {
				t.Errorf("%s(%d) = %q, want %q", tt.name, tt.n, got, tt.want)
			}
		})
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		n          int
		noun, want string
	}{
		{0, "request", "0 requests"},
		{1, "request", "1 request"},
		{1500, "character", "1,500 characters"},
		{1, "retry", "1 retry"},
		{3, "retry", "3 retries"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := plural(tt.n, tt.noun); got != tt.want {
				t.Errorf("plural(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
			}
		})
	}
}

// A goroutine that computed its totals before another may deliver them
// after it; the display must not count down.
func TestMergeKeepsLargest(t *testing.T) {
	tl := newTally(newFakeClock().now)
	tl.merge(Counts{Articles: 5, ArticlesTotal: 10, Segments: 100, Chars: 9000, Requests: 4})
	tl.merge(Counts{Articles: 4, ArticlesTotal: 10, Segments: 120, Chars: 8000, Requests: 4, Retries: 1})
	want := Counts{Articles: 5, ArticlesTotal: 10, Segments: 120, Chars: 9000, Requests: 4, Retries: 1}
	if tl.c != want {
		t.Errorf("merged %+v, want %+v", tl.c, want)
	}
}

func TestStats(t *testing.T) {
	tests := []struct {
		name         string
		c            Counts
		elapsed      time.Duration
		wantRate     float64
		wantETA      time.Duration
		wantETAKnown bool
		wantAllIn    bool
	}{
		{"nothing yet", Counts{ArticlesTotal: 100}, 0, 0, 0, false, false},
		{"no article after a while", Counts{ArticlesTotal: 100}, 5 * time.Second, 0, 0, false, false},
		{"total unknown", Counts{Articles: 10}, 2 * time.Second, 5, 0, false, false},
		{"a quarter in 10s", Counts{Articles: 25, ArticlesTotal: 100}, 10 * time.Second, 2.5, 30 * time.Second, true, false},
		{"all done", Counts{Articles: 100, ArticlesTotal: 100}, 40 * time.Second, 2.5, 0, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			tl := newTally(clock.now)
			tl.merge(tt.c)
			clock.advance(tt.elapsed)
			s := tl.stats(clock.now())
			if s.elapsed != tt.elapsed {
				t.Errorf("elapsed %v, want %v", s.elapsed, tt.elapsed)
			}
			if s.articlesPerS != tt.wantRate {
				t.Errorf("articles/s %v, want %v", s.articlesPerS, tt.wantRate)
			}
			if s.etaKnown != tt.wantETAKnown || s.eta != tt.wantETA {
				t.Errorf("ETA %v (known %v), want %v (known %v)", s.eta, s.etaKnown, tt.wantETA, tt.wantETAKnown)
			}
			if s.allArticlesIn != tt.wantAllIn {
				t.Errorf("all articles in = %v, want %v", s.allArticlesIn, tt.wantAllIn)
			}
		})
	}
}
