package settings

import (
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/diglot/diglot/translate"
)

// BackendOptions are the options of one backend: the file's
// (backends.NAME), then the command line's, which win.
type BackendOptions struct {
	Values  map[string]string
	backend string
	file    string
	// implicit are the options whose address (host by name) comes from a
	// file found implicitly ([File.Implicit]).
	implicit map[string]string
}

// BackendOptions merges the options the file gives backend with those of
// the command line, each NAME=VALUE.
func (c *File) BackendOptions(backend string, cmdline []string) (*BackendOptions, error) {
	o := &BackendOptions{Values: map[string]string{}, backend: backend, file: c.Path, implicit: map[string]string{}}
	for k, v := range c.Backends[backend] {
		o.Values[k] = v
		if u, err := url.Parse(v); c.Implicit && err == nil && u.Scheme != "" && u.Host != "" {
			o.implicit[k] = u.Hostname()
		}
	}
	for _, kv := range cmdline {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, errorf("--option %q: want NAME=VALUE", kv)
		}
		o.Values[k] = v
		delete(o.implicit, k)
	}
	return o, nil
}

// CheckAddresses refuses to send a credential to an address that comes
// from a file found in the working directory (a repository may ship one):
// the user names the address on the command line (--endpoint, which
// overrides every base URL, or --option), in the environment, or names the
// file with --config. info is the backend's, getenv reads the environment.
func (o *BackendOptions) CheckAddresses(info translate.Info, endpointGiven bool, getenv func(string) string) error {
	if endpointGiven || len(o.implicit) == 0 {
		return nil
	}
	for _, cred := range info.Options {
		if !cred.Sensitive || cred.Env == "" || getenv(cred.Env) == "" {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(o.implicit)) {
			env := ""
			if i := slices.IndexFunc(info.Options, func(opt translate.Option) bool { return opt.Name == name }); i >= 0 && info.Options[i].Env != "" {
				env = ", $" + info.Options[i].Env
			}
			return errorf("%s: backends.%s.%s sends $%s to %s, and this file was found in the working directory, not named: to allow it, give --endpoint on the command line%s, or --config %s", o.file, o.backend, name, cred.Env, o.implicit[name], env, o.file)
		}
	}
	return nil
}
