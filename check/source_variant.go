package check

import (
	"fmt"
	"strings"

	"github.com/diglot/diglot/glossary"
)

var sourceVariant = Rule{
	ID: SourceVariant,
	Doc: "The source spells a glossary term in a non-canonical way\n\n" +
		"The source uses a spelling variant of a glossary entry instead of its canonical form " +
		"(the entry's first source form); the message names where else in the files checked the " +
		"canonical or another spelling is used.",
	Help:   "Use the canonical spelling in the source, or make the variant the canonical form in the glossary.",
	Source: true,
	Check:  checkSourceVariant,
}

// checkSourceVariant reports each variant spelling matched in the source.
// [Run] completes the message with where the files use another spelling.
func checkSourceVariant(p *Pass) {
	for _, m := range p.Terms {
		if m.Variant {
			p.report(Finding{Message: fmt.Sprintf("%q is a variant spelling of %q", m.Form, m.Entry.Sources[0]),
				variant: &variantOf{entry: m.Entry, form: m.Form}})
		}
	}
}

// variantOf is the spelling a source-variant finding is about.
type variantOf struct {
	entry *glossary.Entry
	form  string
}

// use is where a spelling of a glossary entry was first seen.
type use struct {
	spelling string // normalised
	form     string // as written
	variant  bool
	where    string // file:line
}

// variantUse is a source-variant finding to complete once every file is read.
type variantUse struct {
	finding Finding
	site    site
}

// spelling is a source form as spellings are told apart: case, hyphens and
// spaces do not count.
func spelling(form string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(form, func(r rune) bool {
		return r == '-' || r == '\u2011' || r == ' ' || r == '\u00a0' || r == '\u202f'
	}), " "))
}

// recordSpellings records the first use of each spelling of the entries
// matched at s.
func (c *checker) recordSpellings(s site, ms []glossary.Match) {
	if len(ms) == 0 {
		return
	}
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
	}
}

// completeVariants reports the queued source-variant findings, each naming
// where the files checked use the canonical spelling, or else another one.
func (c *checker) completeVariants() {
	for _, v := range c.variants {
		e, sp := v.finding.variant.entry, spelling(v.finding.variant.form)
		var canonical, other *use
		for i, u := range c.uses[e] {
			switch {
			case u.spelling == sp:
			case !u.variant && canonical == nil:
				canonical = &c.uses[e][i]
			case u.variant && other == nil:
				other = &c.uses[e][i]
			}
		}
		f := v.finding
		switch {
		case canonical != nil:
			f.Message += fmt.Sprintf(", which is used at %s", canonical.where)
		case other != nil:
			f.Message += fmt.Sprintf("; another spelling, %q, is used at %s", other.form, other.where)
		}
		c.emit(v.site, f)
	}
}
