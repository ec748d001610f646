package pipeline

import (
	"context"
	"sync"
	"time"
)

// charLimiter paces the characters sent to a backend to a rate per minute: a
// token bucket that holds at most one minute of characters and refills
// continuously. A request larger than the bucket waits for a full bucket.
type charLimiter struct {
	mu       sync.Mutex
	perSec   float64
	capacity float64
	tokens   float64
	last     time.Time
	now      func() time.Time
}

func newCharLimiter(perMinute int, now func() time.Time) *charLimiter {
	if perMinute <= 0 {
		return nil
	}
	c := float64(perMinute)
	return &charLimiter{perSec: c / 60, capacity: c, tokens: c, last: now(), now: now}
}

// wait blocks until n characters may be sent, or ctx is done.
func (l *charLimiter) wait(ctx context.Context, n int) error {
	if l == nil {
		return nil
	}
	need := min(float64(n), l.capacity)
	for {
		l.mu.Lock()
		now := l.now()
		l.tokens = min(l.capacity, l.tokens+now.Sub(l.last).Seconds()*l.perSec)
		l.last = now
		if l.tokens >= need {
			l.tokens -= need
			l.mu.Unlock()
			return nil
		}
		d := time.Duration((need - l.tokens) / l.perSec * float64(time.Second))
		l.mu.Unlock()
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
