package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/all"
	"github.com/diglot/diglot/translate/apertium"
)

func (a *app) backendsCommand() *cli.Command {
	return &cli.Command{
		Name:        "backends",
		Usage:       "list the translation backends, their options, and whether their credentials are set",
		Description: help("backends"),
		Action: func(c *cli.Context) error {
			return a.listBackends(all.Backends())
		},
	}
}

func (a *app) listBackends(reg *translate.Registry) error {
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	for i, name := range reg.Names() {
		info, _ := reg.Lookup(name)
		if i > 0 {
			fmt.Fprintln(w)
		}
		kind := "network"
		if info.Offline {
			kind = "offline"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", name, kind, info.Description)
		fmt.Fprintf(w, "  retries\t\t%s\n", info.Retry)
		fmt.Fprintf(w, "  price\t\t%s\n", priceText(info.Price))
		for _, o := range info.Options {
			name := "--option " + o.Name
			if o.Sensitive {
				name = "$" + o.Env // credentials come from the environment only
			}
			fmt.Fprintf(w, "  %s\t%s\t%s\n", name, a.optionState(o), o.Help)
		}
		a.listRoutes(w, reg, name)
	}
	return w.Flush()
}

// listRoutes prints the routes a backend has installed per pair (Apertium's
// chains of modes), the default first; nothing when it has none to show.
func (a *app) listRoutes(w io.Writer, reg *translate.Registry, name string) {
	b, err := reg.New(name, translate.Config{Getenv: a.getenv})
	if err != nil {
		return
	}
	if c, ok := b.(io.Closer); ok {
		defer c.Close()
	}
	rl, ok := b.(interface {
		Routes(context.Context) ([]apertium.PairRoutes, error)
	})
	if !ok {
		return
	}
	routes, err := rl.Routes(context.Background())
	if err != nil {
		return
	}
	for _, r := range routes {
		alts := []string{r.Default + " (default)"}
		for _, x := range r.Routes {
			if x != r.Default {
				alts = append(alts, x)
			}
		}
		fmt.Fprintf(w, "  route %s\t\t%s\n", r.Pair, strings.Join(alts, ", "))
	}
}

// optionState says where an option's value comes from, never showing a
// sensitive value.
func (a *app) optionState(o translate.Option) string {
	var parts []string
	if o.Env != "" {
		state := "not set"
		if a.getenv(o.Env) != "" {
			state = "set"
		}
		if o.Sensitive {
			parts = append(parts, state)
		} else {
			parts = append(parts, fmt.Sprintf("$%s %s", o.Env, state))
		}
	}
	if o.Kind != translate.KindString {
		parts = append(parts, o.Kind.String())
	}
	if len(o.Choices) > 0 {
		parts = append(parts, "one of "+strings.Join(o.Choices, "|"))
	}
	if o.Default != "" && !o.Sensitive {
		parts = append(parts, "default "+o.Default)
	}
	if o.Required {
		parts = append(parts, "required")
	}
	if o.Sensitive {
		parts = append(parts, "secret")
	}
	return strings.Join(parts, ", ")
}

// priceText says what a backend costs per million characters.
func priceText(p translate.Price) string {
	switch {
	case p.Unknown:
		return "depends on the plan or model (set prices in diglot.yaml)"
	case p.PerMillionChars == 0:
		return "free"
	}
	return fmt.Sprintf("%g %s per million characters", p.PerMillionChars, p.Currency)
}
