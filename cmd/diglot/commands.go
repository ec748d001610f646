package main

import "github.com/urfave/cli/v2"

// commands lists diglot's commands. Each lives in its own file as a method of
// app that builds the *cli.Command; add one line here per command.
func (a *app) commands() []*cli.Command {
	return []*cli.Command{
		a.translateCommand(),
		a.backendsCommand(),
		a.diffCommand(),
		a.checkCommand(),
		a.glossaryCommand(),
		a.tmCommand(),
		a.reviewCommand(),
		a.indexCommand(),
	}
}
