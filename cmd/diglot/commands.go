package main

import (
	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/internal/cliutil"
)

// commands lists diglot's commands. Each lives in its own file as a method of
// app that builds the *cli.Command; add one line here per command.
func (a *app) commands() []*cli.Command {
	cmds := []*cli.Command{
		a.translateCommand(),
		a.backendsCommand(),
		a.diffCommand(),
		a.checkCommand(),
		a.glossaryCommand(),
		a.tmCommand(),
		a.reviewCommand(),
		a.indexCommand(),
		a.initCommand(),
		a.configCommand(),
		cliutil.CompletionCommand(a.stdout, help("completion"), nil),
		cliutil.ManCommand(a.stdout, "print diglot's manual page (roff), generated from the same help as --help", help("man")),
		cliutil.VersionCommand(a.stdout, "print diglot's version and the Go version it was built with", version),
	}
	cliutil.MarkUsageErrors("diglot", cmds)
	return cmds
}
