package translate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// OptionKind is the type of an option's value.
type OptionKind int

// The kinds of option values. The zero kind is a string.
const (
	KindString   OptionKind = iota
	KindInt                 // a whole number, 0 or more
	KindDuration            // a Go duration: 500ms, 10s, 2m
	KindBool                // true or false
)

func (k OptionKind) String() string {
	switch k {
	case KindInt:
		return "count"
	case KindDuration:
		return "duration"
	case KindBool:
		return "true or false"
	}
	return "text"
}

// Option describes one setting of a backend, for help text, `diglot backends`
// and the docs, and for [Registry.New], which checks every value against it.
type Option struct {
	Name    string // flag-style name, e.g. "model"
	Help    string
	Default string
	Kind    OptionKind
	// Choices, if set, are the only values allowed, in any case (the empty
	// value, which takes the default, always is).
	Choices []string
	// Env is the environment variable the option is read from, if any.
	Env      string
	Required bool
	// Sensitive options (credentials) are never printed; only their presence
	// is. They are read from the environment only: [Registry.New] refuses
	// them as options.
	Sensitive bool
}

// OptionError is an option value [Registry.New] refused.
type OptionError struct {
	Backend string
	Option  string // empty when the backend has no such option
	Msg     string
}

func (e *OptionError) Error() string {
	if e.Option == "" {
		return "backend " + e.Backend + ": " + e.Msg
	}
	return "backend " + e.Backend + ": option " + e.Option + ": " + e.Msg
}

// CheckOptions checks cfg's options against in's, as [Registry.New] does.
func (in Info) CheckOptions(cfg Config) error {
	names := make([]string, len(in.Options))
	for i, o := range in.Options {
		names[i] = o.Name
	}
	for _, k := range sortedKeys(cfg.Options) {
		i := slices.Index(names, k)
		if i < 0 {
			msg := fmt.Sprintf("no option %q", k)
			if len(names) > 0 {
				msg += " (options: " + strings.Join(names, ", ") + ")"
			}
			return &OptionError{Backend: in.Name, Msg: msg}
		}
		if o := in.Options[i]; o.Sensitive && cfg.Options[k] != "" {
			// A credential on a command line ends up in shell histories and
			// process lists, and in a config file in version control.
			return &OptionError{Backend: in.Name, Option: k, Msg: "is a credential: set $" + o.Env + " instead"}
		}
	}
	for _, o := range in.Options {
		v := cfg.Get(o)
		if v == "" {
			if o.Required {
				msg := "is required"
				if o.Env != "" {
					msg += " (or $" + o.Env + ")"
				}
				return &OptionError{Backend: in.Name, Option: o.Name, Msg: msg}
			}
			continue
		}
		if err := o.Check(v); err != nil {
			return &OptionError{Backend: in.Name, Option: o.Name, Msg: err.Error()}
		}
	}
	return nil
}

// Check reports whether v is a valid value of o: of its kind, and among its
// choices if it has any.
func (o Option) Check(v string) error {
	if len(o.Choices) > 0 && !slices.ContainsFunc(o.Choices, func(c string) bool { return strings.EqualFold(c, v) }) {
		return fmt.Errorf("%q is not one of %s", v, strings.Join(o.Choices, ", "))
	}
	var ok bool
	switch o.Kind {
	case KindInt:
		n, err := strconv.Atoi(v)
		ok = err == nil && n >= 0
	case KindDuration:
		d, err := time.ParseDuration(v)
		ok = err == nil && d > 0
	case KindBool:
		_, err := strconv.ParseBool(v)
		ok = err == nil
	default:
		ok = true
	}
	if !ok {
		return fmt.Errorf("%q is not a %s", v, o.Kind)
	}
	return nil
}

// Int returns option o as a count. A value [Option.Check] refuses (possible
// only when a backend is built without [Registry.New], as tests do) gives
// the default.
func (c Config) Int(o Option) int {
	n, err := strconv.Atoi(c.Get(o))
	if err != nil || n < 0 {
		n, _ = strconv.Atoi(o.Default)
	}
	return n
}

// Duration returns option o as a duration, or its default (see [Config.Int]).
func (c Config) Duration(o Option) time.Duration {
	d, err := time.ParseDuration(c.Get(o))
	if err != nil || d <= 0 {
		d, _ = time.ParseDuration(o.Default)
	}
	return d
}

// Bool returns option o as a boolean, or its default (see [Config.Int]).
func (c Config) Bool(o Option) bool {
	b, err := strconv.ParseBool(c.Get(o))
	if err != nil {
		b, _ = strconv.ParseBool(o.Default)
	}
	return b
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
