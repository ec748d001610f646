package progress

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diglot/diglot/internal/testkit"
)

// step is one call in a scripted run: the clock moves by wait, then the
// reporter gets an Update (path empty) or an Article.
type step struct {
	wait                   time.Duration
	path, outcome, errText string
	c                      Counts
}

// script is a small batch of five articles, stopped after four, with a
// skipped and a failed one and an error text of two lines.
var script = []step{
	{wait: 0, c: Counts{ArticlesTotal: 5}},
	{wait: time.Second, path: "a/one.txt", outcome: OutcomeDone,
		c: Counts{Articles: 1, ArticlesTotal: 5, Segments: 20, Requests: 2, Chars: 3000}},
	{wait: 1500 * time.Millisecond,
		c: Counts{Articles: 1, ArticlesTotal: 5, Segments: 30, Requests: 3, Chars: 4500}},
	{wait: 500 * time.Millisecond, path: "a/two.txt", outcome: OutcomeSkipped,
		c: Counts{Articles: 2, ArticlesTotal: 5, Skipped: 1, Segments: 50, MemoryHits: 20, Requests: 3, Chars: 4500}},
	{wait: 500 * time.Millisecond, path: "b/three.txt", outcome: OutcomeFailed, errText: "deepl: batch 0: quota exceeded\nretry later",
		c: Counts{Articles: 3, ArticlesTotal: 5, Skipped: 1, Failed: 1, Segments: 50, MemoryHits: 20, Requests: 5, Chars: 4500, Retries: 2}},
	{wait: 1500 * time.Millisecond,
		c: Counts{Articles: 3, ArticlesTotal: 5, Skipped: 1, Failed: 1, Segments: 1070, MemoryHits: 20, Requests: 26, Chars: 1234567, Retries: 2}},
	{wait: time.Second, path: "b/four.txt", outcome: OutcomeDone,
		c: Counts{Articles: 4, ArticlesTotal: 5, Skipped: 1, Failed: 1, Segments: 1090, MemoryHits: 20, Requests: 27, Chars: 1236000, Retries: 2}},
}

func play(r Reporter, clock *fakeClock, steps []step) {
	for _, s := range steps {
		clock.advance(s.wait)
		if s.path == "" {
			r.Update(s.c)
		} else {
			r.Article(s.path, s.outcome, s.errText, s.c)
		}
	}
}

func TestStreamGolden(t *testing.T) {
	for _, mode := range []Mode{ModeLines, ModeJSON} {
		t.Run(string(mode), func(t *testing.T) {
			r, buf, clock := newTestReporter(t, mode)
			play(r, clock, script)
			r.Close()
			testkit.Golden(t, filepath.Join("testdata", string(mode)+".golden"), []byte(buf.String()))
		})
	}
}

func TestStreamThrottle(t *testing.T) {
	every := func(step, until time.Duration) []time.Duration {
		var at []time.Duration
		for d := time.Duration(0); d <= until; d += step {
			at = append(at, d)
		}
		return at
	}
	tests := []struct {
		name string
		at   []time.Duration // offsets from the start of the Update calls
		want int             // progress lines or events
	}{
		{"none in the first interval", []time.Duration{0, 500 * time.Millisecond, 1999 * time.Millisecond}, 0},
		{"first at the interval", []time.Duration{0, 2 * time.Second}, 1},
		{"every 500ms for 10s", every(500*time.Millisecond, 10*time.Second), 5},
		{"every 10ms for 3s", every(10*time.Millisecond, 3*time.Second), 1},
		{"interval counts from the last line", []time.Duration{2500 * time.Millisecond, 4400 * time.Millisecond, 4500 * time.Millisecond}, 2},
	}
	for _, mode := range []Mode{ModeLines, ModeJSON} {
		for _, tt := range tests {
			t.Run(string(mode)+"/"+tt.name, func(t *testing.T) {
				r, buf, clock := newTestReporter(t, mode)
				start := clock.now()
				for i, at := range tt.at {
					clock.advance(start.Add(at).Sub(clock.now()))
					r.Update(Counts{Articles: i, ArticlesTotal: 1000})
				}
				if got := countProgress(buf.String()); got != tt.want {
					t.Errorf("%d progress lines, want %d:\n%s", got, tt.want, buf.String())
				}
			})
		}
	}
}

// countProgress counts the progress lines of either line-based mode.
func countProgress(out string) int {
	return strings.Count(out, "diglot: progress ") + strings.Count(out, `{"event":"progress"`)
}

func TestLinesFailedArticleAtOnce(t *testing.T) {
	tests := []struct {
		name, outcome, errText, want string
	}{
		{"failed with reason", OutcomeFailed, "read a.txt: invalid UTF-8 at line 3", "diglot: failed a.txt: read a.txt: invalid UTF-8 at line 3\n"},
		{"failed without reason", OutcomeFailed, "", "diglot: failed a.txt\n"},
		{"reason on several lines", OutcomeFailed, "openai: 500\r\nupstream\tdown", "diglot: failed a.txt: openai: 500  upstream down\n"},
		{"done says nothing", OutcomeDone, "", ""},
		{"skipped says nothing", OutcomeSkipped, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, buf, clock := newTestReporter(t, ModeLines)
			clock.advance(100 * time.Millisecond)
			r.Article("a.txt", tt.outcome, tt.errText, Counts{Articles: 1, ArticlesTotal: 10, Failed: 1})
			if got := buf.String(); got != tt.want {
				t.Errorf("wrote %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLinesFinal(t *testing.T) {
	tests := []struct {
		name string
		c    Counts
		want string
	}{
		{"all done", Counts{Articles: 4, ArticlesTotal: 4, Segments: 80, MemoryHits: 80},
			"diglot: finished 4/4 articles, 80 segments (80 from memory), 0 requests, 0 characters, 0.4 articles/s, in 10s\n"},
		{"interrupted", Counts{Articles: 3, ArticlesTotal: 4, Segments: 60, Requests: 1, Chars: 1},
			"diglot: stopped 3/4 articles, 60 segments (0 from memory), 1 request, 1 character, 0.3 articles/s, in 10s\n"},
		{"total never known", Counts{Articles: 3, Failed: 3},
			"diglot: finished 3 articles (3 failed), 0 segments (0 from memory), 0 requests, 0 characters, 0.3 articles/s, in 10s\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, buf, clock := newTestReporter(t, ModeLines)
			clock.advance(10 * time.Second)
			r.Update(tt.c) // a progress line
			r.Close()
			lines := strings.SplitAfter(buf.String(), "\n")
			if len(lines) != 3 || lines[1] != tt.want {
				t.Errorf("wrote %q, want a progress line then %q", buf.String(), tt.want)
			}
		})
	}
}

// A run too short for any progress line ends without a closing line too:
// the command's summary follows.
func TestLinesShortRunEndsQuietly(t *testing.T) {
	r, buf, clock := newTestReporter(t, ModeLines)
	r.Update(Counts{Articles: 4, ArticlesTotal: 4, Segments: 80})
	clock.advance(time.Second)
	r.Close()
	if buf.String() != "" {
		t.Errorf("a short run wrote %q", buf.String())
	}
}

// event is any JSON event, decoded loosely.
type event struct {
	Event         string   `json:"event"`
	Path          string   `json:"path"`
	Outcome       string   `json:"outcome"`
	Error         *string  `json:"error"`
	Articles      int      `json:"articles"`
	ArticlesTotal int      `json:"articles_total"`
	ElapsedS      *float64 `json:"elapsed_s"`
	ETAS          *float64 `json:"eta_s"`
}

// decodeEvents decodes out as JSON lines, failing the test on a line that
// is not exactly one JSON object.
func decodeEvents(t *testing.T, out string) []event {
	t.Helper()
	var events []event
	sc := bufio.NewScanner(strings.NewReader(out))
	for n := 1; sc.Scan(); n++ {
		var e event
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("line %d: %v: %s", n, err, sc.Text())
		}
		if _, err := dec.Token(); err != io.EOF {
			t.Fatalf("line %d holds more than one JSON object: %s", n, sc.Text())
		}
		events = append(events, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return events
}

func TestJSONEvents(t *testing.T) {
	r, buf, clock := newTestReporter(t, ModeJSON)
	play(r, clock, script)
	r.Close()
	events := decodeEvents(t, buf.String())

	var articles []string
	progress := 0
	for _, e := range events {
		switch e.Event {
		case "article":
			articles = append(articles, e.Path+" "+e.Outcome)
			if e.Error == nil {
				t.Errorf("article event for %s has no error field", e.Path)
			}
		case "progress":
			progress++
			if e.ElapsedS == nil || e.ETAS == nil {
				t.Errorf("progress event without elapsed_s or eta_s: %+v", e)
			}
		}
	}
	wantArticles := []string{"a/one.txt done", "a/two.txt skipped", "b/three.txt failed", "b/four.txt done"}
	if strings.Join(articles, ", ") != strings.Join(wantArticles, ", ") {
		t.Errorf("article events %q, want %q", articles, wantArticles)
	}
	if progress != 2 {
		t.Errorf("%d progress events, want 2 (at 2.5s and 5s)", progress)
	}
	last := events[len(events)-1]
	if last.Event != "done" || last.Articles != 4 || last.ArticlesTotal != 5 || last.ElapsedS == nil || *last.ElapsedS != 6 {
		t.Errorf("last event %+v, want done with 4/5 articles after 6s", last)
	}
	if last.ETAS != nil {
		t.Errorf("done event has an ETA")
	}
}

func TestStreamAfterClose(t *testing.T) {
	for _, mode := range []Mode{ModeLines, ModeJSON} {
		t.Run(string(mode), func(t *testing.T) {
			r, buf, clock := newTestReporter(t, mode)
			r.Update(Counts{Articles: 1, ArticlesTotal: 1})
			before := len(buf.String())
			r.Close()
			closed := buf.String()
			clock.advance(time.Minute)
			r.Update(Counts{Articles: 2, ArticlesTotal: 2})
			r.Article("late.txt", OutcomeFailed, "too late", Counts{Articles: 2, ArticlesTotal: 2})
			r.Close()
			if buf.String() != closed {
				t.Errorf("wrote after Close: %q", strings.TrimPrefix(buf.String(), closed))
			}
			want := 1 // the done event; a short run in lines mode ends quietly
			if mode == ModeLines {
				want = 0
			}
			if strings.Count(closed[before:], "\n") != want {
				t.Errorf("Close wrote %q, want %d lines", closed[before:], want)
			}
		})
	}
}

// failingWriter fails every write and counts the attempts.
type failingWriter struct{ calls int }

func (w *failingWriter) Write([]byte) (int, error) {
	w.calls++
	return 0, errors.New("broken pipe")
}

func TestStreamStopsWritingAfterError(t *testing.T) {
	var w failingWriter
	clock := newFakeClock()
	r, err := New(&w, ModeLines, false, clock.now)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		clock.advance(3 * time.Second)
		r.Article("x.txt", OutcomeFailed, "boom", Counts{Articles: i + 1, Failed: i + 1})
	}
	r.Close()
	if w.calls != 1 {
		t.Errorf("%d writes to a failing writer, want 1", w.calls)
	}
}

// Several workers report at once: every line stays whole and valid, no
// article event is lost, and the final totals are the largest reported.
func TestStreamConcurrent(t *testing.T) {
	const workers, each = 8, 100
	r, buf, clock := newTestReporter(t, ModeJSON)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				clock.advance(10 * time.Millisecond)
				mu.Lock()
				done++
				c := Counts{Articles: done, ArticlesTotal: workers * each, Segments: 20 * done}
				mu.Unlock()
				r.Update(c)
				r.Article(filepath.Join("w", string(rune('a'+w)), strings.Repeat("x", i%7)+".txt"), OutcomeDone, "", c)
			}
		})
	}
	wg.Wait()
	r.Close()

	events := decodeEvents(t, buf.String())
	articles := 0
	for _, e := range events {
		if e.Event == "article" {
			articles++
		}
	}
	if articles != workers*each {
		t.Errorf("%d article events, want %d", articles, workers*each)
	}
	last := events[len(events)-1]
	if last.Event != "done" || last.Articles != workers*each {
		t.Errorf("last event %+v, want done with %d articles", last, workers*each)
	}
}
