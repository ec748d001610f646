package progress

import (
	"bytes"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 3, 1, 2, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// lockedBuffer is a bytes.Buffer that mpb's goroutines and the test can
// share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// newTestReporter returns a reporter of the given mode, off a terminal,
// writing to a buffer, on a fake clock.
func newTestReporter(t testing.TB, mode Mode) (Reporter, *lockedBuffer, *fakeClock) {
	t.Helper()
	buf, clock := new(lockedBuffer), newFakeClock()
	r, err := New(buf, mode, false, clock.now)
	if err != nil {
		t.Fatal(err)
	}
	return r, buf, clock
}
