// Command diglot translates folders of articles into bilingual editions, checks
// translations against a terminology glossary, and shows editors what changed.
//
// Run `diglot help` for the commands. The library packages do the work; this
// command parses flags, reads configuration, wires the packages together and
// turns errors into exit codes in one place ([exitCode]).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

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
	c := &cli.App{
		Name:      "diglot",
		Usage:     "translate articles into side-by-side bilingual editions, with terminology enforced",
		Version:   version,
		Reader:    a.stdin,
		Writer:    a.stdout,
		ErrWriter: a.stderr,
		// Errors are printed once, by run, with the diglot: prefix.
		ExitErrHandler:  func(*cli.Context, error) {},
		HideHelpCommand: false,
		Commands:        a.commands(),
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError(err)
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usageError(fmt.Errorf("unknown command %q (see diglot help)", c.Args().First()))
			}
			return cli.ShowAppHelp(c)
		},
	}
	err := c.Run(args)
	code := exitCode(err)
	if err != nil && code != 0 && !errors.Is(err, errSilent) {
		fmt.Fprintf(a.stderr, "diglot: %v\n", err)
	}
	return code
}

// Exit codes, as the design fixes them.
const (
	exitOK          = 0
	exitFindings    = 1 // check findings at or above --fail-on, or failed articles
	exitUsage       = 2 // usage or input errors
	exitInterrupted = 130
)

// codeError carries an exit code with an error.
type codeError struct {
	code int
	err  error
}

func (e *codeError) Error() string { return e.err.Error() }
func (e *codeError) Unwrap() error { return e.err }

// errSilent marks an error already reported to the user; only its code matters.
var errSilent = errors.New("already reported")

// usageError marks err as a usage or input error: exit code 2.
func usageError(err error) error {
	if err == nil {
		return nil
	}
	return &codeError{code: exitUsage, err: err}
}

// withCode returns an error that exits with code, printing err unless it is nil.
func withCode(code int, err error) error {
	if err == nil {
		err = errSilent
	}
	return &codeError{code: code, err: err}
}

// exitCode maps an error to the process exit code. It is the only place that does.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ce *codeError
	if errors.As(err, &ce) {
		return ce.code
	}
	var ee cli.ExitCoder
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	// Anything else is a problem with what the user gave us: flags or input.
	return exitUsage
}
