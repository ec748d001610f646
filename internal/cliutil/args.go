package cliutil

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// ReorderArgs moves the flags of a command line in front of its
// arguments, so that `diglot translate articles/ --glossary names.tsv`
// means what it says: urfave/cli, like Go's flag package, stops reading
// flags at the first argument. It finds the command (and subcommand) the
// line names, then keeps each flag with its value (it knows which flags
// take one), in order, before the arguments. `--` ends the flags: what
// follows it stays an argument, behind a `--` of its own.
//
// Lines it does not understand (no command, an unknown one) are returned
// as they are, for urfave/cli to report.
func ReorderArgs(cmds []*cli.Command, args []string) []string {
	if len(args) < 2 {
		return args
	}
	i := 1
	// The app's own flags (--help, --version) come before the command.
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "--" {
		i++
	}
	var cmd *cli.Command
	for i < len(args) {
		next := FindCommand(cmds, args[i])
		if next == nil {
			break
		}
		cmd, cmds = next, next.Subcommands
		i++
		if len(next.Subcommands) == 0 {
			break
		}
	}
	if cmd == nil || len(cmd.Subcommands) > 0 {
		return args
	}
	takesValue := valueFlags(cmd.Flags)
	var flags, positional, rest []string
	for j := i; j < len(args); j++ {
		arg := args[j]
		switch {
		case arg == "--":
			rest = append([]string{"--"}, args[j+1:]...)
			j = len(args)
		case len(arg) > 1 && strings.HasPrefix(arg, "-"):
			flags = append(flags, arg)
			name := strings.TrimLeft(arg, "-")
			if !strings.Contains(name, "=") && takesValue[name] && j+1 < len(args) {
				j++
				flags = append(flags, args[j])
			}
		default:
			positional = append(positional, arg)
		}
	}
	out := slices.Clone(args[:i])
	out = append(out, flags...)
	if len(rest) > 0 {
		// After a --, an argument may begin with a dash: all of them go
		// behind the terminator.
		out = append(out, "--")
		out = append(out, positional...)
		return append(out, rest[1:]...)
	}
	return append(out, positional...)
}

// FindCommand returns the command of cmds called name (or one of its
// aliases), or nil.
func FindCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// valueFlags is the set of the names (and aliases) of the flags that take
// a value: every kind but the booleans.
func valueFlags(flags []cli.Flag) map[string]bool {
	m := map[string]bool{}
	for _, f := range flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			m[n] = !isBool
		}
	}
	return m
}
