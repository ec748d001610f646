package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/internal/cliutil"
)

func TestReorderArgs(t *testing.T) {
	cmds := newApp(nil, nil, nil, func(string) string { return "" }).commands()
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"flags first stay", "diglot translate --glossary g.tsv a/", "diglot translate --glossary g.tsv a/"},
		{"value flag after path", "diglot translate a/ --glossary g.tsv", "diglot translate --glossary g.tsv a/"},
		{"short alias after path", "diglot check out/ -g names.tsv", "diglot check -g names.tsv out/"},
		{"bool flag takes no value", "diglot translate a/ --dry-run b/", "diglot translate --dry-run a/ b/"},
		{"flag=value", "diglot translate a/ --out=site b/", "diglot translate --out=site a/ b/"},
		{"order of flags kept", "diglot translate a/ -g one.tsv b/ -g two.tsv", "diglot translate -g one.tsv -g two.tsv a/ b/"},
		{"double dash ends flags", "diglot translate a/ -- --odd-name.txt", "diglot translate -- a/ --odd-name.txt"},
		{"double dash keeps flags before it", "diglot translate a/ --jobs 2 -- -x", "diglot translate --jobs 2 -- a/ -x"},
		{"dash alone is an argument", "diglot check - -f json", "diglot check -f json -"},
		{"subcommand", "diglot tm import x.xlf --tm m.db", "diglot tm import --tm m.db x.xlf"},
		{"subcommand with alias", "diglot glossary show g.tsv -a a.txt", "diglot glossary show -a a.txt g.tsv"},
		{"value flag at the end", "diglot translate a/ --out", "diglot translate --out a/"},
		{"unknown flag kept in place of flags", "diglot translate a/ --glosary g.tsv", "diglot translate --glosary a/ g.tsv"},
		{"app flags", "diglot --version", "diglot --version"},
		{"unknown command untouched", "diglot tranlsate a/ --out x", "diglot tranlsate a/ --out x"},
		{"parent of subcommands untouched", "diglot tm --tm x", "diglot tm --tm x"},
		{"help", "diglot help translate", "diglot help translate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cliutil.ReorderArgs(cmds, strings.Fields(tt.in))
			if want := strings.Fields(tt.want); !slices.Equal(got, want) {
				t.Errorf("cliutil.ReorderArgs(%q)\n got %q\nwant %q", tt.in, got, want)
			}
		})
	}
}

// FuzzReorderArgs checks that reordering loses and invents nothing: the
// same words come out, the command first, and a second pass changes
// nothing.
func FuzzReorderArgs(f *testing.F) {
	cmds := newApp(nil, nil, nil, func(string) string { return "" }).commands()
	f.Add("translate a/ --glossary g.tsv -- -x")
	f.Add("check out/ -g names.tsv -f json")
	f.Add("tm import x --tm y")
	f.Fuzz(func(t *testing.T, line string) {
		args := append([]string{"diglot"}, strings.Fields(line)...)
		got := cliutil.ReorderArgs(cmds, slices.Clone(args))
		a, b := slices.Clone(args), slices.Clone(got)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) && !(strings.Contains(line, "--") && len(b) == len(a)+1) {
			t.Fatalf("cliutil.ReorderArgs(%q) = %q: not the same words", args, got)
		}
		if len(got) > 1 && got[1] != args[1] {
			t.Fatalf("cliutil.ReorderArgs(%q) = %q: the command moved", args, got)
		}
		if again := cliutil.ReorderArgs(cmds, slices.Clone(got)); !slices.Equal(again, got) && !slices.Contains(args, "--") {
			t.Fatalf("ReorderArgs is not idempotent on %q: %q then %q", args, got, again)
		}
	})
}
