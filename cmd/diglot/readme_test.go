package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/internal/cliutil"
)

// TestREADMESynopsis checks that the README's synopsis of translate and
// check lists every flag the command has, and no flag it lacks: the help
// and the README cannot drift apart.
func TestREADMESynopsis(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	cmds := newApp(nil, nil, nil, func(string) string { return "" }).commands()
	flagRE := regexp.MustCompile(`--[a-z][a-z-]*`)
	for _, name := range []string{"translate", "check"} {
		t.Run(name, func(t *testing.T) {
			start := strings.Index(readme, "diglot "+name+" [")
			if start < 0 {
				t.Fatalf("README has no synopsis of diglot %s", name)
			}
			end := strings.Index(readme[start:], "PATH...")
			if end < 0 {
				t.Fatalf("the synopsis of diglot %s does not end with PATH...", name)
			}
			synopsis := readme[start : start+end]
			var inREADME []string
			for _, f := range flagRE.FindAllString(synopsis, -1) {
				inREADME = append(inREADME, strings.TrimPrefix(f, "--"))
			}
			var inHelp []string
			for _, f := range cliutil.FindCommand(cmds, name).Flags {
				inHelp = append(inHelp, f.Names()[0])
			}
			for _, f := range inHelp {
				if !slices.Contains(inREADME, f) {
					t.Errorf("README's synopsis of diglot %s lacks --%s", name, f)
				}
			}
			for _, f := range inREADME {
				if !slices.Contains(inHelp, f) {
					t.Errorf("README's synopsis of diglot %s lists --%s, which the command does not have", name, f)
				}
			}
		})
	}
}
