package main

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/internal/cliutil"
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
			return writeBackends(a.stdout, l, cliutil.Width(a.stdout, a.getenv))
		},
		Subcommands: []*cli.Command{a.pruneCommand()}, // prune.go
	}
}

// writeBackends writes the listing in columns that fit width.
func writeBackends(w io.Writer, l all.Listing, width int) error {
	var b strings.Builder
	for i, d := range l.Backends {
		if i > 0 {
			b.WriteString("\n")
		}
		kind := "network"
		if d.Offline {
			kind = "offline"
		}
		b.WriteString(d.Name + " (" + kind + ")\n")
		for _, line := range cliutil.Wrap(d.Description, width-2) {
			b.WriteString("  " + line + "\n")
		}
		rows := []cliutil.Row{{Key: "price", Text: d.Price.Text}, {Key: "retries", Text: d.Retry.Text}}
		for _, o := range d.Options {
			name := "--option " + o.Name
			if o.Sensitive {
				name = "$" + o.Env // credentials come from the environment only
			}
			rows = append(rows, cliutil.Row{Key: name, Text: o.Help + bracketed(o.Notes())})
		}
		if d.RoutesError != "" {
			rows = append(rows, cliutil.Row{Key: "routes", Text: "none: " + d.RoutesError})
		}
		cliutil.Table(&b, width, 2, rows)
		if len(d.Routes) > 0 {
			for _, line := range cliutil.Wrap("routes per pair, the default first (--option route=… picks another):", width-2) {
				b.WriteString("  " + line + "\n")
			}
			rows = rows[:0]
			for _, r := range d.Routes {
				rows = append(rows, cliutil.Row{Key: r.Pair, Text: r.Default + " (default)" + strings.Join(append([]string{""}, r.Routes[1:]...), ", ")})
			}
			cliutil.Table(&b, width, 4, rows)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// bracketed is notes in brackets after a space, or nothing.
func bracketed(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return " [" + strings.Join(notes, ", ") + "]"
}
