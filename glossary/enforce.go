package glossary

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/internal/rule"
)

// QA rule ids of the problems [Enforce] reports.
const (
	RuleTermMissing   = rule.TermMissing   // the required target is absent
	RuleTermForbidden = rule.TermForbidden // a forbidden target form is present
)

// Problem is a glossary term a translation fails to honour.
type Problem struct {
	Rule, Message string
	Entry         *Entry
	// Form is the source form concerned (term-missing) or the forbidden form
	// found (term-forbidden).
	Form string
}

// CaseTarget returns the entry's target cased to follow the matched source:
// an ALL CAPS source gives an ALL CAPS target (unless the glossary's own form
// is in capitals, as an acronym's is); a match at the start of a sentence (the
// start of text, or after . ! ? … : followed by a space, or after «) whose
// target starts in lower case gives a capitalised target.
func CaseTarget(text string, m Match) string {
	return caseLike(text, m.Start, m.End, m.Entry.Target, inCaps(slices.Concat(m.Entry.Sources, m.Entry.Forms), m.Form))
}

// inCaps reports whether the glossary writes form (one of forms, or else the
// first of them) in capitals, so that capitals in the text are not a matter
// of style.
func inCaps(forms []string, form string) bool {
	key := foldString(form)
	for _, s := range forms {
		if foldString(s) == key {
			return isAllCaps(s)
		}
	}
	return len(forms) > 0 && isAllCaps(forms[0])
}

// caseLike cases term to replace text[start:end].
func caseLike(text string, start, end int, term string, formInCaps bool) string {
	if isAllCaps(text[start:end]) && !formInCaps && !isAllCaps(term) {
		return strings.ToUpper(term)
	}
	r, size := utf8.DecodeRuneInString(term)
	if unicode.IsLower(r) && sentenceStart(text, start) {
		return string(unicode.ToUpper(r)) + term[size:]
	}
	return term
}

// sentenceStart reports whether byte offset i of text starts a sentence.
func sentenceStart(text string, i int) bool {
	spaced := false
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case unicode.IsSpace(r):
			spaced = true
			i -= size
			continue
		case r == '«' || r == '“':
			return true
		case strings.ContainsRune(".!?…:", r):
			return spaced
		}
		return false
	}
	return true
}

// Enforce verifies and repairs a translation. src is the source text, ms its
// matches, target the backend output (with protected terms already restored).
// It returns the repaired target and the problems left.
//
// A target term present in an allowed form counts as honoured and is not
// touched: the target, a listed target form, their English plurals (-s, -es,
// -ies) and possessives, in any case unless the entry is case sensitive.
// Repair replaces, by the target cased as the replaced text requires, every
// forbidden form of a matched entry and every source form (or variant) left
// untranslated. Then each entry found n times in the source and honoured c < n
// times gives n-c term-missing problems naming the source form and the
// required target. A forbidden form still present after repair (one entry's
// target is another's forbidden form) is a term-forbidden problem.
func Enforce(src string, ms []Match, target string) (repaired string, problems []Problem) {
	return enforce(ms, target, freshAutomata{})
}

// Enforce is [Enforce] with the automata of the entries cached in m, for a run
// that enforces many segments.
func (m *Matcher) Enforce(src string, ms []Match, target string) (repaired string, problems []Problem) {
	return enforce(ms, target, m)
}

// automata gives the automata of one entry's forms.
type automata interface {
	entryAutomaton(e *Entry, forms int) *automaton
}

// freshAutomata builds the automata on each call.
type freshAutomata struct{}

func (freshAutomata) entryAutomaton(e *Entry, forms int) *automaton {
	return entryAutomaton(e, forms)
}

// span is a part of the target to replace.
type span struct {
	start, end int
	repl       string
}

func enforce(ms []Match, target string, auto automata) (string, []Problem) {
	var order []*Entry
	occ := make(map[*Entry][]Match)
	for _, m := range ms {
		if occ[m.Entry] == nil {
			order = append(order, m.Entry)
		}
		occ[m.Entry] = append(occ[m.Entry], m)
	}
	// honoured returns the allowed target occurrences of every matched entry.
	honoured := func(text string) []Match {
		var all []Match
		for _, e := range order {
			all = append(all, auto.entryAutomaton(e, formsTarget).find(text)...)
		}
		return all
	}
	for _, e := range order {
		// Forbidden forms, unless within an allowed target ("Karabakh" in
		// "Nagorno-Karabakh"), maybe another entry's (then reported below), or
		// equal to one of the entry's own (a glossary error lint reports).
		keep := honoured(target)
		var fix []span
		for _, f := range auto.entryAutomaton(e, formsForbidden).find(target) {
			if !within(f, keep) && !allowedForm(e, f.Form) {
				fix = append(fix, span{f.Start, f.End, caseLike(target, f.Start, f.End, e.Target, inCaps(e.Forbidden, f.Form))})
			}
		}
		target = replace(target, fix)
		// Source forms left untranslated.
		keep = honoured(target)
		fix = fix[:0]
		for _, f := range auto.entryAutomaton(e, formsSource).find(target) {
			if !within(f, keep) && !allowedForm(e, f.Form) {
				fix = append(fix, span{f.Start, f.End, caseLike(target, f.Start, f.End, e.Target, inCaps(slices.Concat(e.Sources, e.Forms), f.Form))})
			}
		}
		target = replace(target, fix)
	}
	var problems []Problem
	final := honoured(target)
	for _, e := range order {
		c := 0
		for _, h := range final {
			if h.Entry == e {
				c++
			}
		}
		for _, m := range occ[e][min(c, len(occ[e])):] {
			problems = append(problems, Problem{Rule: RuleTermMissing, Entry: e, Form: m.Form,
				Message: fmt.Sprintf("%q is not translated as %q", m.Form, e.Target)})
		}
		own := slices.DeleteFunc(slices.Clone(final), func(h Match) bool { return h.Entry != e })
		for _, f := range auto.entryAutomaton(e, formsForbidden).find(target) {
			if !within(f, own) && !allowedForm(e, f.Form) {
				problems = append(problems, Problem{Rule: RuleTermForbidden, Entry: e, Form: f.Form,
					Message: fmt.Sprintf("%q is a forbidden translation of %q (use %q)", f.Form, e.ID, e.Target)})
			}
		}
	}
	return target, problems
}

// within reports whether m lies within one of the spans of outer.
func within(m Match, outer []Match) bool {
	for _, o := range outer {
		if o.Start <= m.Start && m.End <= o.End {
			return true
		}
	}
	return false
}

// allowedForm reports whether form is the target or a target form of e.
func allowedForm(e *Entry, form string) bool {
	key := foldString(form)
	for _, t := range allowedTargets(e) {
		if foldString(t) == key {
			return true
		}
	}
	return false
}

// replace applies sorted, non-overlapping spans to s.
func replace(s string, spans []span) string {
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.start])
		b.WriteString(sp.repl)
		last = sp.end
	}
	b.WriteString(s[last:])
	return b.String()
}
