package check

import (
	"regexp"
	"strings"
)

// The regexps below run on every source and target, where almost no text
// holds what they look for; each has a literal prefilter that every match
// must hold, so that the regexp runs only on the texts that may match (and
// then on the whole text, so that results are those of the regexp alone).

// notWords are the parts of a text that stay as they are in a translation:
// URLs, e-mail addresses, handles and hashtags.
var notWords = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[@#][\p{L}\p{N}_]+`)

// mayHoldLiteral reports whether s may hold a match of notWords: every
// match holds "://" (https?://), "www." in some case, or "@" or "#".
func mayHoldLiteral(s string) bool {
	return strings.ContainsAny(s, "@#") || strings.Contains(s, "://") || containsFold(s, "www.")
}

// maskLiterals blanks out the URLs, e-mail addresses, handles and hashtags
// of s, keeping its length: terms inside them are not terms of the text.
func maskLiterals(s string) string {
	if !mayHoldLiteral(s) {
		return s
	}
	locs := notWords.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	b := []byte(s)
	for _, loc := range locs {
		for i := loc[0]; i < loc[1]; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// placeholder is a diglot protection placeholder (see translate.Protect),
// also as an engine may have lower-cased it. Every match holds "zxq" in
// some case.
var placeholder = regexp.MustCompile(`(?i)zxq\d+qxz`)

// findPlaceholders returns the protection placeholders in s.
func findPlaceholders(s string) []string {
	if !containsFold(s, "zxq") {
		return nil
	}
	return placeholder.FindAllString(s, -1)
}

// blankPlaceholders replaces each protection placeholder in s by a space.
func blankPlaceholders(s string) string {
	if !containsFold(s, "zxq") {
		return s
	}
	return placeholder.ReplaceAllString(s, " ")
}

// containsFold reports whether s contains lit in any ASCII case. lit is
// lower-case ASCII letters and dots, starting with a letter; the regexps'
// (?i) folds no other character into these (unlike k and s, which Unicode
// folds with the Kelvin sign and the long s).
func containsFold(s, lit string) bool {
	for _, first := range [2]byte{lit[0], lit[0] &^ 0x20} {
		for t := s; len(t) >= len(lit); {
			i := strings.IndexByte(t, first)
			if i < 0 || len(t)-i < len(lit) {
				break
			}
			if foldsTo(t[i:i+len(lit)], lit) {
				return true
			}
			t = t[i+1:]
		}
	}
	return false
}

// foldsTo reports whether s, as long as lit, is lit in some ASCII case.
func foldsTo(s, lit string) bool {
	for j := range len(lit) {
		if s[j]|0x20 != lit[j] {
			return false
		}
	}
	return true
}
