package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/all"
)

// pruneCommand is `diglot backends prune BACKEND`: the deletion, on request,
// of the glossaries diglot created on a backend's account and no longer
// uses (translate.GlossaryPruner).
func (a *app) pruneCommand() *cli.Command {
	return &cli.Command{
		Name:      "prune",
		Usage:     "delete the glossaries diglot created on a backend's account, except the one for --glossary",
		ArgsUsage: "BACKEND",
		Description: `A translation with --glossary on DeepL creates, once per set of entries, a
glossary named diglot-<fingerprint> on the account, and later runs with the
same entries use it again. This command deletes every glossary named so,
except the one the given --glossary files (merged, as translate merges them)
make for the --from/--to pair; without --glossary it deletes them all. It
never touches a glossary with another name. Each deleted glossary is printed
on stdout.

Examples:
   diglot backends prune deepl --glossary names.tsv

Exit status: 0 done; 2 unknown backend, one that keeps no glossaries, a bad
glossary file or a refused key; 1 the server failed.`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "glossary", Usage: "keep the glossary of these glossary `FILE`s; repeatable"},
			&cli.StringFlag{Name: "from", Value: "fr", Usage: "source language of the glossary to keep"},
			&cli.StringFlag{Name: "to", Value: "en", Usage: "target language of the glossary to keep"},
			&cli.StringFlag{Name: "endpoint", Usage: "base `URL` of the backend's API"},
			&cli.StringSliceFlag{Name: "option", Usage: "backend option `NAME=VALUE` (see diglot backends); repeatable"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return badUsage("backends prune: want one BACKEND (try: diglot backends prune deepl)")
			}
			reg := all.Backends()
			name := c.Args().First()
			if _, ok := reg.Lookup(name); !ok {
				return unknownName("backend", name, reg.Names())
			}
			opts := map[string]string{}
			for _, kv := range c.StringSlice("option") {
				k, v, ok := strings.Cut(kv, "=")
				if !ok || k == "" {
					return badUsage("--option %q: want NAME=VALUE", kv)
				}
				opts[k] = v
			}
			b, err := reg.New(name, translate.Config{Endpoint: c.String("endpoint"), Options: opts, Getenv: a.getenv})
			if err != nil {
				return &usageError{err}
			}
			pruner, ok := b.(translate.GlossaryPruner)
			if !ok {
				return badUsage("backends prune: %s keeps no glossaries of its own", name)
			}
			var keep []translate.GlossarySet
			if files := c.StringSlice("glossary"); len(files) > 0 {
				g, err := glossary.Load(files...)
				if err != nil {
					return badInput(err)
				}
				keep = append(keep, translate.GlossarySet{From: c.String("from"), To: c.String("to"), Terms: pipeline.Terms(g)})
			}
			deleted, err := pruner.PruneGlossaries(c.Context, keep)
			for _, d := range deleted {
				fmt.Fprintln(a.stdout, d)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "diglot: %d %s deleted on %s\n", len(deleted), plural(len(deleted), "glossary", "glossaries"), name)
			return nil
		},
	}
}
