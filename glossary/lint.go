package glossary

import (
	"cmp"
	"fmt"
	"slices"
)

// Lint rule names.
const (
	RuleDuplicate         = "duplicate"           // a source form defined twice with the same target
	RuleVariantTwoTargets = "variant-two-targets" // a source form mapped to two targets
	RuleForbiddenAllowed  = "forbidden-allowed"   // a forbidden form equal to the target or an allowed form
	RuleEmptyTerm         = "empty-term"          // an empty variant, form or target form
	RuleWhitespace        = "whitespace"          // leading, trailing or double spaces, tabs, line breaks in a term
)

// LintFinding is a problem in a glossary, located at a file and line.
type LintFinding struct {
	File    string
	Line    int
	Rule    string
	Message string
	Entry   *Entry // the entry concerned, when there is one
}

func (f LintFinding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, f.Rule, f.Message)
}

// Lint returns the problems of g, ordered by file and line: what the loaders
// cleaned up (whitespace, empty terms, duplicates), source forms mapped to two
// targets, and forbidden forms that are also allowed.
func Lint(g *Glossary) []LintFinding {
	out := slices.Clone(g.findings)
	for _, c := range g.Conflicts {
		out = append(out, LintFinding{File: c.Kept.File, Line: c.Kept.Line, Rule: RuleVariantTwoTargets, Entry: c.Kept,
			Message: fmt.Sprintf("%q -> %q, but %s:%d maps it to %q (the later one is used)",
				c.Source, c.Kept.Target, c.Dropped.File, c.Dropped.Line, c.Dropped.Target)})
	}
	for _, e := range g.Entries {
		if len(e.Forbidden) == 0 {
			continue
		}
		allowed := make(map[string]bool)
		for _, t := range slices.Concat([]string{e.Target}, e.TargetForms) {
			allowed[foldString(t)] = true
		}
		for _, f := range e.Forbidden {
			if allowed[foldString(f)] {
				out = append(out, LintFinding{File: e.File, Line: e.Line, Rule: RuleForbiddenAllowed, Entry: e,
					Message: fmt.Sprintf("%q is both forbidden and allowed for %q", f, e.ID)})
			}
		}
	}
	order := make(map[string]int)
	for i, f := range g.Files {
		order[f.Path] = i
	}
	slices.SortStableFunc(out, func(a, b LintFinding) int {
		return cmp.Or(cmp.Compare(order[a.File], order[b.File]), cmp.Compare(a.Line, b.Line))
	})
	return out
}
