package progress

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/vbauerster/mpb/v8/decor"
)

// settleGoroutines waits up to a second for the goroutine count to fall
// to at most want, and returns the last count seen.
func settleGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(time.Second); n > want && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	return n
}

// closeWithin calls r.Close and fails the test if it has not returned
// after d: a hang, not a measure of speed.
func closeWithin(t *testing.T, r Reporter, d time.Duration) {
	t.Helper()
	closed := make(chan struct{})
	go func() {
		r.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(d):
		t.Fatalf("Close has not returned after %v", d)
	}
}

func TestBar(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
		want  []string // in the output, in any order
	}{
		{
			name:  "interrupted",
			steps: script,
			want: []string{
				"4/5 articles",
				"diglot: failed b/three.txt: deepl: batch 0: quota exceeded retry later\n",
				"1,090 segments, 20 from memory, 27 requests, 1.24M chars, 1 skipped, 1 failed\n",
				"0.7 articles/s, 206k chars/s, stopped after 6s\n",
			},
		},
		{
			name: "complete",
			steps: append(script[:len(script):len(script)], step{wait: 4 * time.Second, path: "b/five.txt", outcome: OutcomeDone,
				c: Counts{Articles: 5, ArticlesTotal: 5, Skipped: 1, Failed: 1, Segments: 1100, MemoryHits: 20, Requests: 28, Chars: 1240000, Retries: 2}}),
			want: []string{
				"5/5 articles [=",
				"=] 0.5 articles/s, 124k chars/s, done in 10s\n",
				"1,100 segments, 20 from memory, 28 requests, 1.24M chars, 1 skipped, 1 failed\n",
			},
		},
		{
			name: "nothing reported",
			want: []string{"0 articles [-", "-] 0.0 articles/s, 0 chars/s, done in 0s\n", "0 segments, 0 from memory, 0 requests, 0 chars\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			r, buf, clock := newTestReporter(t, ModeBar)
			play(r, clock, tt.steps)
			time.Sleep(3 * refreshRate) // let mpb draw a few frames
			closeWithin(t, r, 5*time.Second)
			closeWithin(t, r, time.Second) // a second Close is harmless

			out := buf.String()
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "\x1b[3") || strings.Contains(out, "\x1b[9") {
				t.Errorf("output has colour: %q", out)
			}
			if !strings.Contains(out, "A\x1b[J") {
				t.Errorf("output never moves the cursor back to redraw: %q", out)
			}
			if n := settleGoroutines(before); n > before {
				t.Errorf("%d goroutines after Close, %d before", n, before)
			}
		})
	}
}

// The bar is redrawn at most 10 times a second: mpb moves the cursor up
// once per redraw, so count those against the wall time. A slow machine
// draws fewer, never more.
func TestBarRefreshRate(t *testing.T) {
	var buf lockedBuffer
	r, err := New(&buf, ModeBar, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for i := 0; time.Since(start) < 5*refreshRate; i++ {
		r.Update(Counts{Articles: i, ArticlesTotal: 1000, Segments: 20 * i})
		time.Sleep(time.Millisecond)
	}
	r.Close()
	elapsed := time.Since(start)
	redraws := strings.Count(buf.String(), "A\x1b[J")
	if most := int(elapsed/refreshRate) + 2; redraws > most {
		t.Errorf("%d redraws in %v, want at most %d", redraws, elapsed, most)
	}
	if redraws == 0 {
		t.Errorf("no redraw in %v", elapsed)
	}
}

// Calls that race with Close, or come after it, neither block nor panic.
func TestBarCallsAroundClose(t *testing.T) {
	before := runtime.NumGoroutine()
	var buf lockedBuffer
	r, err := New(&buf, ModeBar, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	workersDone := make(chan struct{})
	go func() {
		defer close(workersDone)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			c := Counts{Articles: i, ArticlesTotal: 1 << 20, Failed: i}
			r.Update(c)
			r.Article("x.txt", OutcomeFailed, "boom", c)
		}
	}()
	time.Sleep(2 * refreshRate)
	closeWithin(t, r, 5*time.Second)
	close(stop)
	<-workersDone
	r.Update(Counts{Articles: 1})
	r.Article("late.txt", OutcomeFailed, "late", Counts{})
	if strings.Contains(buf.String(), "late.txt") {
		t.Error("an article reported after Close was printed")
	}
	if n := settleGoroutines(before); n > before {
		t.Errorf("%d goroutines after Close, %d before", n, before)
	}
}

func TestBarCountersFitWidth(t *testing.T) {
	full := Counts{Articles: 1200, ArticlesTotal: 2000, Skipped: 12, Failed: 3, Segments: 40000,
		MemoryHits: 30000, Requests: 10000, Chars: 12345678, Retries: 100}
	tests := []struct {
		name  string
		c     Counts
		width int
		want  string
	}{
		{"all fit", full, 120, "40,000 segments, 30,000 from memory, 10,000 requests, 100 retries, 12.3M chars, 12 skipped, 3 failed\n"},
		{"retries and skipped go first", full, 80, "40,000 segments, 30,000 from memory, 10,000 requests, 12.3M chars, 3 failed\n"},
		{"failures stay", full, 40, "40,000 segments, 3 failed\n"},
		{"cut as a last resort", full, 5, "3 fai\n"},
		{"no failures", Counts{Segments: 40000, MemoryHits: 30000, Requests: 10000, Chars: 12345678}, 30, "40,000 segments\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &bar{t: newTally(newFakeClock().now)}
			r.t.merge(tt.c)
			var b strings.Builder
			if err := r.counters(&b, decor.Statistics{AvailableWidth: tt.width}); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("counters = %q, want %q", b.String(), tt.want)
			}
			if len(b.String())-1 > tt.width {
				t.Errorf("counters are %d wide, want at most %d", len(b.String())-1, tt.width)
			}
		})
	}
}
