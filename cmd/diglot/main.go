// Command diglot translates folders of articles into bilingual editions, checks
// translations against a terminology glossary, and shows editors what changed.
//
// Run `diglot help` for the commands. The library packages do the work; this
// command parses flags, reads configuration, wires the packages together and
// turns errors into exit codes in one place ([exitCode]).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/cliutil"
	"github.com/diglot/diglot/internal/jsonerr"
	"github.com/diglot/diglot/internal/settings"
	"github.com/diglot/diglot/internal/termsafe"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/review"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate"
)

// version is set at build time with -ldflags "-X main.version=..." (make
// build does); otherwise version.Display reads the build information.
var version = ""

func main() {
	a := newApp(os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	os.Exit(a.run(os.Args))
}

// app holds what every command needs: the I/O streams and the environment.
// Tests build one with buffers and call run directly.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

func newApp(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *app {
	return &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
}

// run runs the command line args and returns the process exit code.
func (a *app) run(args []string) int {
	c := a.cliApp()
	err := c.Run(cliutil.ReorderArgs(c.Commands, args))
	code := exitCode(err)
	var done *reported
	if err != nil && code != 0 && !errors.As(err, &done) {
		// Errors may hold what a server echoed: never a credential, never
		// a control sequence.
		fmt.Fprintf(a.stderr, "diglot: %s\n", termsafe.String(translate.Redact(jsonerr.Plain(err))))
	}
	return code
}

// cliApp builds the urfave/cli application: every command, and the help
// that the man page and the completion scripts are generated from.
func (a *app) cliApp() *cli.App {
	cmds := a.commands()
	return &cli.App{
		Name:        "diglot",
		Usage:       "translate articles into side-by-side bilingual editions, with terminology enforced",
		Description: help("diglot"),
		Version:     version,
		Reader:      a.stdin,
		Writer:      a.stdout,
		ErrWriter:   a.stderr,
		// Errors are printed once, by run, with the diglot: prefix.
		ExitErrHandler: func(*cli.Context, error) {},
		Commands:       cmds,
		OnUsageError:   cliutil.OnUsageError,
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return cliutil.UnknownCommand("diglot", c.Args().First(), cmds)
			}
			return cli.ShowAppHelp(c)
		},
	}
}

// Exit codes, as the design fixes them.
const (
	exitOK          = 0
	exitFailure     = 1 // check findings at or above --fail-on, failed articles, anything unclassified
	exitUsage       = 2 // usage or input errors
	exitInterrupted = 130
)

// exitCode maps an error to the process exit code. It is the only place that
// does: commands and libraries return typed or sentinel errors, and anything
// not named here is a failure (1), a full disk included.
func exitCode(err error) int {
	var (
		usage   *usageError
		badIn   *edition.InputError
		badGl   *glossary.FileError
		refused *tm.RefusedError
		badConf *settings.Error
		badSet  *edition.SetupError
		badRev  *review.SetupError
		badChk  *check.UnreadableError
		badTM   *tm.OpenError
		coder   cli.ExitCoder
	)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, edition.ErrInterrupted), errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.As(err, &usage), errors.As(err, &badIn), errors.As(err, &badGl),
		errors.As(err, &refused), errors.As(err, &badConf), errors.As(err, &badSet), errors.As(err, &badRev), errors.As(err, &badChk), errors.As(err, &badTM), errors.Is(err, fs.ErrNotExist), errors.Is(err, output.ErrOtherArticle),
		errors.Is(err, translate.ErrUnsupportedPair), errors.Is(err, translate.ErrAuth),
		errors.Is(err, translate.ErrUnsupportedOption):
		return exitUsage
	case errors.As(err, &coder):
		return coder.ExitCode()
	}
	return exitFailure
}

// usageError is a command line, a configuration or a file the user named
// that diglot cannot use: a flag or argument missing or wrong, an unknown
// name, unreadable input.
type usageError = cliutil.UsageError

// badUsage makes a usage error, formatted as fmt.Errorf does.
func badUsage(format string, args ...any) error { return cliutil.Usagef(format, args...) }

// Helpers shared by the commands, from cliutil.
var (
	unknownName = cliutil.UnknownName
	checkNames  = cliutil.CheckNames
)

// badInput marks the error of a library call that reads only files the user
// named, for the libraries whose input errors are not typed yet (check's
// readers, diff's, the memory's import and open).
func badInput(err error) error {
	if err == nil {
		return nil
	}
	return &usageError{Err: err}
}

// reported is an error the command has already shown the user (findings,
// failed articles or files, each on its own line): run prints nothing more,
// and the exit code is err's.
type reported struct{ err error }

func (e *reported) Error() string { return e.err.Error() }
func (e *reported) Unwrap() error { return e.err }

// errFindings says the command found problems, and reported them.
var errFindings = &reported{errors.New("findings reported")}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
