// Package fake is a deterministic, offline [translate.Backend] for tests and
// demonstrations: it "translates" French to English with a small word table,
// passes unknown words (and so the pipeline's placeholders) through, counts
// the requests it serves, and can be told to fail or to mangle its output.
package fake

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/diglot/diglot/translate"
)

var (
	_ translate.Backend = (*Backend)(nil)
	_ translate.Limited = (*Backend)(nil)
	_ translate.Retrier = (*Backend)(nil)
)

// Retry is the fake's retry policy: three quick attempts.
var Retry = translate.RetryPolicy{MaxAttempts: 3, Base: 10 * time.Millisecond, Max: 100 * time.Millisecond, Budget: time.Second}

// words is the fake's whole dictionary; other words pass through unchanged.
var words = map[string]string{
	"le": "the", "la": "the", "les": "the", "l": "the", "un": "a", "une": "a",
	"et": "and", "de": "of", "du": "of the", "des": "of the", "à": "to", "au": "to the",
	"en": "in", "dans": "in", "sur": "on", "avec": "with", "pour": "for", "par": "by",
	"président": "president", "russe": "Russian", "ministre": "minister",
	"premier": "first", "région": "region", "guerre": "war", "paix": "peace",
	"accord": "agreement", "conflit": "conflict", "personnes": "people",
	"soldats": "soldiers", "lundi": "Monday", "a": "has", "déclaré": "said",
	"est": "is", "sont": "are", "haut": "high",
}

// Backend is the fake engine. The zero value is ready to use.
type Backend struct {
	// Lim is reported by Limits and enforced: a request over it is an error.
	Lim translate.Limits
	// Fail, when set, is called before each request; a non-nil error fails it.
	Fail func(call int, req *translate.Request) error
	// Edit, when set, rewrites each translation: tests make the engine
	// mangle or drop the pipeline's placeholders with it.
	Edit func(text string) string
	// Retry, when not zero, replaces [Retry] as the policy the pipeline uses.
	Retry translate.RetryPolicy

	mu       sync.Mutex
	calls    int
	segments int
}

// Info registers the fake backend.
func Info() translate.Info {
	return translate.Info{
		Name:        "fake",
		Description: "deterministic word-table translator for tests and demos (offline, not a real translation)",
		Offline:     true,
		Retry:       Retry,
		New:         func(translate.Config) (translate.Backend, error) { return &Backend{}, nil },
	}
}

// RetryPolicy implements [translate.Retrier].
func (b *Backend) RetryPolicy() translate.RetryPolicy {
	if b.Retry.MaxAttempts != 0 {
		return b.Retry
	}
	return Retry
}

// Limits implements [translate.Limited].
func (b *Backend) Limits() translate.Limits { return b.Lim }

// Model implements [translate.Modeler].
func (b *Backend) Model() string { return "word-table" }

// Calls returns how many requests, and segments in them, the backend served.
func (b *Backend) Calls() (requests, segments int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.calls, b.segments
}

// Translate implements [translate.Backend].
func (b *Backend) Translate(ctx context.Context, req *translate.Request) ([]translate.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b.mu.Lock()
	b.calls++
	call := b.calls
	b.segments += len(req.Segments)
	b.mu.Unlock()
	if b.Fail != nil {
		if err := b.Fail(call, req); err != nil {
			return nil, err
		}
	}
	if err := translate.CheckLimits(req.Segments, b.Lim); err != nil {
		return nil, fmt.Errorf("fake: %w", err)
	}
	out := make([]translate.Result, len(req.Segments))
	for i, s := range req.Segments {
		text := Words(s.Text)
		if b.Edit != nil {
			text = b.Edit(text)
		}
		out[i] = translate.Result{Text: text}
	}
	return out, translate.CheckReply(req, out)
}

// Words translates s word by word with the fake's table, keeping punctuation,
// spacing and the capital of a capitalised word.
func Words(s string) string {
	var b strings.Builder
	word := func(w string) {
		t, ok := words[strings.ToLower(w)]
		if !ok {
			b.WriteString(w)
			return
		}
		if r := []rune(w); unicode.IsUpper(r[0]) {
			tr := []rune(t)
			tr[0] = unicode.ToUpper(tr[0])
			t = string(tr)
		}
		b.WriteString(t)
	}
	start := -1
	for i, r := range s {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			word(s[start:i])
			start = -1
		}
		if !letter {
			b.WriteRune(r)
		}
	}
	if start >= 0 {
		word(s[start:])
	}
	return b.String()
}
