package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/cliutil"
	"github.com/diglot/diglot/output"
)

func (a *app) diffCommand() *cli.Command {
	return &cli.Command{
		Name:        "diff",
		Usage:       "compare two editions of an article word by word, with post-edit statistics",
		ArgsUsage:   "OLD NEW",
		Description: help("diff"),
		Flags: []cli.Flag{
			cliutil.Choice(&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: " + strings.Join(output.DiffFormats, ", ")}, output.DiffFormats),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return badUsage("diff: want OLD and NEW, got %d arguments", c.NArg())
			}
			return a.runDiff(c.String("format"), c.Args().Get(0), c.Args().Get(1))
		},
	}
}

// runDiff compares the editions in files oldPath and newPath and writes the
// comparison to stdout in format.
func (a *app) runDiff(format, oldPath, newPath string) error {
	if !slices.Contains(output.DiffFormats, format) {
		return badUsage("diff: unknown format %q (want %s)", format, strings.Join(output.DiffFormats, ", "))
	}
	old, err := readEdition(oldPath)
	if err != nil {
		return badInput(err)
	}
	cur, err := readEdition(newPath)
	if err != nil {
		return badInput(err)
	}
	cmp, err := output.Compare(old, cur)
	if err != nil {
		return fmt.Errorf("diff %s %s: %w", oldPath, newPath, err)
	}
	if err := cmp.Write(a.stdout, format, output.DiffOptions{Color: a.colorOut(), Generator: "diglot " + version}); err != nil {
		return err
	}
	if format != "text" {
		// The text format ends with the statistics; elsewhere they are in the
		// data, and said once more on stderr for whoever runs the command.
		fmt.Fprintf(a.stderr, "diglot: %s\n", cmp.Stats.Summary())
	}
	return nil
}

// colorOut reports whether stdout is a terminal that may show colour.
func (a *app) colorOut() bool {
	if a.getenv("NO_COLOR") != "" {
		return false
	}
	return isTerminal(a.stdout)
}

// readEdition reads an edition of an article from any bilingual file
// bitext.Open reads (bitext JSON, XLIFF, TMX).
func readEdition(path string) (*bitext.Document, error) {
	f, err := bitext.Open(path, bitext.Options{})
	if err != nil {
		return nil, err
	}
	return f.Document(), nil
}
