package glossary

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteLint(t *testing.T) {
	g := &Glossary{Entries: []*Entry{{ID: "a"}, {ID: "b"}}}
	var out, log bytes.Buffer
	if WriteLint(&out, &log, g, nil) || out.Len() != 0 || log.String() != "diglot: 2 entries, no finding\n" {
		t.Errorf("clean: %q %q", out.String(), log.String())
	}
	out.Reset()
	log.Reset()
	f := LintFinding{File: "g.tsv", Line: 2, Rule: "duplicate", Message: "x\x1b[2Jy"}
	if !WriteLint(&out, &log, g, []LintFinding{f}) || log.String() != "diglot: 1 finding in 2 entries\n" || strings.Contains(out.String(), "\x1b") {
		t.Errorf("one finding: %q %q", out.String(), log.String())
	}
}
