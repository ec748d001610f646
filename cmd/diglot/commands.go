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
		a.reviewCommand(),
		a.indexCommand(),
		a.initCommand(),
		a.configCommand(),
		a.completionCommand(),
		a.manCommand(),
		a.versionCommand(),
	}
	markUsageErrors(cmds)
	return cmds
}

// markUsageErrors makes the flag errors of every command and subcommand
// usage errors, and an unknown subcommand one line with the nearest name.
func markUsageErrors(cmds []*cli.Command) {
	for _, c := range cmds {
		c.OnUsageError = onUsageError
		if len(c.Subcommands) > 0 && c.Action == nil {
			c.Action = func(ctx *cli.Context) error {
				if ctx.Args().Present() {
					return unknownCommand(c.Name, ctx.Args().First(), c.Subcommands)
				}
				return cli.ShowSubcommandHelp(ctx)
			}
		}
		markUsageErrors(c.Subcommands)
	}
}
