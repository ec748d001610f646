package edition

import "errors"

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
