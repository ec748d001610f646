package check

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/glossary"
)

var untranslatedRule = Rule{
	ID: Untranslated,
	Doc: "The target is empty or a copy of the source\n\n" +
		"The target is missing or empty, or equal to the source (ignoring case, spacing and apostrophe style) " +
		"while the source has words to translate: words left once numbers, URLs, e-mail addresses, " +
		"handles, hashtags and do-not-translate glossary terms are set aside. Code and table blocks and " +
		"units marked translate=\"no\" are not checked.",
	Help: "Translate the segment. A name that stays the same in every language belongs in the glossary " +
		"with its target equal to its source.",
	Check: checkUntranslated,
}

// checkUntranslated reports a segment whose target is missing, empty, or a
// copy of a source that has words to translate. The other target rules do
// not check a segment it reports.
func checkUntranslated(p *Pass) {
	switch {
	case p.Segment.NoTarget:
		p.Report("the segment has no target")
	case strings.TrimSpace(p.Segment.Target) == "":
		p.Report("the target is empty")
	case isNormalisedCollapsed(p.collapsedSource(), p.normalisedTarget()) && hasWordsToTranslate(p.Segment.Source, p.Terms):
		p.Report("the target is a copy of the source")
	}
}

// hasWordsToTranslate reports whether src has a word of two letters or more
// once its URLs, e-mail addresses, handles, hashtags and the glossary's
// do-not-translate terms (ms) are set aside. Letters glued to digits
// ("1er", "A320") are not words.
func hasWordsToTranslate(src string, ms []glossary.Match) bool {
	b := []byte(src)
	blank := func(start, end int) {
		for i := start; i < end; i++ {
			b[i] = ' '
		}
	}
	for _, m := range ms {
		if m.Entry.DoNotTranslate() || normalise(m.Entry.Target) == normalise(m.Form) {
			blank(m.Start, m.End)
		}
	}
	text := maskLiterals(string(b))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j, letters := i, 0
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) {
				break
			}
			letters++
			j += n
		}
		if letters >= 2 && !digitNear(text, i, j) {
			return true
		}
		i = j
	}
	return false
}

// digitNear reports a digit just before i or at j.
func digitNear(text string, i, j int) bool {
	return i > 0 && isDigit(text[i-1]) || j < len(text) && isDigit(text[j])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
