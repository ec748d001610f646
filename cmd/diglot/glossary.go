package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/glossary"
)

func (a *app) glossaryCommand() *cli.Command {
	langFlags := []cli.Flag{
		&cli.StringFlag{Name: "from", Value: "fr", Usage: "source language `CODE` (which TBX language is the source)"},
		&cli.StringFlag{Name: "to", Value: "en", Usage: "target language `CODE`"},
	}
	// load reads the glossary of the command's arguments; matching says
	// whether the command matches text, and so whether building the
	// set-up cache of a large glossary pays.
	load := func(c *cli.Context, matching bool) (*glossary.Glossary, error) {
		if c.NArg() == 0 {
			return nil, badUsage("glossary: no FILE given")
		}
		opts := glossary.LoadOptions{From: c.String("from"), To: c.String("to"), CacheReadOnly: !matching}
		return glossary.LoadWith(opts, c.Args().Slice()...)
	}
	return &cli.Command{
		Name:        "glossary",
		Usage:       "lint, convert and try out terminology glossaries",
		Description: help("glossary"),
		Subcommands: []*cli.Command{
			{
				Name:        "lint",
				Usage:       "report duplicates, variants mapped to two targets, forbidden forms that are also allowed, empty terms and suspicious whitespace",
				ArgsUsage:   "FILE...",
				Description: help("glossary-lint"),
				Flags:       langFlags,
				Action: func(c *cli.Context) error {
					g, err := load(c, false)
					if err != nil {
						return err
					}
					if glossary.WriteLint(a.stdout, a.stderr, g, glossary.Lint(g)) {
						return errFindings
					}
					return nil
				},
			},
			{
				Name:        "convert",
				Usage:       "convert between TSV, CSV, OmegaT's tab, TBX and YAML (several files are merged)",
				ArgsUsage:   "FILE...",
				Description: help("glossary-convert"),
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` (format from its extension)"},
					&cli.StringFlag{Name: "format", Usage: "output `FORMAT` on stdout: " + strings.Join(glossary.Formats, ", ")},
				}, langFlags...),
				Action: func(c *cli.Context) error {
					format, out := c.String("format"), c.String("output")
					if out != "" && format == "" {
						f, err := glossary.FormatOf(out)
						if err != nil {
							return &usageError{Err: err}
						}
						format = f
					}
					if format == "" {
						return badUsage("glossary convert: give --output FILE or --format FORMAT")
					}
					g, err := load(c, false)
					if err != nil {
						return err
					}
					if lost := glossary.LostIn(g, format); lost != "" {
						fmt.Fprintf(a.stderr, "diglot: %s cannot hold %s: left out\n", format, lost)
					}
					if out == "" {
						return glossary.Write(a.stdout, g, format)
					}
					return glossary.WriteFile(out, g, format)
				},
			},
			{
				Name:        "show",
				Usage:       "show the glossary entries matched in articles, with their positions",
				ArgsUsage:   "FILE...",
				Description: help("glossary-show"),
				Flags: append([]cli.Flag{
					&cli.StringSliceFlag{Name: "article", Aliases: []string{"a"}, Required: true, Usage: "article `PATH` (.txt or .md) to search; repeatable"},
				}, langFlags...),
				Action: func(c *cli.Context) error {
					g, err := load(c, true)
					if err != nil {
						return err
					}
					m := g.Matcher()
					for _, path := range c.StringSlice("article") {
						matches, err := edition.FindTerms(path, m)
						if err != nil {
							return err
						}
						if err := edition.WriteTermMatches(a.stdout, path, matches); err != nil {
							return err
						}
					}
					return nil
				},
			},
		},
	}
}
