package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

func init() {
	if version == "" {
		version = buildVersion(debug.ReadBuildInfo())
	}
}

// buildVersion is diglot's version when the build did not set one: the
// module version of a `go install …@v1.2.0` (or its pseudo-version), else
// the commit the binary was built from, else "dev".
func buildVersion(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return "dev"
	}
	return "dev-" + rev + dirty
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
