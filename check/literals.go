package check

import "regexp"

// notWords are the parts of a text that stay as they are in a translation:
// URLs, e-mail addresses, handles and hashtags.
var notWords = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[@#][\p{L}\p{N}_]+`)

// maskLiterals blanks out the URLs, e-mail addresses, handles and hashtags
// of s, keeping its length: terms inside them are not terms of the text.
func maskLiterals(s string) string {
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
// also as an engine may have lower-cased it.
var placeholder = regexp.MustCompile(`(?i)zxq\d+qxz`)

// findPlaceholders returns the protection placeholders in s.
func findPlaceholders(s string) []string { return placeholder.FindAllString(s, -1) }

// blankPlaceholders replaces each protection placeholder in s by a space.
func blankPlaceholders(s string) string { return placeholder.ReplaceAllString(s, " ") }
