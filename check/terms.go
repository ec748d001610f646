package check

import (
	"fmt"
	"strings"

	"github.com/diglot/diglot/glossary"
)

// use is where a spelling of a glossary entry was first seen.
type use struct {
	spelling string // normalised
	form     string // as written
	variant  bool
	where    string // file:line
}

// variantUse is a source-variant finding to complete once every file is read.
type variantUse struct {
	entry *glossary.Entry
	form  string
	site  site
}

// spelling is a source form as spellings are told apart: case, hyphens and
// spaces do not count.
func spelling(form string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(form, func(r rune) bool {
		return r == '-' || r == '\u2011' || r == ' ' || r == '\u00a0' || r == '\u202f'
	}), " "))
}

// sourceVariants records the spellings of the entries matched in u and
// queues a source-variant finding for each non-canonical one.
func (c *checker) sourceVariants(s site, ms []glossary.Match) {
	where := s.where()
	for _, m := range ms {
		sp := spelling(m.Form)
		known := false
		for _, old := range c.uses[m.Entry] {
			known = known || old.spelling == sp
		}
		if !known {
			c.uses[m.Entry] = append(c.uses[m.Entry], use{spelling: sp, form: m.Form, variant: m.Variant, where: where})
		}
		if m.Variant && c.enabled[SourceVariant] {
			c.variants = append(c.variants, variantUse{entry: m.Entry, form: m.Form, site: s})
		}
	}
}

// completeVariants reports the queued source-variant findings, each naming
// where the files checked use the canonical spelling, or else another one.
func (c *checker) completeVariants() {
	for _, v := range c.variants {
		msg := fmt.Sprintf("%q is a variant spelling of %q", v.form, v.entry.Sources[0])
		sp := spelling(v.form)
		var canonical, other *use
		for i, u := range c.uses[v.entry] {
			switch {
			case u.spelling == sp:
			case !u.variant && canonical == nil:
				canonical = &c.uses[v.entry][i]
			case u.variant && other == nil:
				other = &c.uses[v.entry][i]
			}
		}
		switch {
		case canonical != nil:
			msg += fmt.Sprintf(", which is used at %s", canonical.where)
		case other != nil:
			msg += fmt.Sprintf("; another spelling, %q, is used at %s", other.form, other.where)
		}
		c.emit(v.site, Finding{Rule: SourceVariant, Message: msg})
	}
}

// terms runs term-forbidden and term-missing on a translated unit whose
// source matches are ms.
func (c *checker) terms(u *unit, ms []glossary.Match, at func(Finding)) {
	var matched []*glossary.Entry
	first := map[*glossary.Entry]glossary.Match{}
	for _, m := range ms {
		if _, ok := first[m.Entry]; !ok {
			first[m.Entry] = m
			matched = append(matched, m.Entry)
		}
	}
	target := maskLiterals(u.target)
	forbidden := map[*glossary.Entry]bool{}
	if c.enabled[TermForbidden] {
		for _, f := range c.matcher.FindForbiddenAll(target) {
			if c.withinAllowed(target, f, matched) {
				continue
			}
			forbidden[f.Entry] = true
			at(Finding{Rule: TermForbidden,
				Message: fmt.Sprintf("%q is a forbidden translation of %q (use %q)", f.Form, f.Entry.Sources[0], f.Entry.Target)})
		}
	}
	if !c.enabled[TermMissing] {
		return
	}
	for _, e := range matched {
		// A forbidden form used for the entry is reported as such, once.
		if forbidden[e] || c.matcher.CountTarget(target, e) > 0 {
			continue
		}
		at(Finding{Rule: TermMissing, Message: fmt.Sprintf("%q is not translated as %q", first[e].Form, e.Target)})
	}
}

// withinAllowed reports whether the forbidden form f lies within an allowed
// target form of its own entry or of an entry matched in the source
// ("Karabakh" within "Nagorno-Karabakh"), or is one itself: blanking it out
// then loses an occurrence of that target.
func (c *checker) withinAllowed(target string, f glossary.Match, matched []*glossary.Entry) bool {
	blank := target[:f.Start] + strings.Repeat(" ", f.End-f.Start) + target[f.End:]
	check := func(e *glossary.Entry) bool {
		n := c.matcher.CountTarget(target, e)
		return n > 0 && c.matcher.CountTarget(blank, e) < n
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
