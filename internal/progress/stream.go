package progress

import (
	"encoding/json"
	"io"
	"math"
	"sync"
	"time"

	"github.com/diglot/diglot/internal/termsafe"
)

// LineInterval is the least time, on the reporter's clock, between two
// progress lines in [ModeLines] or two "progress" events in [ModeJSON].
const LineInterval = 2 * time.Second

// format turns events into the lines a stream writes, each ending in a
// newline; nil means the event writes nothing.
type format interface {
	progress(s stats) []byte
	article(path, outcome, errText string, s stats) []byte
	done(s stats) []byte
}

// stream is the reporter of the line-based modes: it writes whole lines,
// one call at a time, and throttles progress lines to one per LineInterval.
type stream struct {
	mu     sync.Mutex
	w      io.Writer
	f      format
	t      tally
	next   time.Time // no progress line before this
	closed bool
	// quietEnd drops the closing line of a run that never printed a
	// progress line: the command's own summary follows, and says it all.
	quietEnd bool
	printed  bool
}

func newStream(w io.Writer, now func() time.Time, f format) *stream {
	r := &stream{w: w, f: f, t: newTally(now)}
	r.next = r.t.start.Add(LineInterval)
	return r
}

func (r *stream) Update(c Counts) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.t.merge(c)
	r.maybeProgress(r.t.now())
}

func (r *stream) Article(path, outcome, errText string, c Counts) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.t.merge(c)
	now := r.t.now()
	r.write(r.f.article(path, outcome, errText, r.t.stats(now)))
	r.maybeProgress(now)
}

func (r *stream) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.closed = true
	if r.quietEnd && !r.printed {
		return
	}
	r.write(r.f.done(r.t.stats(r.t.now())))
}

// maybeProgress writes a progress line if the last one is old enough.
func (r *stream) maybeProgress(now time.Time) {
	if now.Before(r.next) {
		return
	}
	r.next = now.Add(LineInterval)
	r.printed = true
	r.write(r.f.progress(r.t.stats(now)))
}

// write writes line; after a failed write (a closed pipe, say) the stream
// stops writing, since progress is not worth failing a run over.
func (r *stream) write(line []byte) {
	if line == nil {
		return
	}
	if _, err := r.w.Write(line); err != nil {
		r.w = io.Discard
	}
}

// lineFormat is [ModeLines]: sentences for people reading a log.
type lineFormat struct{}

func (lineFormat) progress(s stats) []byte {
	line := "diglot: progress " + s.summary() + ", " + rate(s.articlesPerS) + " articles/s"
	if s.etaKnown {
		line += ", ETA " + duration(s.eta)
	}
	return []byte(line + "\n")
}

func (lineFormat) article(path, outcome, errText string, _ stats) []byte {
	if outcome != OutcomeFailed {
		return nil
	}
	line := "diglot: failed " + termsafe.String(path)
	if errText != "" {
		line += ": " + termsafe.String(errText)
	}
	return []byte(line + "\n")
}

func (lineFormat) done(s stats) []byte {
	verb := "finished"
	if s.totalKnown && !s.allArticlesIn {
		verb = "stopped"
	}
	return []byte("diglot: " + verb + " " + s.summary() + ", " +
		rate(s.articlesPerS) + " articles/s, in " + duration(s.elapsed) + "\n")
}

// summary is the body of a progress line: "120/2000 articles (1 failed),
// 3,400 segments (2,900 from memory), 41 requests, 512,000 characters".
func (s stats) summary() string {
	line := s.articles()
	if o := s.outcomes(); o != "" {
		line += " (" + o + ")"
	}
	return line + ", " + s.work()
}

// jsonFormat is [ModeJSON]: one object a line, for pipelines.
type jsonFormat struct{}

// jsonCounts is the JSON form of [Counts] and the figures derived from them.
type jsonCounts struct {
	Event         string   `json:"event"`
	Articles      int      `json:"articles"`
	ArticlesTotal int      `json:"articles_total"`
	Skipped       int      `json:"skipped"`
	Failed        int      `json:"failed"`
	Segments      int      `json:"segments"`
	MemoryHits    int      `json:"memory_hits"`
	Requests      int      `json:"requests"`
	Chars         int      `json:"chars"`
	Retries       int      `json:"retries"`
	ElapsedS      float64  `json:"elapsed_s"`
	ArticlesPerS  float64  `json:"articles_per_s"`
	CharsPerS     float64  `json:"chars_per_s"`
	ETAS          *float64 `json:"eta_s,omitempty"`
}

// jsonArticle is the "article" event.
type jsonArticle struct {
	Event   string `json:"event"`
	Path    string `json:"path"`
	Outcome string `json:"outcome"`
	Error   string `json:"error"`
}

func (jsonFormat) progress(s stats) []byte {
	return jsonLine(s.json("progress", true))
}

func (jsonFormat) article(path, outcome, errText string, _ stats) []byte {
	return jsonLine(jsonArticle{Event: "article", Path: path, Outcome: outcome, Error: errText})
}

func (jsonFormat) done(s stats) []byte {
	return jsonLine(s.json("done", false))
}

func (s stats) json(event string, withETA bool) jsonCounts {
	j := jsonCounts{
		Event:         event,
		Articles:      s.Articles,
		ArticlesTotal: s.ArticlesTotal,
		Skipped:       s.Skipped,
		Failed:        s.Failed,
		Segments:      s.Segments,
		MemoryHits:    s.MemoryHits,
		Requests:      s.Requests,
		Chars:         s.Chars,
		Retries:       s.Retries,
		ElapsedS:      milli(s.elapsed.Seconds()),
		ArticlesPerS:  milli(s.articlesPerS),
		CharsPerS:     milli(s.charsPerS),
	}
	if withETA && s.etaKnown {
		eta := milli(s.eta.Seconds())
		j.ETAS = &eta
	}
	return j
}

// jsonLine encodes v as one line, with the characters encoding/json leaves
// raw (C1 and bidirectional controls from a path or a server's message)
// escaped too, so that the line is safe on a terminal and decodes to the
// same values. The events hold only strings and finite numbers, which
// always encode.
func jsonLine(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("progress: encoding an event: " + err.Error())
	}
	return append(termsafe.JSON(b), '\n')
}

// milli rounds x to three decimals.
func milli(x float64) float64 {
	return math.Round(x*1000) / 1000
}
