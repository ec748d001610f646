package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/internal/cliutil"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/review"
)

// defaultListen is where diglot review listens: this computer only.
const defaultListen = "127.0.0.1:8470"

func (a *app) reviewCommand() *cli.Command {
	return &cli.Command{
		Name:        "review",
		Usage:       "edit and approve the translations of an output folder in the browser",
		ArgsUsage:   "OUT",
		Description: help("review"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "listen", Value: defaultListen, Usage: "`ADDRESS` to listen on (HOST:PORT; port 0 picks a free one)"},
			tmLocationFlag(),
			&cli.BoolFlag{Name: "no-tm", Usage: "store approved translations in the files only"},
			&cli.StringSliceFlag{Name: "glossary", Aliases: []string{"g"}, Usage: "glossary `FILE` for the live checks (repeatable)", DefaultText: "the glossaries the articles name, where they are"},
			&cli.StringFlag{Name: "editor", Usage: "`NAME` recorded with each post-edit", DefaultText: "$USER"},
			cliutil.Choice(&cli.StringFlag{Name: "md-layout", Value: "interleaved", Usage: "Markdown `LAYOUT` of re-rendered articles: interleaved or table"}, output.MarkdownLayouts),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return badUsage("review: want one OUT folder (try: diglot review out/)")
			}
			layout, err := output.ParseMarkdownLayout(c.String("md-layout"))
			if err != nil {
				return badUsage("--md-layout: %w", err)
			}
			o := review.Options{Listen: c.String("listen"), Memory: a.tmLocation(c), Glossaries: c.StringSlice("glossary"),
				Editor: c.String("editor"), Out: c.Args().First(), Render: rerender(layout), Log: a.stderr}
			if c.Bool("no-tm") {
				o.Memory = ""
			}
			if o.Editor == "" {
				o.Editor = a.getenv("USER")
			}
			ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
			defer stop()
			return review.Run(ctx, o)
		},
	}
}

// rerender is how diglot review writes an article's outputs again after a
// save: as translate writes them, in the Markdown layout given.
func rerender(layout output.MarkdownLayout) func(context.Context, string, *bitext.Document) error {
	return func(ctx context.Context, jsonPath string, d *bitext.Document) error {
		return edition.Rerender(jsonPath, d, output.Options{Generator: "diglot " + version, Markdown: layout})
	}
}
