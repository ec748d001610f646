package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/edition"
)

func (a *app) indexCommand() *cli.Command {
	return &cli.Command{
		Name:      "index",
		Usage:     "rebuild an output folder's index page and run report from everything in it",
		ArgsUsage: "OUT",
		Description: `Writes OUT/index.html, listing every article record in OUT (NAME.FROM-TO.json,
whichever run or shard wrote it) and the articles that failed without one, and
OUT/run.json, the merge of the latest set of run reports: the shards' reports
run.I-of-N.json of the last N used (or a whole run's run.json). Run it once
every shard of a batch is done (see docs/scale.md); it sends nothing.

Examples:
   diglot index out/

Exit status: 0 done; 2 OUT is not a folder of diglot outputs, or a report in
it is unreadable.`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return badUsage("index: want one OUT folder (try: diglot index out/)")
			}
			return a.runIndex(c.Args().First())
		},
	}
}

// runIndex rebuilds the index of out and says what it found.
func (a *app) runIndex(out string) error {
	r, err := edition.Index(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "diglot: %s/index.html lists %d %s; run.json merges %d %s",
		out, r.Indexed, plural(r.Indexed, "article", "articles"), len(r.Shards), plural(len(r.Shards), "report", "reports"))
	if len(r.Missing) > 0 {
		fmt.Fprintf(a.stderr, " (shards %v left no report yet)", r.Missing)
	}
	fmt.Fprintln(a.stderr)
	return nil
}
