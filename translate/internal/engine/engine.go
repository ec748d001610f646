package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/diglot/diglot/translate"
)

// Call is one wire request: a run of segments that fits the limits, with the
// text to send for each (Texts[i] is Wire.Encode(Segments[i])).
type Call struct {
	From, To string
	Segments []translate.Segment
	Texts    []string
}

// Wire is one backend's protocol.
type Wire interface {
	// Encode returns the text to send for s, its protected spans marked the
	// way the API understands. Limits are measured on this text.
	Encode(s translate.Segment) string
	// Send makes one request and returns one reply text per Call.Texts entry,
	// or an error mapped onto the translate sentinels and free of secrets.
	Send(ctx context.Context, c *Call) ([]string, error)
	// Decode turns the reply for s back into plain text with the spans'
	// replacements in place.
	Decode(s translate.Segment, reply string) string
}

// Engine drives a [Wire] within limits. It is safe for concurrent use; the
// requests in flight across all calls never exceed Limits.InFlight.
type Engine struct {
	name   string
	limits translate.Limits
	wire   Wire
	sem    chan struct{}

	mu    sync.Mutex
	retry translate.RetryPolicy
	check func(ctx context.Context, from, to string) error
}

// New returns an engine for the backend called name.
func New(name string, lim translate.Limits, w Wire) *Engine {
	return &Engine{name: name, limits: lim, wire: w, sem: make(chan struct{}, max(lim.InFlight, 1)), retry: translate.DefaultRetryPolicy()}
}

// Limits returns the limits the engine keeps to.
func (e *Engine) Limits() translate.Limits { return e.limits }

// SetRetryPolicy replaces the retry policy (see [translate.RetrySetter]).
func (e *Engine) SetRetryPolicy(p translate.RetryPolicy) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.retry = p
}

func (e *Engine) retryPolicy() translate.RetryPolicy {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.retry
}

// ExplainPairs makes Translate replace an [translate.ErrUnsupportedPair] reply
// by check's error, which lists the pairs the backend does have.
func (e *Engine) ExplainPairs(check func(ctx context.Context, from, to string) error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.check = check
}

// Translate translates req in as many wire requests as its limits need, run
// concurrently up to Limits.InFlight. The first failure cancels the others.
func (e *Engine) Translate(ctx context.Context, req *translate.Request) ([]translate.Result, error) {
	res, err := e.translate(ctx, req)
	e.mu.Lock()
	check := e.check
	e.mu.Unlock()
	if check != nil && errors.Is(err, translate.ErrUnsupportedPair) {
		if cerr := check(ctx, req.From, req.To); cerr != nil {
			return nil, cerr
		}
	}
	return res, err
}

func (e *Engine) translate(ctx context.Context, req *translate.Request) ([]translate.Result, error) {
	wire := make([]translate.Segment, len(req.Segments))
	for i, s := range req.Segments {
		wire[i] = translate.Segment{ID: s.ID, Text: e.wire.Encode(s)}
	}
	batches, err := translate.Batches(wire, e.limits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.name, err)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	replies := make([]string, len(wire))
	var wg sync.WaitGroup
	start := 0
	for n, b := range batches {
		c := &Call{From: req.From, To: req.To, Segments: req.Segments[start : start+len(b)], Texts: texts(b)}
		out := replies[start : start+len(b)]
		start += len(b)
		wg.Go(func() {
			got, err := e.send(ctx, c)
			if err != nil {
				if len(batches) > 1 {
					err = fmt.Errorf("%s: request %d of %d (segments %s to %s): %w", e.name, n+1, len(batches), c.Segments[0].ID, c.Segments[len(c.Segments)-1].ID, err)
				}
				cancel(err)
				return
			}
			copy(out, got)
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	res := make([]translate.Result, len(replies))
	for i, r := range replies {
		res[i] = translate.Result{Text: e.wire.Decode(req.Segments[i], r)}
	}
	if err := translate.CheckReply(req, res); err != nil {
		return nil, fmt.Errorf("%s: %w", e.name, err)
	}
	return res, nil
}

// send makes call c with retries, halving it while the server refuses it as
// too large (a server whose limits are tighter than the backend's defaults).
func (e *Engine) send(ctx context.Context, c *Call) ([]string, error) {
	var got []string
	err := e.retryPolicy().Do(ctx, func(ctx context.Context) error {
		select {
		case e.sem <- struct{}{}:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		defer func() { <-e.sem }()
		var err error
		got, err = e.wire.Send(ctx, c)
		if err == nil && len(got) != len(c.Texts) {
			err = fmt.Errorf("%s: %w: %d translations for %d texts", e.name, translate.ErrBadReply, len(got), len(c.Texts))
		}
		return err
	})
	if err == nil || len(c.Segments) < 2 || !errors.Is(err, translate.ErrRequestTooLarge) {
		return got, err
	}
	h := len(c.Segments) / 2
	first, err := e.send(ctx, &Call{From: c.From, To: c.To, Segments: c.Segments[:h], Texts: c.Texts[:h]})
	if err != nil {
		return nil, err
	}
	second, err := e.send(ctx, &Call{From: c.From, To: c.To, Segments: c.Segments[h:], Texts: c.Texts[h:]})
	if err != nil {
		return nil, err
	}
	return append(first, second...), nil
}

func texts(segs []translate.Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.Text
	}
	return out
}
