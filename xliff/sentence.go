package xliff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a period that does not end an English sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true,
	"st": true, "mt": true, "gen": true, "col": true, "lt": true, "sgt": true, "capt": true,
	"gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "vs": true, "no": true, "nos": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"e.g": true, "i.e": true, "a.m": true, "p.m": true, "u.s": true, "u.k": true, "u.n": true,
	"approx": true, "est": true, "fig": true, "vol": true, "op": true, "cf": true,
}

// SplitSentences splits English text into sentences. The pieces concatenate
// back to text: each carries the white space that follows it.
//
// A sentence ends at ".", "!", "?" or "…", optionally followed by closing
// quotes or brackets, when white space follows and the next word starts with
// an upper-case letter, a digit or an opening quote or bracket. A period does
// not end a sentence after a known abbreviation ("Mr.", "Gen.", "e.g.", "Jan."),
// or a single letter (an initial, "J. Smith"). This is the splitter [Write] applies to targets, to decide whether a translated
// paragraph has as many sentences as its source.
func SplitSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if !strings.ContainsRune(".!?…", r) {
			continue
		}
		end := i
		for end < len(text) {
			c, m := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(".!?…\"'”’»)]", c) {
				break
			}
			end += m
		}
		next := end
		for next < len(text) {
			c, m := utf8.DecodeRuneInString(text[next:])
			if !unicode.IsSpace(c) {
				break
			}
			next += m
		}
		if next == end || next == len(text) {
			i = end
			continue
		}
		if r == '.' && end == i && abbreviationBefore(text[start:i-1]) {
			i = end
			continue
		}
		c, _ := utf8.DecodeRuneInString(text[next:])
		if unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune("\"'“‘«([", c) {
			out = append(out, text[start:next])
			start = next
		}
		i = next
	}
	if start < len(text) || len(out) == 0 {
		out = append(out, text[start:])
	}
	return out
}

// abbreviationBefore reports whether s ends with a word that, followed by a
// period, is an abbreviation or an initial.
func abbreviationBefore(s string) bool {
	j := strings.LastIndexFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("(\"“‘'«", r)
	})
	word := s
	if j >= 0 {
		_, n := utf8.DecodeRuneInString(s[j:])
		word = s[j+n:]
	}
	if utf8.RuneCountInString(word) == 1 {
		return true
	}
	return abbreviations[strings.ToLower(word)]
}
