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
// numbers of source and target agree. It says what the target should hold:
// "French 2.000 is 2000; write 2,000 in English" for a number missing from
// the target, "the target's 6,050 is not in the source" for one it adds. A
// target number written like a missing one but read otherwise (English
// 2.000 is 2) is folded into the missing one's message, never reported as
// both missing and added.
func numberMessage(src, srcLang, tgt, tgtLang string) string {
	missing, extra := numbers.Diff(src, srcLang, tgt, tgtLang)
	var parts []string
	used := make([]bool, len(extra))
	for _, m := range missing {
		want := formatNumber(m.Value, tgtLang)
		msg := ""
		if m.Text == want {
			msg = fmt.Sprintf("%s is in the source, not in the target", m.Text)
		} else {
			msg = fmt.Sprintf("%s %s is %s; write %s in %s", langName(srcLang, "source"), m.Text, m.Value, want, langName(tgtLang, "the target"))
		}
		for i, e := range extra {
			if !used[i] && e.Text == m.Text && e.Value != m.Value {
				used[i] = true
				msg += fmt.Sprintf(" (the target's %s reads as %s)", e.Text, e.Value)
				break
			}
		}
		parts = append(parts, msg)
	}
	var added []string
	for i, e := range extra {
		if !used[i] {
			added = append(added, e.Text)
		}
	}
	if len(added) > 0 {
		verb := "is"
		if len(added) > 1 {
			verb = "are"
		}
		parts = append(parts, fmt.Sprintf("the target's %s %s not in the source", strings.Join(added, ", "), verb))
	}
	return strings.Join(parts, "; ")
}

// formatNumber writes the canonical decimal value ("-6500", "12.5") the way
// lang writes numbers: 6,500 and 12.5 in English, 6 500 and 12,5 in French.
func formatNumber(value, lang string) string {
	sign, digits := "", value
	if rest, ok := strings.CutPrefix(value, "-"); ok {
		sign, digits = "-", rest
	}
	whole, frac, hasFrac := strings.Cut(digits, ".")
	group, point := ",", "."
	if numbers.CommaDecimal(lang) {
		group, point = " ", ","
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(d)
	}
	if hasFrac {
		b.WriteString(point + frac)
	}
	return b.String()
}

// langName is the English name of a language tag, for messages ("French"),
// or fallback for a language it does not know.
func langName(tag, fallback string) string {
	names := map[string]string{
		"fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian",
		"pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "pl": "Polish", "ca": "Catalan",
		"eo": "Esperanto", "uk": "Ukrainian", "tr": "Turkish", "sv": "Swedish",
	}
	if n, ok := names[numbers.PrimaryLang(tag)]; ok {
		return n
	}
	return fallback
}

// primaryLang returns the lower-cased primary subtag of a language tag.
func primaryLang(tag string) string { return numbers.PrimaryLang(tag) }
