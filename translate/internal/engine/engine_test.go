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
	}{
		{"one call", translate.Limits{}, &upper{}, 10, nil, 1},
		{"one call within the limits", translate.Limits{MaxSegments: 10, InFlight: 3}, &upper{}, 10, nil, 1},
		{"over the limits: refused, nothing sent", translate.Limits{MaxSegments: 2}, &upper{}, 3, translate.ErrRequestTooLarge, 0},
		{"refused by the server: not retried here", translate.Limits{}, &upper{maxTexts: 2}, 8, translate.ErrRequestTooLarge, 1},
		{"short reply", translate.Limits{}, &upper{reply: func(t []string) []string { return t[1:] }}, 3, translate.ErrBadReply, 1},
		{"empty reply", translate.Limits{}, &upper{reply: func(t []string) []string { return make([]string, len(t)) }}, 3, translate.ErrBadReply, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := New("test", tt.lim, 0, tt.w)
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
			if len(tt.w.calls) != tt.wantCalls {
				t.Errorf("%d calls, want %d", len(tt.w.calls), tt.wantCalls)
			}
		})
	}
}

// A per-attempt timeout is a retryable ErrUnavailable; the caller's own
// cancellation stays a cancellation.
func TestEngineTimeout(t *testing.T) {
	hang := wireFunc(func(ctx context.Context, c *Call) ([]string, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	})
	e := New("test", translate.Limits{}, 20*time.Millisecond, hang)
	_, err := e.Translate(t.Context(), &translate.Request{Segments: segs(1)})
	if !errors.Is(err, translate.ErrUnavailable) || !translate.Retryable(err) {
		t.Fatalf("err = %v, want a retryable ErrUnavailable", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	e = New("test", translate.Limits{}, time.Minute, hang)
	if _, err := e.Translate(ctx, &translate.Request{Segments: segs(1)}); !errors.Is(err, context.Canceled) || translate.Retryable(err) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestEngineExplainsPairs(t *testing.T) {
	e := New("test", translate.Limits{}, 0, wireFunc(func(context.Context, *Call) ([]string, error) {
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
