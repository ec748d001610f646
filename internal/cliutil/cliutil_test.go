package cliutil

import (
	"bytes"
	"errors"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// toy is a small command tree with the kinds of flags ReorderArgs must
// tell apart.
func toy() []*cli.Command {
	return []*cli.Command{
		{Name: "run", Usage: "run 'it'", Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output `DIR`"},
			&cli.BoolFlag{Name: "dry-run", Usage: "send nothing"},
			&cli.StringFlag{Name: "mode", Usage: "the `MODE`"},
		}},
		{Name: "db", Subcommands: []*cli.Command{
			{Name: "load", Flags: []cli.Flag{&cli.StringFlag{Name: "db"}}},
		}},
	}
}

func TestReorderArgsToy(t *testing.T) {
	tests := []struct{ in, want string }{
		{"p run a/ -o x b/", "p run -o x a/ b/"},
		{"p run a/ --dry-run b/", "p run --dry-run a/ b/"},
		{"p run a/ -- -o", "p run -- a/ -o"},
		{"p db load f --db d", "p db load --db d f"},
		{"p nope a/ -o x", "p nope a/ -o x"},
	}
	for _, tt := range tests {
		if got := ReorderArgs(toy(), strings.Fields(tt.in)); !slices.Equal(got, strings.Fields(tt.want)) {
			t.Errorf("ReorderArgs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	err := CheckNames("mode", "mode", "fast,slwo", []string{"fast", "slow"})
	var ue *UsageError
	if !errors.As(err, &ue) || err.Error() != `--mode: unknown mode "slwo" (did you mean "slow"?)` {
		t.Errorf("CheckNames = %v", err)
	}
	if err := UnknownCommand("p", "rnu", toy()); err.Error() != `unknown command "rnu" (did you mean "run"?)` {
		t.Errorf("UnknownCommand = %v", err)
	}
	if err := UnknownCommand("p db", "zzzz", toy()[1].Subcommands); err.Error() != `unknown command "zzzz" (see p db help)` {
		t.Errorf("UnknownCommand = %v", err)
	}
}

// TestCompletionScriptsParse checks that every script is valid for its
// shell (each test skips without the shell) and completes the flag values
// it is given.
func TestCompletionScriptsParse(t *testing.T) {
	choices := func(path, flag string) []string {
		if path == "run" && flag == "mode" {
			return []string{"fast", "slow"}
		}
		return nil
	}
	for _, shell := range Shells {
		t.Run(shell, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteCompletion(&b, "p", toy(), shell, choices); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), "fast slow") {
				t.Errorf("%s script lacks the choices of --mode:\n%s", shell, b.String())
			}
			if _, err := exec.LookPath(shell); err != nil {
				t.Skipf("%s not installed", shell)
			}
			cmd := exec.Command(shell, "-n")
			cmd.Stdin = &b
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s", shell, err, out)
			}
		})
	}
	if err := WriteCompletion(new(bytes.Buffer), "p", toy(), "pwsh", nil); err == nil {
		t.Error("WriteCompletion(pwsh) succeeded")
	}
}
