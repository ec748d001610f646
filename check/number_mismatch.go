package check

import (
	"fmt"
	"strings"

	"github.com/diglot/diglot/check/internal/numbers"
)

var numberMismatch = Rule{
	ID: NumberMismatch,
	Doc: "Numbers differ between source and target\n\n" +
		"The multisets of numbers of source and target differ. French and English formats are read as " +
		"the values they denote: 6 500 = 6,500 = 6500, 12,5 % = 12.5%, 6,5 millions = 6.5 million = 6 500 000, " +
		"22 h 30 = 10:30 p.m.; spelled-out numbers (three, trois, twenty-one), ordinals and roman " +
		"numerals with an ordinal suffix (XXIe) may stand for a number written in digits on the other side.",
	Help:  "Copy the number from the source, in the target language's format.",
	Check: checkNumbers,
}

// checkNumbers reports the numbers of the source missing from the target
// and those the target adds, in one finding. Digits of protection
// placeholders are not numbers.
func checkNumbers(p *Pass) {
	s := p.Segment
	if msg := numberMessage(s.Source, s.SourceLang, p.targetWithoutPlaceholders(), s.TargetLang); msg != "" {
		p.Report(msg)
	}
}

// numberMessage returns the number-mismatch finding's message, "" when the
// numbers of source and target agree.
func numberMessage(src, srcLang, tgt, tgtLang string) string {
	missing, extra := numbers.Diff(src, srcLang, tgt, tgtLang)
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, fmt.Sprintf("%s in the source, not in the target", numberList(missing)))
	}
	if len(extra) > 0 {
		parts = append(parts, fmt.Sprintf("%s in the target, not in the source", numberList(extra)))
	}
	return strings.Join(parts, "; ")
}

func numberList(ns []numbers.Number) string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Text)
	}
	return strings.Join(out, ", ")
}

// primaryLang returns the lower-cased primary subtag of a language tag.
func primaryLang(tag string) string { return numbers.PrimaryLang(tag) }
