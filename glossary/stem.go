package glossary

import (
	"strings"
	"unicode/utf8"
)

// stem is a light French stemmer for gender and number. It takes a folded
// (lower-case) word and removes, in this order:
//
//   - -eaux → -eau (bureaux), then -aux → -al (journaux → journal);
//   - -euse, -euses, -eux → -eu (heureuse, heureuses, heureux → heureu);
//   - -nnes, -nne → -n (arméniennes, arménienne → arménien; européenne → européen);
//   - otherwise a plural -s or -x, then a feminine -e, then an -s the
//     feminine revealed (nationales → national, arméniens → arménien,
//     française, françaises, français → françai; Arménie → arméni).
//
// A stem keeps at least three letters: short words are returned unchanged.
// It conflates the forms of one adjective or noun, and sometimes two words
// ("arménie" and "arménien" stay apart; "canne" and "can" do not), which is
// why an entry opts in with Stem.
func stem(w string) string {
	if utf8.RuneCountInString(w) <= 3 {
		return w
	}
	cut := func(suffix, repl string) (string, bool) {
		if !strings.HasSuffix(w, suffix) {
			return w, false
		}
		s := w[:len(w)-len(suffix)] + repl
		if utf8.RuneCountInString(s) < 3 {
			return w, false
		}
		return s, true
	}
	for _, r := range [...]struct{ suffix, repl string }{
		{"eaux", "eau"}, {"aux", "al"},
		{"euses", "eu"}, {"euse", "eu"}, {"eux", "eu"},
		{"nnes", "n"}, {"nne", "n"},
	} {
		if s, ok := cut(r.suffix, r.repl); ok {
			return s
		}
	}
	for _, suffix := range [...]string{"sx", "e", "s"} {
		if n := len(w); n > 0 && strings.IndexByte(suffix, w[n-1]) >= 0 {
			if s, ok := cut(w[n-1:], ""); ok {
				w = s
			}
		}
	}
	return w
}
