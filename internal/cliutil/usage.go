package cliutil

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/internal/suggest"
)

// UsageError is a command line that cannot be run as it is: a flag or an
// argument missing or wrong, an unknown name.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef makes a usage error, formatted as fmt.Errorf does.
func Usagef(format string, args ...any) error {
	return &UsageError{fmt.Errorf(format, args...)}
}

// UnknownName is the error for a name that is not one of valid: what kind
// of name, the name, and the nearest valid one.
func UnknownName(kind, name string, valid []string) error {
	return Usagef("unknown %s %q%s", kind, name, suggest.DidYouMean(name, valid, suggest.Quoted))
}

// CheckNames checks that every comma-separated name in list is one of
// valid, for the flag named: an unknown one is a usage error with the
// nearest valid name.
func CheckNames(flag, kind, list string, valid []string) error {
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" || slices.Contains(valid, strings.ToLower(name)) {
			continue
		}
		return Usagef("--%s: unknown %s %q%s", flag, kind, name, suggest.DidYouMean(name, valid, suggest.Quoted))
	}
	return nil
}

// flagNotDefined matches the flag package's error for an unknown flag.
var flagNotDefined = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)

// OnUsageError is a cli.OnUsageErrorFunc: it turns urfave/cli's flag
// errors into one-line usage errors, with the nearest flag the command has
// for an unknown one.
func OnUsageError(c *cli.Context, err error, _ bool) error {
	m := flagNotDefined.FindStringSubmatch(err.Error())
	if m == nil {
		return &UsageError{err}
	}
	var flags []cli.Flag
	prog := "diglot"
	if c != nil && c.App != nil {
		flags = c.App.Flags
		if c.App.Name != "" {
			prog = c.App.Name
		}
	}
	where := prog
	if c != nil && c.Command != nil && c.Command.Name != "" {
		flags = c.Command.Flags
		where = strings.TrimSpace(prog + " " + c.Command.FullName())
	}
	var names []string
	for _, f := range flags {
		for _, n := range f.Names() {
			if len(n) > 1 {
				names = append(names, n)
			}
		}
	}
	flag := "-" + m[1]
	if len(m[1]) > 1 {
		flag = "--" + m[1]
	}
	hint := fmt.Sprintf(" (see %s --help)", where)
	if best, ok := suggest.Nearest(m[1], names); ok {
		hint = fmt.Sprintf(" (did you mean --%s?)", best)
	}
	return Usagef("unknown flag %s%s", flag, hint)
}

// CommandNames lists the names of cmds, aliases and hidden ones left out.
func CommandNames(cmds []*cli.Command) []string {
	var names []string
	for _, c := range cmds {
		if !c.Hidden {
			names = append(names, c.Name)
		}
	}
	return names
}

// UnknownCommand is the error for a command name that is not one of cmds,
// the commands of parent (the program's name, or it and a command: "diglot
// tm").
func UnknownCommand(parent, name string, cmds []*cli.Command) error {
	if best, ok := suggest.Nearest(name, CommandNames(cmds)); ok {
		return Usagef("unknown command %q (did you mean %q?)", name, best)
	}
	return Usagef("unknown command %q (see %s help)", name, parent)
}

// MarkUsageErrors makes the flag errors of every command and subcommand of
// prog usage errors ([OnUsageError]), and an unknown subcommand one line
// with the nearest name ([UnknownCommand]).
func MarkUsageErrors(prog string, cmds []*cli.Command) {
	for _, c := range cmds {
		c.OnUsageError = OnUsageError
		if len(c.Subcommands) > 0 && c.Action == nil {
			parent := prog + " " + c.Name
			c.Action = func(ctx *cli.Context) error {
				if ctx.Args().Present() {
					return UnknownCommand(parent, ctx.Args().First(), c.Subcommands)
				}
				return cli.ShowSubcommandHelp(ctx)
			}
		}
		MarkUsageErrors(prog+" "+c.Name, c.Subcommands)
	}
}
