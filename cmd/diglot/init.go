package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/internal/settings"
)

func (a *app) initCommand() *cli.Command {
	return &cli.Command{
		Name:        "init",
		Usage:       "write a commented starter diglot.yaml (never over an existing file)",
		ArgsUsage:   "[FILE]",
		Description: help("init"),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return badUsage("init: want at most one FILE")
			}
			path := settings.FileName
			if c.NArg() == 1 {
				path = c.Args().First()
			}
			if path == "-" {
				_, err := fmt.Fprint(a.stdout, settings.Starter)
				return err
			}
			// Never over a file that is there, never half a file.
			if err := settings.WriteStarter(path); errors.Is(err, fs.ErrExist) {
				return badUsage("init: %s already exists; left as it is (diglot config shows what it sets)", path)
			} else if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "diglot: wrote %s; edit it, then check it with diglot config\n", path)
			return nil
		},
	}
}
