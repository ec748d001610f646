package main

import (
	"encoding/json"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/internal/cliutil"
	"github.com/diglot/diglot/internal/textcols"
	"github.com/diglot/diglot/translate/all"
)

func (a *app) backendsCommand() *cli.Command {
	return &cli.Command{
		Name:        "backends",
		Usage:       "list the translation backends, their options, and whether their credentials are set",
		Description: help("backends"),
		Flags: []cli.Flag{
			cliutil.Choice(&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: text (fits $COLUMNS or the terminal) or json (docs/backends.md)"}, []string{"text", "json"}),
		},
		Action: func(c *cli.Context) error {
			format := strings.ToLower(c.String("format"))
			if err := checkNames("format", "format", format, []string{"text", "json"}); err != nil {
				return err
			}
			if c.NArg() > 0 {
				return badUsage("backends: unexpected argument %q", c.Args().First())
			}
			l := all.Describe(c.Context, all.Backends(), a.getenv)
			if format == "json" {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(l)
			}
			return l.WriteText(a.stdout, textcols.Width(a.stdout, a.getenv))
		},
		Subcommands: []*cli.Command{a.pruneCommand()}, // prune.go
	}
}
