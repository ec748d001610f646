package cliutil

import (
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/urfave/cli/v2"
)

// CompletionCommand is a `completion SHELL` command that writes to w the
// completion script ([WriteCompletion]) of the app it runs in, with the
// flag values choices gives; description is its long help.
func CompletionCommand(w io.Writer, description string, choices func(path, flag string) []string) *cli.Command {
	return &cli.Command{
		Name:        "completion",
		Usage:       "print a shell completion script: " + strings.Join(Shells[:len(Shells)-1], ", ") + " or " + Shells[len(Shells)-1],
		ArgsUsage:   "SHELL",
		Description: description,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return Usagef("completion: want one SHELL: %s", strings.Join(Shells, ", "))
			}
			return WriteCompletion(w, c.App.Name, c.App.Commands, strings.ToLower(c.Args().First()), choices)
		},
	}
}

// ManCommand is a `man` command that writes to w the manual page (roff,
// section 1) of the app it runs in, generated from the same help as
// --help.
func ManCommand(w io.Writer, usage, description string) *cli.Command {
	return &cli.Command{
		Name:        "man",
		Usage:       usage,
		Description: description,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return Usagef("man: unexpected argument %q", c.Args().First())
			}
			page, err := c.App.ToManWithSection(1)
			if err != nil {
				return fmt.Errorf("man: %w", err)
			}
			_, err = fmt.Fprint(w, page)
			return err
		},
	}
}

// VersionCommand is a `version` command that writes to w "NAME VERSION
// (GO VERSION, OS/ARCH)", NAME being the app's.
func VersionCommand(w io.Writer, usage, version string) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: usage,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return Usagef("version: unexpected argument %q", c.Args().First())
			}
			_, err := fmt.Fprintf(w, "%s %s (%s, %s/%s)\n", c.App.Name, version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
