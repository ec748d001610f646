package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	ver "github.com/diglot/diglot/internal/version"
)

func init() {
	if version == "" {
		version = ver.Display(debug.ReadBuildInfo())
	}
}

func (a *app) versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print diglot's version and the Go version it was built with",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return badUsage("version: unexpected argument %q", c.Args().First())
			}
			fmt.Fprintf(a.stdout, "diglot %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
