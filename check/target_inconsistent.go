package check

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
)

var targetInconsistent = Rule{
	ID: TargetInconsistent,
	Doc: "One source segment is translated two different ways\n\n" +
		"The same source text (whitespace normalised) has different translations in the files checked; " +
		"each translation that differs from the most frequent one is reported.",
	Help: "Use one translation for the repeated segment, or add a note containing " +
		"\"diglot-ignore: target-inconsistent\" where the context requires another.",
	// Check is nil: the rule looks across the files of a run, in
	// checker.remember and checker.inconsistencies.
}

// occurrence is a translation of a source segment, for target-inconsistent.
type occurrence struct {
	target string // normalised
	site   site
}

// remember records the translation at s, checked by p, for
// target-inconsistent.
func (c *checker) remember(d *document, s site, p *Pass) {
	key := primaryLang(d.tgtLang) + "\x00" + p.collapsedSource()
	c.seen[key] = append(c.seen[key], occurrence{target: p.normalisedTarget(), site: s})
}

// inconsistencies reports the translations of each repeated source segment
// that differ from its most frequent translation (the first seen on a tie).
func (c *checker) inconsistencies() {
	for _, occ := range c.seen {
		if len(occ) < 2 {
			continue
		}
		count := map[string]int{}
		ref := occ[0]
		for _, o := range occ {
			count[o.target]++
			if count[o.target] > count[ref.target] {
				ref = o
			}
		}
		if count[ref.target] == len(occ) {
			continue
		}
		for _, o := range occ {
			if o.target != ref.target {
				c.emit(o.site, Finding{Rule: TargetInconsistent,
					Message: fmt.Sprintf("the same source is translated %q at %s", ref.site.base.Target, ref.site.where())})
			}
		}
	}
}

// collapse is s in NFC with runs of white space as one space, trimmed.
func collapse(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// typography maps the apostrophes and quotation marks that vary with style
// alone to one form each.
var typography = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "“", `"`, "”", `"`, "\u00a0", " ", "\u202f", " ")

// normalise is s as translations are compared: collapsed, case folded, one
// apostrophe and one double quotation mark.
func normalise(s string) string {
	return strings.ToLower(collapse(typography.Replace(s)))
}
