package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/output"
)

// diffFormats are the --format values of diglot diff.
var diffFormats = []string{"text", "html", "json"}

func (a *app) diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare two editions of an article word by word, with post-edit statistics",
		ArgsUsage: "OLD NEW",
		Description: `OLD and NEW are editions of the same article: bitext JSON (*.fr-en.json) or
XLIFF (1.2 or 2.x, e.g. the file an editor sent back from a CAT tool).
Segments are paired by id, or by source text where the ids differ.

For every changed segment, prints its id and the old and new target with a
word diff: [-deleted-] and {+inserted+}, or red and green on a terminal
(unless NO_COLOR is set). Then the post-edit statistics: segments changed,
word edits, and the word edit rate as HTER counts it, with OLD as the machine
translation and NEW as its post-edit: (insertions + deletions + substitutions
of whitespace-separated words) / words of NEW. Shifts are not searched for,
so a moved word counts twice: the rate is an upper bound of TER's.

Examples:
   diglot diff out/a.fr-en.json edited/a.fr-en.xlf
   diglot diff --format html old.json new.json > changes.html
   diglot diff --format json old.json new.json | jq .stats.hter

Exit status: 0 compared (with or without changes); 2 usage or input error,
including two files of different articles or language pairs.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: " + strings.Join(diffFormats, ", ")},
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
	switch format {
	case "text", "html", "json":
	default:
		return badUsage("diff: unknown format %q (want %s)", format, strings.Join(diffFormats, ", "))
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
	w := bufio.NewWriter(a.stdout)
	switch format {
	case "text":
		err = cmp.WriteText(w, a.colorOut())
	case "html":
		err = cmp.WriteHTML(w, "diglot "+version)
	case "json":
		err = cmp.WriteJSON(w)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
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
