package main

import "github.com/urfave/cli/v2"

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
		a.indexCommand(),
	}
	markUsageErrors(cmds)
	return cmds
}

// markUsageErrors makes the flag errors of every command and subcommand
// usage errors.
func markUsageErrors(cmds []*cli.Command) {
	for _, c := range cmds {
		c.OnUsageError = onUsageError
		markUsageErrors(c.Subcommands)
	}
}

func onUsageError(_ *cli.Context, err error, _ bool) error { return &usageError{err} }
