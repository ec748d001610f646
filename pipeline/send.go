package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/diglot/diglot/translate"
)

// Sender is the request layer of a [Pipeline], the one place where requests
// to a backend are batched to its limits, bounded in flight, paced, retried
// with the backend's own policy ([translate.Retrier]), halved when the server
// refuses them as too large, and where glossary spans are protected for
// backends without a native mechanism ([translate.SpanProtector]). It is
// exported so that the conformance suite drives backends exactly as a run
// does. It is safe for concurrent use.
type Sender struct {
	backend translate.Backend
	limits  translate.Limits
	retry   translate.RetryPolicy
	native  bool // the backend protects spans itself
	slots   chan struct{}
	rate    *charLimiter

	requests, chars, retries atomic.Int64

	// broken is the first account-wide failure ([translate.AccountWide]):
	// once set, no new request is made.
	broken atomic.Pointer[error]
}

// ErrNotAttempted is returned for a request that was not made because an
// account-wide failure (quota exhausted, key refused) stopped the run's
// requests: see [Sender.Broken].
var ErrNotAttempted = errors.New("not attempted")

// Broken returns the account-wide failure that stopped new requests, or nil.
func (s *Sender) Broken() error {
	if e := s.broken.Load(); e != nil {
		return *e
	}
	return nil
}

// trip records err as the account-wide failure, if it is one and the first.
func (s *Sender) trip(err error) {
	if translate.AccountWide(err) {
		s.broken.CompareAndSwap(nil, &err)
	}
}

// notAttempted is the error of a request the breaker did not let through.
func (s *Sender) notAttempted() error {
	return fmt.Errorf("%w: %v", ErrNotAttempted, s.Broken())
}

// SendOptions adjust a [Sender]. The zero value takes everything from the
// backend.
type SendOptions struct {
	// InFlight and CharsPerMinute override the backend's limits when > 0.
	InFlight       int
	CharsPerMinute int
	// Sleep, if set, replaces the waits between attempts (tests make them
	// instant); the policy is still the backend's.
	Sleep func(ctx context.Context, d time.Duration) error
}

// NewSender returns a sender for b.
func NewSender(b translate.Backend, o SendOptions) *Sender {
	s := &Sender{backend: b, retry: translate.DefaultRetryPolicy()}
	if l, ok := b.(translate.Limited); ok {
		s.limits = l.Limits()
	}
	if o.InFlight > 0 {
		s.limits.InFlight = o.InFlight
	}
	if o.CharsPerMinute > 0 {
		s.limits.CharsPerMinute = o.CharsPerMinute
	}
	if r, ok := b.(translate.Retrier); ok {
		s.retry = r.RetryPolicy()
	}
	if o.Sleep != nil {
		s.retry.Sleep = o.Sleep
	}
	s.retry.OnRetry = func(int, error, time.Duration) { s.retries.Add(1) }
	if p, ok := b.(translate.SpanProtector); ok {
		s.native = p.ProtectsSpans()
	}
	s.slots = make(chan struct{}, max(s.limits.InFlight, 1))
	s.rate = newCharLimiter(s.limits.CharsPerMinute, time.Now)
	return s
}

// Limits are the limits the sender keeps to.
func (s *Sender) Limits() translate.Limits { return s.limits }

// Counts returns the requests made (each attempt counts), the characters of
// the requests the server accepted (a refused or failed attempt carries none:
// it is counted as a request, and the attempt after it as a retry) and the
// retries so far.
func (s *Sender) Counts() (requests, chars, retries int) {
	return int(s.requests.Load()), int(s.chars.Load()), int(s.retries.Load())
}

// Reply is the translation of one segment, with the protected spans the
// backend lost (their placeholder did not come back): the text holds no
// placeholder and no residue of one, and lacks those terms.
type Reply struct {
	translate.Result
	Lost []translate.Span
}

// Translate translates req in as many requests as the limits need, at most
// InFlight at a time. The first failure cancels the others.
func (s *Sender) Translate(ctx context.Context, req *translate.Request) ([]Reply, error) {
	wire := s.wire(req.Segments)
	batches, err := translate.Batches(wire, s.limits)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	out := make([]Reply, len(wire))
	var wg sync.WaitGroup
	at := 0
	for _, b := range batches {
		first := at
		at += len(b)
		select {
		case s.slots <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		if s.Broken() != nil {
			<-s.slots
			cancel(s.notAttempted())
			break
		}
		wg.Go(func() {
			defer func() { <-s.slots }()
			res, err := s.send(ctx, req.From, req.To, b)
			if err != nil {
				cancel(err)
				return
			}
			for k, r := range res {
				out[first+k] = s.restore(req.Segments[first+k], r)
			}
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return out, nil
}

// wire gives the segments as the backend gets them: with their spans for a
// backend that protects them itself, else with placeholders.
func (s *Sender) wire(segs []translate.Segment) []translate.Segment {
	if s.native {
		return segs
	}
	out := make([]translate.Segment, len(segs))
	for i, sg := range segs {
		if translate.HasResidue(sg.Text) {
			// The source itself holds placeholder-shaped text: placeholders
			// would collide with it, so the terms go unprotected and are
			// verified and repaired afterwards.
			out[i] = translate.Segment{ID: sg.ID, Text: sg.Text}
			continue
		}
		out[i] = translate.Placeholders(sg)
	}
	return out
}

// restore undoes wire on one result. Restore runs for native backends too:
// it only removes what would be a placeholder's residue.
func (s *Sender) restore(orig translate.Segment, r translate.Result) Reply {
	if translate.HasResidue(orig.Text) {
		return Reply{Result: r} // sent unprotected: see wire
	}
	if s.native {
		orig = translate.Segment{ID: orig.ID, Text: orig.Text}
	}
	text, lost := translate.Restore(orig, r.Text)
	rep := Reply{Result: translate.Result{Text: text}}
	for _, w := range r.Unknown {
		if !translate.IsPlaceholder(w) {
			rep.Unknown = append(rep.Unknown, w)
		}
	}
	for _, i := range lost {
		rep.Lost = append(rep.Lost, orig.Protected[i])
	}
	return rep
}

// send makes one request of wire segments, retried with the backend's
// policy, and halved while the server refuses it as too large (a server
// whose limits are tighter than the backend's defaults).
func (s *Sender) send(ctx context.Context, from, to string, segs []translate.Segment) ([]translate.Result, error) {
	req := &translate.Request{From: from, To: to, Segments: segs}
	var res []translate.Result
	policy := s.retry
	wait := policy.Sleep
	if wait == nil {
		wait = sleepCtx
	}
	// The caller holds an in-flight slot; a request waiting out its back-off
	// is not in flight: the slot goes to another request meanwhile, so that
	// a few rate-limited requests do not idle the others.
	policy.Sleep = func(ctx context.Context, d time.Duration) error {
		<-s.slots
		err := wait(ctx, d)
		s.slots <- struct{}{}
		return err
	}
	err := policy.Do(ctx, func(ctx context.Context) error {
		if s.Broken() != nil {
			return s.notAttempted()
		}
		if err := s.rate.wait(ctx, req.Chars()); err != nil {
			return err
		}
		if s.Broken() != nil {
			return s.notAttempted()
		}
		s.requests.Add(1)
		var err error
		res, err = s.backend.Translate(ctx, req)
		if err == nil {
			err = translate.CheckReply(req, res)
		}
		if err != nil {
			s.trip(err)
			return err
		}
		s.chars.Add(int64(req.Chars()))
		return nil
	})
	if err == nil || len(segs) < 2 || !errors.Is(err, translate.ErrRequestTooLarge) {
		return res, err
	}
	h := len(segs) / 2
	first, err := s.send(ctx, from, to, segs[:h])
	if err != nil {
		return nil, err
	}
	second, err := s.send(ctx, from, to, segs[h:])
	if err != nil {
		return nil, err
	}
	return append(first, second...), nil
}

// Prepare runs b's start-up call ([translate.Preparer]: the language listing
// that checks the pair, and the supported options), if it has one, retried
// with b's own policy exactly as its requests are: one 503 or 429 on the
// first call of a run does not end it, and each attempt is bounded by the
// backend's timeout, so a server that never answers gives an error after
// the attempts and their waits. Only o.Sleep is used.
func Prepare(ctx context.Context, b translate.Backend, from, to string, o SendOptions) error {
	pr, ok := b.(translate.Preparer)
	if !ok {
		return nil
	}
	policy := translate.DefaultRetryPolicy()
	if r, ok := b.(translate.Retrier); ok {
		policy = r.RetryPolicy()
	}
	if o.Sleep != nil {
		policy.Sleep = o.Sleep
	}
	return policy.Do(ctx, func(ctx context.Context) error { return pr.Prepare(ctx, from, to) })
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
