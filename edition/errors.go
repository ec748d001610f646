package edition

import (
	"errors"
	"fmt"

	"github.com/diglot/diglot/translate"
)

// InputError reports an input the batch cannot use. Its text names the file
// and, where there is one, the line. [Run] returns it before writing anything.
type InputError struct {
	Path string // the input concerned; "" when the problem is between inputs
	Err  error
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// ErrInterrupted is returned, with the report, by a run stopped through
// [Config.Stop] or its context: complete articles were written, no partial
// file, and the next run resumes where this one stopped.
var ErrInterrupted = errors.New("interrupted")

// ErrAccountStopped is what a [*BrokenError] unwraps to.
var ErrAccountStopped = errors.New("requests stopped for the whole run")

// BrokenError is returned, with the report, by a run whose backend refused
// the account (quota exhausted, key invalid or revoked): the first such reply
// stopped new requests, what was in flight finished, complete articles were
// written, and the rest are recorded as not attempted in the report. Its
// text is one line: what happened and what to do. It does not unwrap to the
// backend's sentinel: the input was fine, the run failed (exit 1).
type BrokenError struct {
	Err          error // the backend's reply
	Done         int   // articles written
	Failed       int   // the articles whose request got the refusal, among others
	NotAttempted int
}

func (e *BrokenError) Error() string {
	what := "the account's quota is exhausted: raise it, or wait until it renews, then run again to resume"
	if errors.Is(e.Err, translate.ErrAuth) {
		what = "the key was refused: check that it is valid and not revoked (diglot backends names where it is read from), then run again to resume"
	}
	return fmt.Sprintf("%s: all requests stopped at the first such reply; %d %s written, %d failed, %d not attempted (see run.json): %s",
		translate.Redact(e.Err.Error()), e.Done, plural(e.Done, "article", "articles"), e.Failed, e.NotAttempted, what)
}

func (e *BrokenError) Unwrap() error { return ErrAccountStopped }
