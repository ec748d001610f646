package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/internal/settings"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/all"
)

// pruneCommand is `diglot backends prune BACKEND` (edition.Prune).
func (a *app) pruneCommand() *cli.Command {
	return &cli.Command{
		Name:        "prune",
		Usage:       "delete the glossaries diglot created on a backend's account, except the one for --glossary",
		ArgsUsage:   "BACKEND",
		Description: help("backends-prune"),
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "glossary", Usage: "keep the glossary of these glossary `FILE`s; repeatable"},
			&cli.StringFlag{Name: "from", Value: "fr", Usage: "source language `CODE` of the glossary to keep"},
			&cli.StringFlag{Name: "to", Value: "en", Usage: "target language `CODE` of the glossary to keep"},
			&cli.StringFlag{Name: "endpoint", Usage: "base `URL` of the backend's API"},
			&cli.StringSliceFlag{Name: "option", Usage: "backend option `NAME=VALUE` (see diglot backends); repeatable"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return badUsage("backends prune: want one BACKEND (try: diglot backends prune deepl)")
			}
			reg, name := all.Backends(), c.Args().First()
			if _, ok := reg.Lookup(name); !ok {
				return unknownName("backend", name, reg.Names())
			}
			opts, err := new(settings.File).BackendOptions(name, c.StringSlice("option"))
			if err != nil {
				return err
			}
			deleted, err := edition.Prune(c.Context, edition.PruneJob{Registry: reg, Backend: name,
				Config:     translate.Config{Endpoint: c.String("endpoint"), Options: opts.Values, Getenv: a.getenv},
				Glossaries: c.StringSlice("glossary"), From: c.String("from"), To: c.String("to")})
			for _, d := range deleted {
				fmt.Fprintln(a.stdout, d)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "diglot: %d %s deleted on %s\n", len(deleted), map[bool]string{true: "glossary", false: "glossaries"}[len(deleted) == 1], name)
			return nil
		},
	}
}
