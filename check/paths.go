package check

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// UnreadableError is an input [RunPaths] could not read or check: a file
// missing, malformed, or in a format check does not read. A malformed file
// never passes.
type UnreadableError struct{ Err error }

func (e *UnreadableError) Error() string { return e.Err.Error() }
func (e *UnreadableError) Unwrap() error { return e.Err }

// RunPaths collects the files of paths ([Collect]), keeps those keep
// accepts by the name findings give them (nil keeps all: a CI shard keeps
// its part), and runs the rules over them ([Run]). An input it cannot read
// or check is an [*UnreadableError].
//
// The glossary of opts.LoadGlossary loads while the paths are collected and
// the first inputs read; its error is returned as it is, before any other.
func RunPaths(ctx context.Context, paths []string, opts Options, keep func(name string) bool) (*Report, error) {
	pending := startGlossary(loadOf(opts))
	inputs, err := Collect(paths, opts.From, opts.To)
	if err != nil {
		if _, _, gerr := pending.wait(); gerr != nil {
			return nil, gerr
		}
		return nil, &UnreadableError{err}
	}
	if keep != nil {
		inputs = slices.DeleteFunc(inputs, func(in Input) bool { return !keep(in.Name) })
	}
	r, gerr, err := run(ctx, inputs, opts, pending)
	switch {
	case gerr != nil:
		return nil, gerr
	case err != nil:
		return nil, &UnreadableError{err}
	}
	return r, nil
}

// RulesHelp lists the rules for help text, from [Rules]: one line each,
// indented, with the id, the default severity and the summary.
func RulesHelp() string {
	var b strings.Builder
	for _, r := range Rules() {
		fmt.Fprintf(&b, "   %-20s %-8s %s\n", r.ID, r.Severity, r.Short())
	}
	return b.String()
}
