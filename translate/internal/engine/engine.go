package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/diglot/diglot/translate"
)

// Call is one wire request: the segments of one [translate.Request], with the
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

// Engine sends each [translate.Request] as one wire request, within a
// per-attempt timeout. It neither batches nor retries: the pipeline does,
// and a request over the limits is refused before anything is sent. It is
// safe for concurrent use.
type Engine struct {
	name    string
	limits  translate.Limits
	wire    Wire
	timeout time.Duration

	mu    sync.Mutex
	check func(ctx context.Context, from, to string) error
}

// New returns an engine for the backend called name; timeout bounds each
// request (zero: no bound but the caller's context).
func New(name string, lim translate.Limits, timeout time.Duration, w Wire) *Engine {
	return &Engine{name: name, limits: lim, wire: w, timeout: timeout}
}

// Limits returns the limits the engine keeps to.
func (e *Engine) Limits() translate.Limits { return e.limits }

// ExplainPairs makes Translate replace an [translate.ErrUnsupportedPair] reply
// by check's error, which lists the pairs the backend does have.
func (e *Engine) ExplainPairs(check func(ctx context.Context, from, to string) error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.check = check
}

// Translate sends req as one wire request.
func (e *Engine) Translate(ctx context.Context, req *translate.Request) ([]translate.Result, error) {
	if len(req.Segments) == 0 {
		return nil, nil
	}
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
	c := &Call{From: req.From, To: req.To, Segments: req.Segments, Texts: make([]string, len(req.Segments))}
	wire := make([]translate.Segment, len(req.Segments))
	for i, s := range req.Segments {
		c.Texts[i] = e.wire.Encode(s)
		wire[i] = translate.Segment{ID: s.ID, Text: c.Texts[i]}
	}
	if err := translate.CheckLimits(wire, e.limits); err != nil {
		return nil, fmt.Errorf("%s: %w", e.name, err)
	}
	var replies []string
	err := e.Attempt(ctx, func(ctx context.Context) error {
		var err error
		replies, err = e.wire.Send(ctx, c)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(replies) != len(c.Texts) {
		return nil, fmt.Errorf("%s: %w: %d translations for %d texts", e.name, translate.ErrBadReply, len(replies), len(c.Texts))
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

// Attempt runs one exchange with the server (a translation, a language
// listing) within the per-attempt timeout. A timeout is [translate.ErrUnavailable],
// which the pipeline retries; the caller's own deadline or cancellation stays
// what it is.
func (e *Engine) Attempt(ctx context.Context, fn func(ctx context.Context) error) error {
	if e.timeout <= 0 {
		return fn(ctx)
	}
	actx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	err := fn(actx)
	if err != nil && ctx.Err() == nil && actx.Err() != nil {
		return fmt.Errorf("%s: no reply within the timeout of %v: %w", e.name, e.timeout, translate.ErrUnavailable)
	}
	return err
}
