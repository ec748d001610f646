package main

import (
	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/edition"
)

func (a *app) indexCommand() *cli.Command {
	return &cli.Command{
		Name:        "index",
		Usage:       "rebuild an output folder's index page and run report from everything in it",
		ArgsUsage:   "OUT",
		Description: help("index"),
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
	r.WriteIndexSummary(a.stderr, out)
	return nil
}
