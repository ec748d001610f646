package pipeline

import (
	"context"
	"testing"
	"time"
)

func TestCharLimiterPaces(t *testing.T) {
	clock := time.Unix(0, 0)
	now := func() time.Time { return clock }
	l := newCharLimiter(600, now) // 10 characters a second, a bucket of 600
	if err := l.wait(context.Background(), 600); err != nil {
		t.Fatal(err)
	}
	// The bucket is empty: the next 10 characters need a second.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := l.wait(ctx, 10); err == nil {
		t.Fatal("an empty bucket let 10 characters through")
	}
	clock = clock.Add(time.Second)
	if err := l.wait(context.Background(), 10); err != nil {
		t.Fatalf("after a second: %v", err)
	}
	var none *charLimiter
	if err := none.wait(context.Background(), 1e9); err != nil {
		t.Fatal("no limiter must not wait")
	}
}
