package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/internal/cliutil"
	"github.com/diglot/diglot/internal/progress"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/translate/all"
)

func (a *app) completionCommand() *cli.Command {
	return &cli.Command{
		Name:        "completion",
		Usage:       "print a shell completion script: bash, zsh or fish",
		ArgsUsage:   "SHELL",
		Description: help("completion"),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return badUsage("completion: want one SHELL: %s", strings.Join(cliutil.Shells, ", "))
			}
			shell := strings.ToLower(c.Args().First())
			return cliutil.WriteCompletion(a.stdout, c.App.Name, c.App.Commands, shell, valueChoices)
		},
	}
}

// valueChoices are the values a flag of a command takes, when they are a
// fixed list the script can offer.
func valueChoices(path, flag string) []string {
	switch path + " --" + flag {
	case "translate --backend":
		return all.Backends().Names()
	case "translate --format":
		return output.FormatNames()
	case "translate --progress":
		return progress.ModeNames()
	case "translate --md-layout", "review --md-layout":
		return []string{"interleaved", "table"}
	case "check --format":
		return check.Formats()
	case "check --fail-on":
		return []string{"error", "warning"}
	case "check --rules":
		return check.RuleIDs()
	case "backends --format":
		return []string{"text", "json"}
	case "diff --format":
		return output.DiffFormats
	}
	return nil
}
