package check

import (
	"strings"

	"github.com/diglot/diglot/glossary"
)

var termMissing = Rule{
	ID: TermMissing,
	Doc: "A glossary term in the source is not translated as the glossary requires\n\n" +
		"A source form of a glossary entry (canonical, variant or inflected form) occurs in the source " +
		"segment and none of the target forms the glossary allows (the target, its listed forms, " +
		"English plurals and possessives, any case unless the entry is case sensitive) occurs in the target. " +
		"One occurrence in the target honours the entry however often the source names it.",
	Help: "Use the glossary's target term in the translation. If the glossary is wrong, fix the glossary; " +
		"to accept this segment as it is, add a note containing \"diglot-ignore: term-missing\".",
	Check: checkTermMissing,
}

// checkTermMissing reports each entry matched in the source whose allowed
// target forms are all absent from the target, once. An entry whose
// forbidden form term-forbidden reports is not reported again.
func checkTermMissing(p *Pass) {
	if len(p.Terms) == 0 {
		return
	}
	target := p.maskedTarget()
	forbidden := map[*glossary.Entry]bool{}
	if p.enabled[TermForbidden] {
		for _, f := range p.forbiddenTerms() {
			forbidden[f.Entry] = true
		}
	}
	seen := map[*glossary.Entry]bool{}
	for _, m := range p.Terms {
		e := m.Entry
		if seen[e] {
			continue
		}
		seen[e] = true
		if forbidden[e] || p.matcher.CountTarget(target, e) > 0 {
			continue
		}
		if strings.EqualFold(m.Form, e.Target) {
			// A target equal to the source means "do not translate".
			p.Reportf("%q should stay %q in the target (the glossary keeps it untranslated)", m.Form, e.Target)
			continue
		}
		p.Reportf("%q is not translated as %q", m.Form, e.Target)
	}
}
