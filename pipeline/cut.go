package pipeline

import (
	"strings"
	"unicode/utf8"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/glossary"
)

// cutEnds lists the places a paragraph may be cut after, in order: the end
// of each sentence and, inside a sentence longer than limit, as a last
// resort, the last space (else punctuation) within the limit that is not
// inside a glossary term. A run with no such place stays whole, and the
// backend's limits refuse it by name.
func cutEnds(text string, limit int, matches []glossary.Match) []int {
	return cutEndsSized(text, limit, matches, func(s, e int) int { return utf8.RuneCountInString(text[s:e]) })
}

// cutEndsSized is cutEnds with the size of text[s:e] on the wire given by
// size (protected spans count as their placeholders).
func cutEndsSized(text string, limit int, matches []glossary.Match, size func(s, e int) int) []int {
	var ends []int
	for _, sp := range article.Sentences(text) {
		start := sp.Start
		for size(start, sp.End) > limit {
			// The runes allowed, less what placeholders add to them.
			runes := limit - (size(start, sp.End) - utf8.RuneCountInString(text[start:sp.End]))
			cut := safeCut(text[:sp.End], start, max(runes, 1), matches)
			if cut <= start {
				break
			}
			ends = append(ends, cut)
			start = cut
		}
		ends = append(ends, sp.End)
	}
	return ends
}

// safeCut returns where to cut text so that text[start:cut] holds at most
// limit characters: before the last space, else after the last punctuation
// mark, outside every term; start when there is no such place.
func safeCut(text string, start, limit int, matches []glossary.Match) int {
	lim := start
	for n := 0; n < limit && lim < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[lim:])
		lim += size
	}
	inTerm := func(i int) bool {
		for _, m := range matches {
			if m.Start < i && i < m.End {
				return true
			}
		}
		return false
	}
	// The piece after a cut before a space starts with that space, which
	// pieces trims; so the space itself need not fit.
	for i := lim; i > start; i-- {
		if i < len(text) && text[i] == ' ' && !inTerm(i) {
			return i
		}
	}
	for i := lim; i > start; i-- {
		if strings.ContainsRune(",;:/)-", rune(text[i-1])) && !inTerm(i) {
			return i
		}
	}
	return start
}
