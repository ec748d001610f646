package translate

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strings"
)

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
	// Retry is how the pipeline retries the backend's requests: figures like
	// those of the vendor's own client libraries.
	Retry RetryPolicy
	// VerifyTermsFirst says the engine cannot agree or reorder around a
	// token it does not know (Apertium; LibreTranslate's small models): terms are best
	// left in the text, verified, and protected only in the segments where
	// they came out wrong (the pipeline's verify-first strategy).
	VerifyTermsFirst bool
	// Price is the list price of the characters sent, for cost estimates.
	Price Price
	// New builds the backend; [Registry.New] has checked the options first.
	New func(Config) (Backend, error)
}

// Price is what a backend costs per million characters sent. A zero price is
// free (offline and self-hosted backends); Unknown says the price depends on
// the user's plan or model and is theirs to set.
type Price struct {
	PerMillionChars float64
	Currency        string
	Unknown         bool
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

// Infos returns the backends' metadata, sorted by name.
func (r *Registry) Infos() []Info {
	infos := make([]Info, 0, len(r.byName))
	for _, name := range r.Names() {
		infos = append(infos, r.byName[name])
	}
	return infos
}

// New builds the backend called name, after checking cfg's options against
// the backend's: an unknown option, a credential given as an option, a
// required option without a value, a value of the wrong kind or not among the
// choices is an [*OptionError]; an unknown backend is an [ErrUnknownBackend].
// This is the one place options are checked: backends read them with
// [Config.Get], [Config.Int], [Config.Duration] and [Config.Bool].
func (r *Registry) New(name string, cfg Config) (Backend, error) {
	in, ok := r.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("%w %q (available: %s)", ErrUnknownBackend, name, strings.Join(r.Names(), ", "))
	}
	if err := in.CheckOptions(cfg); err != nil {
		return nil, err
	}
	return in.New(cfg)
}

// ErrUnknownBackend is the error of [Registry.New] for a name no backend has.
var ErrUnknownBackend = errors.New("unknown backend")
