package translate

import (
	"fmt"
	"net/http"
	"os"
	"sort"
)

// Option describes one setting of a backend, for help text, `diglot backends`
// and the docs.
type Option struct {
	Name    string // flag-style name, e.g. "model"
	Help    string
	Default string
	// Env is the environment variable the option is read from, if any.
	Env      string
	Required bool
	// Sensitive options (credentials) are never printed; only their presence is.
	Sensitive bool
}

// Config is what a backend is built from.
type Config struct {
	// Endpoint overrides the backend's base URL (self-hosted servers, tests).
	Endpoint string
	// Options holds option values by name; options with an Env are read from the
	// environment through Getenv when absent here.
	Options map[string]string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// HTTPClient is used by HTTP backends; nil means a default client.
	HTTPClient *http.Client
}

// Get returns the value of option o: from Options, else its environment
// variable, else its default.
func (c Config) Get(o Option) string {
	if v, ok := c.Options[o.Name]; ok && v != "" {
		return v
	}
	if o.Env != "" {
		getenv := c.Getenv
		if getenv == nil {
			getenv = os.Getenv
		}
		if v := getenv(o.Env); v != "" {
			return v
		}
	}
	return o.Default
}

// Info describes a backend and how to build it.
type Info struct {
	Name        string
	Description string
	// Offline backends need no network and no credentials.
	Offline bool
	Options []Option
	New     func(Config) (Backend, error)
}

// Registry maps backend names to their [Info].
type Registry struct {
	byName map[string]Info
}

// NewRegistry returns a registry holding infos. It panics on a duplicate name,
// which is a programming error.
func NewRegistry(infos ...Info) *Registry {
	r := &Registry{byName: make(map[string]Info)}
	for _, in := range infos {
		r.Register(in)
	}
	return r
}

// Register adds in; it panics if the name is taken.
func (r *Registry) Register(in Info) {
	if _, dup := r.byName[in.Name]; dup {
		panic(fmt.Sprintf("translate: backend %q registered twice", in.Name))
	}
	r.byName[in.Name] = in
}

// Lookup returns the backend called name.
func (r *Registry) Lookup(name string) (Info, bool) {
	in, ok := r.byName[name]
	return in, ok
}

// Names lists the registered backends in alphabetical order.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.byName))
	for n := range r.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New builds the backend called name.
func (r *Registry) New(name string, cfg Config) (Backend, error) {
	in, ok := r.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("unknown backend %q (available: %v)", name, r.Names())
	}
	return in.New(cfg)
}
