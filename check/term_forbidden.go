package check

import (
	"strings"

	"github.com/diglot/diglot/glossary"
)

var termForbidden = Rule{
	ID: TermForbidden,
	Doc: "The target uses a forbidden or deprecated translation of a glossary term\n\n" +
		"A form that the glossary lists as forbidden for an entry occurs in the target, " +
		"outside an allowed target form (\"Karabakh\" within \"Nagorno-Karabakh\" is allowed).",
	Help:  "Replace the forbidden form by the entry's target term.",
	Check: checkTermForbidden,
}

func checkTermForbidden(p *Pass) {
	for _, f := range p.forbiddenTerms() {
		p.Reportf("%q is a forbidden translation of %q (use %q)", f.Form, f.Entry.Sources[0], f.Entry.Target)
	}
}

// forbiddenTerms returns the forbidden forms in the target that do not lie
// within an allowed target form, computed once per segment.
func (p *Pass) forbiddenTerms() []glossary.Match {
	if p.forbidden != nil {
		return *p.forbidden
	}
	var out []glossary.Match
	if p.termsApply {
		var matched []*glossary.Entry
		seen := map[*glossary.Entry]bool{}
		for _, m := range p.Terms {
			if !seen[m.Entry] {
				seen[m.Entry] = true
				matched = append(matched, m.Entry)
			}
		}
		target := p.maskedTarget()
		for _, f := range p.matcher.FindForbiddenAll(target) {
			if !withinAllowed(p.matcher, target, f, matched) {
				out = append(out, f)
			}
		}
	}
	p.forbidden = &out
	return out
}

// withinAllowed reports whether the forbidden form f lies within an allowed
// target form of its own entry or of an entry matched in the source
// ("Karabakh" within "Nagorno-Karabakh"), or is one itself: blanking it out
// then loses an occurrence of that target.
func withinAllowed(m *glossary.Matcher, target string, f glossary.Match, matched []*glossary.Entry) bool {
	blank := target[:f.Start] + strings.Repeat(" ", f.End-f.Start) + target[f.End:]
	check := func(e *glossary.Entry) bool {
		n := m.CountTarget(target, e)
		return n > 0 && m.CountTarget(blank, e) < n
	}
	if check(f.Entry) {
		return true
	}
	for _, e := range matched {
		if e != f.Entry && check(e) {
			return true
		}
	}
	return false
}
