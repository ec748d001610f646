package translate

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// RetryPolicy retries a call that fails with a [Retryable] error, with
// exponential back-off and jitter, within a bounded budget. A zero field
// takes the value of [DefaultRetryPolicy]; set MaxAttempts to 1 for no retries.
//
// Each backend states its policy in its [Info] and through [Retrier]; the
// pipeline is the one place requests are retried.
type RetryPolicy struct {
	// MaxAttempts bounds the calls, the first included.
	MaxAttempts int
	// Base is the back-off before the first retry; it grows by Multiplier
	// with each retry up to Max. A server's Retry-After ([RetryAfterError])
	// longer than the back-off replaces it, capped by Max: the wait is never
	// shorter than the server asks, nor than the back-off.
	Base, Max time.Duration
	// Multiplier is the growth of the back-off; zero means 2.
	Multiplier float64
	// Jitter spreads each wait by ± this fraction of the back-off (DeepL's
	// clients use 0.23); zero means "full jitter", a wait drawn uniformly
	// from [0, back-off).
	Jitter float64
	// Budget bounds the total time spent waiting between attempts: a retry whose
	// wait would overrun it is not made.
	Budget time.Duration
	// Sleep waits for d or until ctx is done; nil means a timer. Tests inject
	// one that records the waits and returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand returns a number in [0, 1); nil means math/rand/v2.
	Rand func() float64
	// OnRetry, if set, is called before each retry's wait, with the attempt
	// that failed (1 for the first call). The pipeline counts retries with it.
	OnRetry func(attempt int, err error, wait time.Duration)
}

// DefaultRetryPolicy is what backends use unless told otherwise: five
// attempts, waits from 250 ms doubling up to 20 s, a minute of waiting at most.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 5, Base: 250 * time.Millisecond, Max: 20 * time.Second, Budget: time.Minute}
}

// Retrier is implemented by backends that state how their requests are to be
// retried (the figures of their [Info]). The pipeline retries a backend
// without one with [DefaultRetryPolicy]; backends never retry themselves.
type Retrier interface {
	RetryPolicy() RetryPolicy
}

// String describes the policy for `diglot backends`.
func (p RetryPolicy) String() string {
	p = p.withDefaults()
	if p.MaxAttempts == 1 {
		return "no retries"
	}
	jitter := "full jitter"
	if p.Jitter > 0 {
		jitter = fmt.Sprintf("±%g%%", p.Jitter*100)
	}
	return fmt.Sprintf("%d retries from %v ×%g (%s, at most %v each), Retry-After honoured, %v of waiting at most",
		p.MaxAttempts-1, p.Base, p.Multiplier, jitter, p.Max, p.Budget)
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.Base <= 0 {
		p.Base = d.Base
	}
	if p.Max <= 0 {
		p.Max = d.Max
	}
	if p.Budget <= 0 {
		p.Budget = d.Budget
	}
	if p.Multiplier <= 1 {
		p.Multiplier = 2
	}
	if p.Sleep == nil {
		p.Sleep = sleep
	}
	if p.Rand == nil {
		p.Rand = rand.Float64
	}
	return p
}

// Do calls fn until it succeeds, fails with an error that is not [Retryable],
// runs out of attempts or budget, or ctx is done. It returns fn's last error,
// wrapped with the number of attempts when more than one was made; when ctx
// ends the wait it returns ctx's error at once.
func (p RetryPolicy) Do(ctx context.Context, fn func(ctx context.Context) error) error {
	p = p.withDefaults()
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		if err == nil {
			return nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return stopped(ctxErr, err)
		}
		if !Retryable(err) {
			return giveUp(attempt, err)
		}
		if attempt >= p.MaxAttempts {
			return giveUp(attempt, err)
		}
		wait := p.backoff(attempt, err)
		if waited+wait > p.Budget {
			return fmt.Errorf("retry budget of %v spent: %w", p.Budget, giveUp(attempt, err))
		}
		if p.OnRetry != nil {
			p.OnRetry(attempt, err, wait)
		}
		if serr := p.Sleep(ctx, wait); serr != nil {
			return stopped(serr, err)
		}
		waited += wait
	}
}

// backoff is the wait after the attempt-th call failed with err.
func (p RetryPolicy) backoff(attempt int, err error) time.Duration {
	ceiling := float64(p.Base)
	for i := 1; i < attempt && ceiling < float64(p.Max); i++ {
		ceiling *= p.Multiplier
	}
	ceiling = min(ceiling, float64(p.Max))
	wait := time.Duration(p.Rand() * ceiling)
	if p.Jitter > 0 {
		wait = time.Duration(ceiling * (1 + p.Jitter*(2*p.Rand()-1)))
	}
	if ra, ok := errors.AsType[*RetryAfterError](err); ok && ra.After > wait {
		// The server's delay is the least it asks for: a Retry-After: 1
		// repeated through a longer outage must not spend the retries
		// faster than the back-off would.
		wait = min(ra.After, p.Max)
	}
	return wait
}

func giveUp(attempts int, err error) error {
	if attempts == 1 {
		return err
	}
	return fmt.Errorf("after %d attempts: %w", attempts, err)
}

// stopped reports a cancelled context, keeping the last failure in the text.
func stopped(ctxErr, last error) error {
	if errors.Is(last, ctxErr) {
		return last
	}
	return fmt.Errorf("%w (last error: %v)", ctxErr, last)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
