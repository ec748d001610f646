package all

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/apertium"
)

// Schema names the JSON form of [Listing] (`diglot backends --format
// json`): fields may be added, none changes meaning without a new version.
const Schema = "diglot.backends/v1"

// Listing is what `diglot backends` says about the backends, in the order
// of the registry's names.
type Listing struct {
	Schema   string        `json:"schema"`
	Backends []Description `json:"backends"`
}

// Description is one backend as `diglot backends` lists it: everything in
// its [translate.Info] a user can act on, whether its credentials are set
// (never their value), and the routes it has installed per pair.
type Description struct {
	Name        string   `json:"name"`
	Offline     bool     `json:"offline"`
	Description string   `json:"description"`
	Price       Price    `json:"price"`
	Retry       Retry    `json:"retry"`
	Options     []Option `json:"options"`
	// Routes are the pairs installed, with their routes (Apertium's chains
	// of modes); nil for a backend that has none to show. RoutesError says
	// why none could be listed (Apertium not installed, say).
	Routes      []PairRoutes `json:"routes,omitempty"`
	RoutesError string       `json:"routes_error,omitempty"`
}

// Price is a backend's list price per million characters sent.
type Price struct {
	PerMillionChars float64 `json:"per_million_chars"`
	Currency        string  `json:"currency,omitempty"`
	// Unknown says the price depends on the user's plan or model (set it
	// under prices: in diglot.yaml).
	Unknown bool `json:"unknown"`
	// Text says it in words: "free (offline)", "20 EUR per million
	// characters".
	Text string `json:"text"`
}

// Retry is how the pipeline retries a backend's requests.
type Retry struct {
	MaxAttempts int    `json:"max_attempts"` // the first included
	Text        string `json:"text"`         // translate.RetryPolicy.String
}

// Option is one option of a backend. Set says whether its environment
// variable holds a value; a sensitive option (a credential) shows nothing
// else of it.
type Option struct {
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Env       string   `json:"env,omitempty"`
	Sensitive bool     `json:"sensitive"`
	Required  bool     `json:"required"`
	Set       bool     `json:"set"`
	Default   string   `json:"default,omitempty"`
	Choices   []string `json:"choices,omitempty"`
	Help      string   `json:"help"`
}

// PairRoutes are the routes installed for one pair, written as the flags
// take it (fr-en, not fra-eng): the default first, then the others.
type PairRoutes struct {
	Pair    string   `json:"pair"`
	Default string   `json:"default"`
	Routes  []string `json:"routes"`
}

// Describe lists the backends of reg, reading the environment with getenv
// to say which options are set. It builds each backend that needs no
// credential to list its routes, and sends nothing.
func Describe(ctx context.Context, reg *translate.Registry, getenv func(string) string) Listing {
	l := Listing{Schema: Schema, Backends: []Description{}}
	for _, info := range reg.Infos() {
		d := Description{Name: info.Name, Offline: info.Offline, Description: info.Description,
			Price: describePrice(info), Retry: describeRetry(info.Retry), Options: []Option{}}
		for _, o := range info.Options {
			opt := Option{Name: o.Name, Kind: o.Kind.String(), Env: o.Env, Sensitive: o.Sensitive, Required: o.Required,
				Set: o.Env != "" && getenv(o.Env) != "", Choices: o.Choices, Help: o.Help}
			if !o.Sensitive {
				opt.Default = o.Default
			}
			d.Options = append(d.Options, opt)
		}
		d.Routes, d.RoutesError = routes(ctx, reg, info.Name, getenv)
		l.Backends = append(l.Backends, d)
	}
	return l
}

func describePrice(info translate.Info) Price {
	p := info.Price
	out := Price{PerMillionChars: p.PerMillionChars, Currency: p.Currency, Unknown: p.Unknown}
	switch {
	case p.Unknown:
		out.Text = "depends on the plan or model (set prices in diglot.yaml)"
	case p.PerMillionChars == 0 && info.Offline:
		out.Text = "free (offline)"
	case p.PerMillionChars == 0:
		out.Text = "free"
	default:
		out.Text = fmt.Sprintf("%g %s per million characters", p.PerMillionChars, p.Currency)
	}
	return out
}

func describeRetry(p translate.RetryPolicy) Retry {
	n := p.MaxAttempts
	if n <= 0 {
		n = translate.DefaultRetryPolicy().MaxAttempts
	}
	return Retry{MaxAttempts: n, Text: p.String()}
}

// routeLister is the capability of a backend that has routes to show
// (Apertium's chains of modes).
type routeLister interface {
	Routes(context.Context) ([]apertium.PairRoutes, error)
}

// routes lists the routes backend name has installed, or says why there
// are none; nothing for a backend without routes or that cannot be built
// without its credentials.
func routes(ctx context.Context, reg *translate.Registry, name string, getenv func(string) string) ([]PairRoutes, string) {
	b, err := reg.New(name, translate.Config{Getenv: getenv})
	if err != nil {
		return nil, ""
	}
	if c, ok := b.(io.Closer); ok {
		defer c.Close()
	}
	rl, ok := b.(routeLister)
	if !ok {
		return nil, ""
	}
	found, err := rl.Routes(ctx)
	if err != nil {
		return nil, err.Error()
	}
	if len(found) == 0 {
		return nil, "no pair installed"
	}
	out := make([]PairRoutes, 0, len(found))
	for _, r := range found {
		pr := PairRoutes{Pair: flagCode(r.Pair.From) + "-" + flagCode(r.Pair.To), Default: r.Default, Routes: []string{r.Default}}
		for _, x := range r.Routes {
			if x != r.Default {
				pr.Routes = append(pr.Routes, x)
			}
		}
		out = append(out, pr)
	}
	slices.SortFunc(out, func(a, b PairRoutes) int { return strings.Compare(a.Pair, b.Pair) })
	return out, ""
}

// flagCode is a language code as --from and --to take it: the shortest
// form of the tag ("fr" for Apertium's "fra"), the code itself when it is
// not one.
func flagCode(code string) string {
	if t, err := language.Parse(code); err == nil {
		return t.String()
	}
	return code
}

// Notes say, in words, where an option's value comes from and what it
// takes, never showing a credential's value: "$DEEPL_AUTH_KEY set" (a
// credential's just "set"), its kind unless text, its choices, its
// default, "required", "secret".
func (o Option) Notes() []string {
	var notes []string
	if o.Env != "" {
		state := "not set"
		if o.Set {
			state = "set"
		}
		if o.Sensitive {
			notes = append(notes, state)
		} else {
			notes = append(notes, fmt.Sprintf("$%s %s", o.Env, state))
		}
	}
	if o.Kind != translate.KindString.String() {
		notes = append(notes, o.Kind)
	}
	if len(o.Choices) > 0 {
		notes = append(notes, "one of "+strings.Join(o.Choices, " | "))
	}
	if o.Default != "" {
		notes = append(notes, "default "+o.Default)
	}
	if o.Required {
		notes = append(notes, "required")
	}
	if o.Sensitive {
		notes = append(notes, "secret")
	}
	return notes
}
