package main

import (
	"context"
	"os"
	"slices"

	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/all"
)

// newBackend builds the backend and checks that it has the language pair
// (not in a dry run, which makes no network request).
func (a *app) newBackend(ctx context.Context, o *translateOptions) (translate.Backend, error) {
	reg := all.Backends()
	info, ok := reg.Lookup(o.backend)
	if !ok {
		return nil, unknownName("backend", o.backend, reg.Names())
	}
	for k := range o.options {
		i := slices.IndexFunc(info.Options, func(opt translate.Option) bool { return opt.Name == k })
		switch {
		case i < 0:
			return nil, badUsage("backend %s has no option %q (see diglot backends)", o.backend, k)
		case info.Options[i].Sensitive:
			// A credential on a command line ends up in shell histories and
			// process lists, and in a config file in version control.
			return nil, badUsage("option %s of backend %s is a credential: set $%s instead", k, o.backend, info.Options[i].Env)
		}
	}
	b, err := info.New(translate.Config{Endpoint: o.endpoint, Options: o.options, Getenv: a.getenv})
	if err != nil {
		return nil, &usageError{err}
	}
	if pr, ok := b.(translate.Preparer); ok && !o.DryRun {
		// An unsupported pair or a refused key is the user's input (exit 2,
		// by their sentinels); anything else is a failure.
		if err := pr.Prepare(ctx, o.from, o.to); err != nil {
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
