package check

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/internal/testkit"
)

// Markers around the rule table of docs/check.md.
const (
	docsTableStart = "<!-- generated from check's rule list: go test ./check -run TestDocs -update -->\n"
	docsTableEnd   = "<!-- end of generated rule table -->\n"
)

// ruleTable is the Markdown table of the rules: id (linking to its
// section), default severity, and the first line of its Doc.
func ruleTable() string {
	var b strings.Builder
	b.WriteString("| rule | default | finds |\n|---|---|---|\n")
	for _, r := range Rules() {
		short := r.Short()
		first, size := utf8.DecodeRuneInString(short)
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", r.ID, r.ID, r.Severity, string(unicode.ToLower(first))+short[size:])
	}
	return b.String()
}

// TestDocs checks that the rule table of docs/check.md is the rule list's;
// go test -run TestDocs -update rewrites it.
func TestDocs(t *testing.T) {
	path := filepath.Join("..", "docs", "check.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	before, rest, ok := strings.Cut(doc, docsTableStart)
	_, after, ok2 := strings.Cut(rest, docsTableEnd)
	if !ok || !ok2 {
		t.Fatalf("%s: no rule table between %q and %q", path, docsTableStart, docsTableEnd)
	}
	testkit.Golden(t, path, []byte(before+docsTableStart+ruleTable()+docsTableEnd+after))
}

// TestRulesList checks the rule list against internal/rule: every id once,
// in order, each with a summary line, a description, help and, but for
// target-inconsistent, a Check.
func TestRulesList(t *testing.T) {
	want := []string{TermMissing, TermForbidden, SourceVariant, Untranslated, NumberMismatch, TargetInconsistent, MarkupMismatch}
	rs := Rules()
	if len(rs) != len(want) {
		t.Fatalf("%d rules, want %d", len(rs), len(want))
	}
	for i, r := range rs {
		if r.ID != want[i] {
			t.Errorf("rule %d is %q, want %q", i, r.ID, want[i])
		}
		if r.Severity != Warning && r.Severity != Error {
			t.Errorf("%s: severity %v", r.ID, r.Severity)
		}
		if r.Short() == "" || strings.Contains(r.Short(), "\n") || r.Full() == "" || r.Help == "" {
			t.Errorf("%s: Doc %q, Help %q: want a summary line, a blank line, a description, and help", r.ID, r.Doc, r.Help)
		}
		if (r.Check == nil) != (r.ID == TargetInconsistent) {
			t.Errorf("%s: Check is nil: %v", r.ID, r.Check == nil)
		}
	}
	if got := Rules()[ruleIndex(SourceVariant)].Source; !got {
		t.Error("source-variant does not read the source alone")
	}
}
