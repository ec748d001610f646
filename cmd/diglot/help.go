package main

import (
	"embed"
	"strings"

	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/tm"
)

// The long help of each command is a text file in help/, named after the
// command (tm-import.txt for diglot tm import): prose reads better there
// than in Go strings, and the man page is generated from the same text.
//
//go:embed help/*.txt
var helpFiles embed.FS

// help is the long help of the command name, with {{rules}} (the QA rules,
// from check's list) and {{tm}} (the memory's default path) filled in.
func help(name string) string {
	text, err := helpFiles.ReadFile("help/" + name + ".txt")
	if err != nil {
		panic("diglot: no help/" + name + ".txt") // a build error, caught by every test
	}
	return strings.NewReplacer("{{rules}}", check.RulesHelp(), "{{tm}}", tm.DefaultPath).Replace(string(text))
}
