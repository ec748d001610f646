package edition

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/diglot/diglot/internal/progress"
)

// Interrupt is what a run does when the user interrupts it (Ctrl-C,
// SIGTERM), the caller telling it of each signal with [Interrupt.Signal]:
//
//   - the first clears the progress display ([progress.Clear]), says on w
//     "stopping: finishing N requests in flight; Ctrl-C again to abandon
//     them", closes [Interrupt.Stop] (no new request, no new article:
//     give it as [Config.Stop]) and, after the grace period, abandons what
//     is still in flight;
//   - a second abandons the requests in flight at once.
//
// Abandoning is calling the cancel function given to [NewInterrupt], which
// ends the run's context. Give the Interrupt as [Config.Interrupt] so that
// the line can count the requests in flight.
type Interrupt struct {
	w      io.Writer
	cancel func()
	grace  time.Duration
	stop   chan struct{}

	mu       sync.Mutex
	n        int
	display  progress.Reporter
	inFlight func() int
}

// NewInterrupt returns the handling of interrupts for one run, writing its
// line to w (stderr).
func NewInterrupt(w io.Writer, cancel func(), grace time.Duration) *Interrupt {
	return &Interrupt{w: w, cancel: cancel, grace: grace, stop: make(chan struct{})}
}

// Stop is closed at the first interrupt.
func (in *Interrupt) Stop() <-chan struct{} { return in.stop }

// Stopped reports whether the run was interrupted.
func (in *Interrupt) Stopped() bool { return isClosed(in.stop) }

// SetDisplay names the progress display to clear at the first interrupt.
func (in *Interrupt) SetDisplay(r progress.Reporter) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.display = r
}

// setInFlight gives the count of the requests in flight; [Run] calls it
// once the pipeline is built.
func (in *Interrupt) setInFlight(f func() int) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.inFlight = f
}

// Signal handles one interrupt.
func (in *Interrupt) Signal() {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.n++
	if in.n > 1 {
		in.cancel()
		return
	}
	if in.display != nil {
		progress.Clear(in.display)
	}
	n := 0
	if in.inFlight != nil {
		n = in.inFlight()
	}
	requests := "requests"
	if n == 1 {
		requests = "request"
	}
	fmt.Fprintf(in.w, "diglot: stopping: finishing %d %s in flight; Ctrl-C again to abandon them\n", n, requests)
	close(in.stop)
	time.AfterFunc(in.grace, in.cancel)
}

// Setup returns a context for setting a run up (starting a backend,
// listing its languages, which may hang): it ends at the first interrupt,
// or with ctx, or when the returned function is called.
func (in *Interrupt) Setup(ctx context.Context) (context.Context, context.CancelFunc) {
	setup, end := context.WithCancel(ctx)
	go func() {
		select {
		case <-in.stop:
			end()
		case <-setup.Done():
		}
	}()
	return setup, end
}

// BeforeRun is err, or, when the run was interrupted while it was set up,
// [ErrInterrupted] saying that nothing was written.
func (in *Interrupt) BeforeRun(err error) error {
	if in.Stopped() {
		return fmt.Errorf("%w before the batch started: nothing was written", ErrInterrupted)
	}
	return err
}
