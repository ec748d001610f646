package translate

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// SpanProtector is implemented by backends with a native way to keep a
// protected span verbatim (Google's translate="no", DeepL's ignored tags):
// the pipeline sends them segments with their [Segment.Protected] spans as
// they are. Every other backend gets the text with each span replaced by a
// placeholder ([Placeholders]), passes it through, and the pipeline restores
// the placeholders ([Restore]) in what comes back, recording the terms whose
// placeholder was lost.
type SpanProtector interface {
	ProtectsSpans() bool
}

// Placeholders for backends with no native way to protect a span. A placeholder
// is a single word of ASCII letters and digits that no engine knows and none
// translates: "Zxq" + index + "qxZ". Engines pass unknown words through.
const (
	phPrefix = "Zxq"
	phSuffix = "qxZ"
)

// Protect replaces each protected span of s with a placeholder and returns the
// text to send. Restore undoes it on the translation.
func Protect(s Segment) string {
	if len(s.Protected) == 0 {
		return s.Text
	}
	var b strings.Builder
	last := 0
	for i, sp := range s.Protected {
		b.WriteString(s.Text[last:sp.Start])
		b.WriteString(placeholder(i))
		last = sp.End
	}
	b.WriteString(s.Text[last:])
	return b.String()
}

// Placeholders returns s as a backend without a native mechanism gets it
// from the pipeline: each span replaced by its placeholder ([Protect]), and
// the spans moved to cover the placeholders, so that the backend can still
// tell what each stands for (an LLM is told the glossary). [Restore] with the
// original s undoes it.
func Placeholders(s Segment) Segment {
	out := Segment{ID: s.ID, Text: Protect(s)}
	at, last := 0, 0
	for i, sp := range s.Protected {
		at += sp.Start - last
		ph := placeholder(i)
		out.Protected = append(out.Protected, Span{Start: at, End: at + len(ph), Replace: sp.Replace, Source: sp.Source})
		at += len(ph)
		last = sp.End
	}
	return out
}

func placeholder(i int) string { return fmt.Sprintf("%s%d%s", phPrefix, i, phSuffix) }

// What engines do to a placeholder: recase it at a sentence start or end
// ("Zxq0qxz"), glue Apertium's marks to it (`*` unknown, `#` not generated,
// `@` not transferred, `~` for a recovered unknown), even inside it
// ("Zxq*1qxZ"), or split its digits ("Zxq1 2qxZ").
var (
	placeholderRE = regexp.MustCompile(`(?i)[*#@~]*zxq[*#@~ ]{0,2}(\d(?: ?\d)*)[*#@~ ]{0,2}qxz`)
	// residueRE is what is left of a placeholder an engine cut apart.
	residueRE = regexp.MustCompile(`(?i)[*#@~]*zxq[*#@~]*\d*|\d*[*#@~]*qxz`)
)

// Restore puts each span's replacement where its placeholder came back, and
// removes whatever is left of placeholders (a duplicated one becomes its
// replacement again; an unknown one or a fragment disappears), so that the
// text never holds a placeholder or a residue of one. It reports the spans
// whose placeholder was lost (dropped or mangled beyond recognition), by
// index: the pipeline records those as term problems on the segment.
func Restore(s Segment, translated string) (string, []int) {
	if len(s.Protected) == 0 && !HasResidue(translated) {
		return translated, nil
	}
	found := make([]bool, len(s.Protected))
	removed := false
	translated = placeholderRE.ReplaceAllStringFunc(translated, func(m string) string {
		digits := strings.ReplaceAll(placeholderRE.FindStringSubmatch(m)[1], " ", "")
		i, err := strconv.Atoi(digits)
		if err != nil || i < 0 || i >= len(s.Protected) {
			removed = true
			return ""
		}
		found[i] = true
		return s.Protected[i].Replace
	})
	// Removing a fragment can join two others into a new one.
	for HasResidue(translated) {
		translated, removed = residueRE.ReplaceAllString(translated, ""), true
	}
	if removed {
		translated = collapse(translated)
	}
	var lost []int
	for i, ok := range found {
		if !ok {
			lost = append(lost, i)
		}
	}
	return translated, lost
}

// collapse folds the double spaces a removed fragment leaves.
func collapse(s string) string {
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return strings.TrimSpace(s)
}

// HasResidue reports whether s holds a placeholder or a piece of one: a
// detector for tests and checks that does not depend on the exact shape.
func HasResidue(s string) bool { return mayHoldResidue(s) && residueRE.MatchString(s) }

// mayHoldResidue is a fast test for "zxq" or "qxz" in any case: every
// translation goes through Restore, and most hold neither.
func mayHoldResidue(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		a, b, c := s[i]|0x20, s[i+1]|0x20, s[i+2]|0x20
		if b == 'x' && (a == 'z' && c == 'q' || a == 'q' && c == 'z') {
			return true
		}
	}
	return false
}

// IsPlaceholder reports whether word is a placeholder made by [Protect], so
// that backends which report unknown words can leave placeholders out.
// Any case and any of the marks [Restore] tolerates count.
func IsPlaceholder(word string) bool { return HasResidue(word) }
