package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"
)

// starterConfig is what `diglot init` writes: the defaults, set, and every
// other key, commented out, with what it does.
const starterConfig = `# diglot.yaml: defaults for diglot translate and diglot check. Flags win.
# diglot reads the first diglot.yaml it finds in the working directory or a
# parent folder, up to the top of the git working tree; --config FILE names
# another. Run "diglot config" to see the values in effect and their origin.

from: fr            # source language (--from)
to: en              # target language (--to)
backend: apertium   # translation backend (--backend; see diglot backends)

# Terminology files (.tsv, .csv, .tbx, .yaml); later ones win (--glossary).
# glossary: [glossary/names.tsv]

# More junk-line rules (regular expressions), after the default set.
# junk:
#   - name: newsletter
#     pattern: '^Inscrivez-vous à notre newsletter.*$'

# Backend options by backend name (see diglot backends). Never credentials:
# those are read from the environment only (DEEPL_AUTH_KEY and the like).
# backends:
#   deepl: {formality: more}
#   openai: {model: gpt-4o-mini}

# The rules of diglot check: some disabled, severities changed.
# check:
#   disable: [target-inconsistent]
#   severity: {source-variant: error}

# Prices per million characters, for the estimate of translate --dry-run.
# prices:
#   openai: {per_million_chars: 4.5, currency: USD}
`

func (a *app) initCommand() *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a commented starter diglot.yaml (never over an existing file)",
		ArgsUsage: "[FILE]",
		Description: `Writes FILE (default diglot.yaml, here) with the default settings and every
other key commented out, with what it does. "-" prints it instead. An
existing file is left as it is.`,
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return badUsage("init: want at most one FILE")
			}
			path := defaultConfigFile
			if c.NArg() == 1 {
				path = c.Args().First()
			}
			if path == "-" {
				_, err := fmt.Fprint(a.stdout, starterConfig)
				return err
			}
			return a.writeStarter(path)
		},
	}
}

// writeStarter creates path with the starter configuration, refusing to
// replace a file that is there.
func (a *app) writeStarter(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return badUsage("init: %s already exists; left as it is (diglot config shows what it sets)", path)
	}
	if err != nil {
		return badInput(err)
	}
	if _, err := f.WriteString(starterConfig); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	fmt.Fprintf(a.stderr, "diglot: wrote %s; edit it, then check it with diglot config\n", path)
	return nil
}

// fileExists reports whether path names something that is there.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// absPath is path made absolute, for messages that must say where a file
// is whatever the working directory; path itself if that fails.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}
