package translate

import (
	"fmt"
	"regexp"
	"strings"
)

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

func placeholder(i int) string { return fmt.Sprintf("%s%d%s", phPrefix, i, phSuffix) }

// Restore puts each span's replacement where its placeholder came back. It
// reports the spans whose placeholder was lost (dropped or mangled by the
// engine), by index; the pipeline records those as term problems.
func Restore(s Segment, translated string) (string, []int) {
	if len(s.Protected) == 0 {
		return translated, nil
	}
	var lost []int
	for i, sp := range s.Protected {
		// Engines recase a word at a sentence start or end ("Zxq0qxz").
		loc := placeholderPattern(i).FindStringIndex(translated)
		if loc == nil {
			lost = append(lost, i)
			continue
		}
		translated = translated[:loc[0]] + sp.Replace + translated[loc[1]:]
	}
	// A placeholder the engine duplicated is removed rather than leaked.
	for i := range s.Protected {
		translated = placeholderPattern(i).ReplaceAllLiteralString(translated, s.Protected[i].Replace)
	}
	return translated, lost
}

// placeholderPattern matches placeholder i in any case.
func placeholderPattern(i int) *regexp.Regexp {
	return regexp.MustCompile("(?i)" + placeholder(i))
}

// IsPlaceholder reports whether word is a placeholder made by [Protect], so
// that backends which report unknown words can leave placeholders out.
func IsPlaceholder(word string) bool {
	return len(word) > len(phPrefix)+len(phSuffix) &&
		strings.HasPrefix(word, phPrefix) && strings.HasSuffix(word, phSuffix)
}
