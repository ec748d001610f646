package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diglot/diglot/translate"
)

// upper is a wire that upper-cases texts, refuses calls over maxTexts as too
// large, and records the calls it got and the most in flight.
type upper struct {
	maxTexts int
	reply    func(texts []string) []string // nil: upper-case each
	mu       sync.Mutex
	calls    [][]string
	inFlight int
	peak     int
}

func (u *upper) Encode(s translate.Segment) string           { return s.Text }
func (u *upper) Decode(_ translate.Segment, r string) string { return r }
func (u *upper) Send(ctx context.Context, c *Call) ([]string, error) {
	u.mu.Lock()
	u.calls = append(u.calls, c.Texts)
	u.inFlight++
	u.peak = max(u.peak, u.inFlight)
	u.mu.Unlock()
	defer func() { u.mu.Lock(); u.inFlight--; u.mu.Unlock() }()
	time.Sleep(5 * time.Millisecond)
	if u.maxTexts > 0 && len(c.Texts) > u.maxTexts {
		return nil, fmt.Errorf("test: %w", translate.ErrRequestTooLarge)
	}
	if u.reply != nil {
		return u.reply(c.Texts), nil
	}
	out := make([]string, len(c.Texts))
	for i, t := range c.Texts {
		out[i] = strings.ToUpper(t)
	}
	return out, nil
}

func segs(n int) []translate.Segment {
	s := make([]translate.Segment, n)
	for i := range s {
		s[i] = translate.Segment{ID: fmt.Sprint("p", i), Text: fmt.Sprint("t", i)}
	}
	return s
}

func TestEngine(t *testing.T) {
	tests := []struct {
		name      string
		lim       translate.Limits
		w         *upper
		n         int
		wantErr   error
		wantCalls int
		wantPeak  int
	}{
		{"one call", translate.Limits{}, &upper{}, 10, nil, 1, 1},
		{"split by limits, bounded concurrency", translate.Limits{MaxSegments: 2, InFlight: 3}, &upper{}, 20, nil, 10, 3},
		{"halved while refused", translate.Limits{MaxSegments: 8}, &upper{maxTexts: 2}, 8, nil, 1 + 2 + 4, 1},
		{"short reply", translate.Limits{}, &upper{reply: func(t []string) []string { return t[1:] }}, 3, translate.ErrBadReply, 1, 1},
		{"empty reply", translate.Limits{}, &upper{reply: func(t []string) []string { return make([]string, len(t)) }}, 3, translate.ErrBadReply, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := New("test", tt.lim, tt.w)
			e.SetRetryPolicy(translate.RetryPolicy{MaxAttempts: 1})
			req := &translate.Request{Segments: segs(tt.n)}
			res, err := e.Translate(t.Context(), req)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				for i, r := range res {
					if r.Text != fmt.Sprint("T", i) {
						t.Fatalf("result %d = %q", i, r.Text)
					}
				}
			}
			if len(tt.w.calls) != tt.wantCalls || tt.w.peak > tt.wantPeak || (tt.wantPeak > 1 && tt.w.peak < 2) {
				t.Errorf("%d calls, peak %d in flight; want %d calls, peak %d", len(tt.w.calls), tt.w.peak, tt.wantCalls, tt.wantPeak)
			}
		})
	}
}

func TestEngineExplainsPairs(t *testing.T) {
	e := New("test", translate.Limits{}, wireFunc(func(context.Context, *Call) ([]string, error) {
		return nil, fmt.Errorf("x: %w", translate.ErrUnsupportedPair)
	}))
	e.ExplainPairs(func(_ context.Context, from, to string) error {
		return CheckPair("test", []translate.Pair{{From: "fr", To: "en"}, {From: "fr", To: "de"}}, translate.Pair{From: from, To: to})
	})
	_, err := e.Translate(t.Context(), &translate.Request{From: "fr", To: "xx", Segments: segs(1)})
	if perr, ok := errors.AsType[*translate.UnsupportedPairError](err); !ok || len(perr.Available) != 2 {
		t.Fatalf("err = %v, want an UnsupportedPairError listing fr-en, fr-de", err)
	}
}

type wireFunc func(context.Context, *Call) ([]string, error)

func (f wireFunc) Encode(s translate.Segment) string                   { return s.Text }
func (f wireFunc) Decode(_ translate.Segment, r string) string         { return r }
func (f wireFunc) Send(ctx context.Context, c *Call) ([]string, error) { return f(ctx, c) }
