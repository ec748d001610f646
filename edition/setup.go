package edition

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate"
)

// SetupError is a backend or a memory a run cannot start with, because of
// what the user gave: options the registry refused, a memory location that
// cannot be opened. Nothing was sent or written.
type SetupError struct{ Err error }

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

// dryRunCredential stands in, in a dry run, for a credential that is not
// set: a dry run sends nothing, so it needs none, and the stand-in never
// leaves the process.
const dryRunCredential = "dry-run-sends-nothing"

// Backend builds the backend name of reg with cfg (the registry checks its
// options first: unknown, credentials, required, kinds and choices; a
// refusal is a [*SetupError]), then, unless dryRun, checks that it serves
// from→to, the start-up call retried with the backend's policy (an
// unsupported pair or a refused key keep their sentinels). In a dry run a
// missing credential is stood in for.
func Backend(ctx context.Context, reg *translate.Registry, name string, cfg translate.Config, from, to string, dryRun bool) (translate.Backend, error) {
	info, ok := reg.Lookup(name)
	if !ok {
		return nil, &SetupError{fmt.Errorf("%w %q", translate.ErrUnknownBackend, name)}
	}
	if dryRun {
		getenv := cfg.Getenv
		cfg.Getenv = func(k string) string {
			if v := getenv(k); v != "" {
				return v
			}
			for _, opt := range info.Options {
				if opt.Sensitive && opt.Env == k {
					return dryRunCredential
				}
			}
			return ""
		}
	}
	b, err := reg.New(name, cfg)
	if err != nil {
		return nil, &SetupError{err}
	}
	if !dryRun {
		if err := pipeline.Prepare(ctx, b, from, to, pipeline.SendOptions{}); err != nil {
			if c, ok := b.(io.Closer); ok {
				c.Close()
			}
			return nil, err
		}
	}
	return b, nil
}

// OpenMemory opens the translation memory at loc (an SQLite file or a
// postgres:// URL); "" is none. A dry run does not create a file that is
// not there (it runs without a memory). created says the file is new:
// the run's memory gives back only what it repeats.
func OpenMemory(loc string, dryRun bool) (m *tm.Memory, created bool, err error) {
	if loc == "" {
		return nil, false, nil
	}
	isFile := !tm.IsPostgres(loc)
	_, statErr := os.Stat(loc)
	if dryRun && isFile && statErr != nil {
		return nil, false, nil
	}
	if m, err = tm.Open(loc); err != nil {
		return nil, false, &SetupError{err}
	}
	return m, isFile && statErr != nil, nil
}

// EndOptions say what [Report.WriteEnd] writes.
type EndOptions struct {
	// DryRun writes the estimate (to stdout) with these prices, and
	// nothing else.
	DryRun bool
	Prices map[string]Price
	// Quiet writes the failures only; NoDisplay (no progress was shown)
	// writes the failures, the empty articles and the summary.
	Quiet, NoDisplay bool
	// Shard and Out say, for a shard, where its report went.
	Shard Shard
	Out   string
}

// WriteEnd writes what a run says when it ends: the dry run's estimate on
// stdout, or on stderr the failures a progress display did not show, the
// empty articles skipped, the summary and, for a shard, where its report
// went and what to run when every shard is done.
func (r *Report) WriteEnd(stdout, stderr io.Writer, o EndOptions) {
	switch {
	case o.DryRun:
		r.WriteDryRun(stdout, o.Prices)
		return
	case o.Quiet:
		r.WriteFailures(stderr)
		return
	case o.NoDisplay:
		r.WriteFailures(stderr)
	}
	r.WriteEmpty(stderr)
	r.WriteSummary(stderr)
	if o.Shard.N > 0 {
		fmt.Fprintf(stderr, "  shard %s: report in %s; when every shard is done, diglot index %s writes the index\n",
			o.Shard, filepath.Join(o.Out, o.Shard.ReportName()), o.Out)
	}
}

// FailedError is nil when every article of the run was written, else an
// error saying how many failed ("2 articles failed"): each has had its
// line ([Report.WriteFailures] or the progress display).
func (r *Report) FailedError() error {
	if n := r.Articles.Failed; n > 0 {
		return fmt.Errorf("%d %s failed", n, plural(n, "article", "articles"))
	}
	return nil
}
