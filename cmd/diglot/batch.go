package main

import (
	"context"
	"os"

	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/all"
)

// newBackend builds the backend and checks that it has the language pair
// (not in a dry run, which makes no network request).
func (a *app) newBackend(ctx context.Context, o *translateOptions) (translate.Backend, error) {
	// The registry checks the options (unknown, credentials, required,
	// kinds and choices) before the backend is built; an address from an
	// implicit configuration file is refused a credential before any request.
	reg := all.Backends()
	info, ok := reg.Lookup(o.backend)
	if !ok {
		return nil, unknownName("backend", o.backend, reg.Names())
	}
	if err := o.backendOptions.CheckAddresses(info, o.endpoint != "", a.getenv); err != nil {
		return nil, err
	}
	getenv := a.getenv
	if o.DryRun {
		// A dry run sends nothing, so it needs no credential: a missing one
		// is stood in for, and never leaves the process.
		getenv = func(k string) string {
			if v := a.getenv(k); v != "" {
				return v
			}
			for _, opt := range info.Options {
				if opt.Sensitive && opt.Env == k {
					return "dry-run-sends-nothing"
				}
			}
			return ""
		}
	}
	b, err := reg.New(o.backend, translate.Config{Endpoint: o.endpoint, Options: o.options, Getenv: getenv})
	if err != nil {
		return nil, &usageError{Err: err}
	}
	if !o.DryRun {
		// An unsupported pair or option, or a refused key, is the user's
		// input (exit 2, by their sentinels); anything else is a failure.
		// The start-up call is retried with the backend's policy.
		if err := pipeline.Prepare(ctx, b, o.from, o.to, pipeline.SendOptions{}); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// openMemory opens the translation memory, unless --no-tm. A dry run does
// not create one that is not there.
func openMemory(o *translateOptions) (*tm.Memory, error) {
	if o.tmPath == "" {
		return nil, nil
	}
	if o.DryRun && !tm.IsPostgres(o.tmPath) {
		if _, err := os.Stat(o.tmPath); err != nil {
			return nil, nil
		}
	}
	return tm.Open(o.tmPath)
}
