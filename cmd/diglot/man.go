package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func (a *app) manCommand() *cli.Command {
	return &cli.Command{
		Name:        "man",
		Usage:       "print diglot's manual page (roff), generated from the same help as --help",
		Description: help("man"),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return badUsage("man: unexpected argument %q", c.Args().First())
			}
			page, err := c.App.ToManWithSection(1)
			if err != nil {
				return fmt.Errorf("man: %w", err)
			}
			_, err = fmt.Fprint(a.stdout, page)
			return err
		},
	}
}
