package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/review"
)

// defaultListen is where diglot review listens: this computer only.
const defaultListen = "127.0.0.1:8470"

// reviewOptions holds the flag values of `diglot review`.
type reviewOptions struct {
	listen     string
	tmPath     string // "" with --no-tm
	glossaries []string
	editor     string
	mdLayout   string
	out        string
	// ready, when set, is called with the URL to open once the server
	// listens (tests use it; the command prints the URL).
	ready func(url string)
}

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
			&cli.StringFlag{Name: "md-layout", Value: "interleaved", Usage: "Markdown `LAYOUT` of re-rendered articles: interleaved or table"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return badUsage("review: want one OUT folder (try: diglot review out/)")
			}
			o := &reviewOptions{listen: c.String("listen"), tmPath: a.tmLocation(c), glossaries: c.StringSlice("glossary"),
				editor: c.String("editor"), mdLayout: c.String("md-layout"), out: c.Args().First()}
			if c.Bool("no-tm") {
				o.tmPath = ""
			}
			if o.editor == "" {
				o.editor = a.getenv("USER")
			}
			if _, err := output.ParseMarkdownLayout(o.mdLayout); err != nil {
				return badUsage("--md-layout: %w", err)
			}
			ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
			defer stop()
			return a.runReview(ctx, o)
		},
	}
}

// runReview serves OUT until ctx ends.
func (a *app) runReview(ctx context.Context, o *reviewOptions) error {
	render := func(ctx context.Context, jsonPath string, d *bitext.Document) error {
		return edition.Rerender(jsonPath, d, output.Options{Generator: "diglot " + version, Markdown: output.MarkdownLayout(o.mdLayout)})
	}
	return review.Run(ctx, review.Options{Listen: o.listen, Out: o.out, Editor: o.editor, Render: render,
		Memory: o.tmPath, Glossaries: o.glossaries, Log: a.stderr, Ready: o.ready})
}
