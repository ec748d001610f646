package main

import (
	"context"
	"maps"
	"os"
	"slices"

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
	if err := a.checkImplicitAddress(o, info); err != nil {
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

// checkImplicitAddress refuses to send a credential to an address that comes
// from a configuration file found in the working directory (a repository
// may ship one): the user names the address on the command line (--endpoint,
// --option), in the environment, or names the file with --config.
func (a *app) checkImplicitAddress(o *translateOptions, info translate.Info) error {
	if o.endpoint != "" || len(o.implicitURLs) == 0 {
		return nil // --endpoint overrides every base URL
	}
	for _, cred := range info.Options {
		if !cred.Sensitive || cred.Env == "" || a.getenv(cred.Env) == "" {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(o.implicitURLs)) {
			env := ""
			if i := slices.IndexFunc(info.Options, func(opt translate.Option) bool { return opt.Name == name }); i >= 0 && info.Options[i].Env != "" {
				env = ", $" + info.Options[i].Env
			}
			return badUsage("%s: backends.%s.%s sends $%s to %s, and this file was found in the working directory, not named: to allow it, give --endpoint on the command line%s, or --config %s", o.config.path, o.backend, name, cred.Env, o.implicitURLs[name], env, o.config.path)
		}
	}
	return nil
}
