package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/edition"
)

func (a *app) indexCommand() *cli.Command {
	return &cli.Command{
		Name:      "index",
		Usage:     "write OUT/index.html listing every article in an output folder",
		ArgsUsage: "OUT",
		Description: "Lists every article whose bitext JSON (NAME.FROM-TO.json) is in OUT, by headline,\n" +
			"with its counts and changes since the previous edition; diglot translate does the\n" +
			"same after each run.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Value: "fr", Usage: "source language `CODE` of the records"},
			&cli.StringFlag{Name: "to", Value: "en", Usage: "target language `CODE` of the records"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return badUsage("index: want one OUT folder (try: diglot index out/)")
			}
			out, from, to := c.Args().First(), c.String("from"), c.String("to")
			if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
				return badUsage("index: %s is not a folder", out)
			}
			path, n, err := edition.WriteIndex(out, from, to)
			if err != nil {
				return fmt.Errorf("index: %w", err)
			}
			fmt.Fprintf(a.stderr, "diglot: %s lists %d %s\n", path, n, plural(n, "article", "articles"))
			return nil
		},
	}
}
