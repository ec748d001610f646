package translate

import (
	"fmt"
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
		ph := placeholder(i)
		if !strings.Contains(translated, ph) {
			lost = append(lost, i)
			continue
		}
		translated = strings.Replace(translated, ph, sp.Replace, 1)
	}
	// A placeholder the engine duplicated is removed rather than leaked.
	if strings.Contains(translated, phPrefix) {
		for i := range s.Protected {
			translated = strings.ReplaceAll(translated, placeholder(i), s.Protected[i].Replace)
		}
	}
	return translated, lost
}

// IsPlaceholder reports whether word is a placeholder made by [Protect], so
// that backends which report unknown words can leave placeholders out.
func IsPlaceholder(word string) bool {
	return len(word) > len(phPrefix)+len(phSuffix) &&
		strings.HasPrefix(word, phPrefix) && strings.HasSuffix(word, phSuffix)
}
