package edition

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/diglot/diglot/internal/progress"
)

// recorder is a progress display that records what happened to it, and
// what the interrupt line found written when the display was cleared.
type recorder struct {
	mu     sync.Mutex
	closed bool
}

func (r *recorder) Update(progress.Counts)                          {}
func (r *recorder) Article(string, string, string, progress.Counts) {}
func (r *recorder) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
}

func TestInterruptLine(t *testing.T) {
	tests := []struct {
		name     string
		inFlight int
		want     string
	}{
		{"none", 0, "diglot: stopping: finishing 0 requests in flight; Ctrl-C again to abandon them\n"},
		{"one", 1, "diglot: stopping: finishing 1 request in flight; Ctrl-C again to abandon them\n"},
		{"several", 8, "diglot: stopping: finishing 8 requests in flight; Ctrl-C again to abandon them\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w bytes.Buffer
			cancelled := make(chan struct{})
			var once sync.Once
			in := NewInterrupt(&w, func() { once.Do(func() { close(cancelled) }) }, time.Hour)
			d := &recorder{}
			in.SetDisplay(d)
			in.setInFlight(func() int {
				d.mu.Lock()
				defer d.mu.Unlock()
				if !d.closed {
					t.Error("the requests were counted before the display was cleared")
				}
				return tt.inFlight
			})
			in.Signal()
			if got := w.String(); got != tt.want {
				t.Errorf("first interrupt wrote %q, want %q", got, tt.want)
			}
			if !in.Stopped() {
				t.Error("Stop not closed at the first interrupt")
			}
			select {
			case <-cancelled:
				t.Fatal("the first interrupt abandoned the requests in flight")
			default:
			}
			in.Signal()
			select {
			case <-cancelled:
			case <-time.After(5 * time.Second):
				t.Fatal("the second interrupt did not abandon the requests in flight")
			}
			if got := w.String(); got != tt.want {
				t.Errorf("the second interrupt wrote more: %q", got)
			}
		})
	}
}

func TestInterruptGraceAbandons(t *testing.T) {
	cancelled := make(chan struct{})
	in := NewInterrupt(new(bytes.Buffer), func() { close(cancelled) }, time.Millisecond)
	in.Signal() // no display, no pipeline yet: still one line and a stop
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the grace period did not end the requests in flight")
	}
}
