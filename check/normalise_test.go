package check

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzNormaliseCollapsed checks that a segment's source normalised from its
// collapsed form is the source normalised from scratch.
func FuzzNormaliseCollapsed(f *testing.F) {
	for _, s := range []string{
		"", " a  b ", "l’AFP\u00a0: « oui »", "a \u00a0 b\u202fc", "e\u0301t\u00e9", "’\u0301", "“\u0301x”",
		"ʼ\u0308", "\u00a0\u0301", "Kelvin \u212a", "\xff\xfe bad", "\t\n\r\v\f",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normaliseCollapsed(collapse(s)), normalise(s); got != want {
			t.Fatalf("normaliseCollapsed(collapse(%q)) = %q, want normalise = %q", s, got, want)
		}
	})
}

// FuzzIsNormalisedCollapsed checks untranslated's comparison of a collapsed
// source with a normalised target against making the source's normalised
// text, on texts normalise makes and on any text.
func FuzzIsNormalisedCollapsed(f *testing.F) {
	for _, s := range []string{
		"", " a  b ", "l’AFP\u00a0: « oui »", "L'AFP : « OUI »", "a \u00a0 b\u202fc", "e\u0301t\u00e9", "’\u0301", "“\u0301x”",
		"ʼ\u0308", "\u00a0\u0301", "Kelvin \u212a", "kelvin k", "\xff\xfe bad", "\ufffd\ufffd bad", "\t\n\r\v\f", "İstanbul", "i̇stanbul",
	} {
		f.Add(s, s)
		f.Add(s, "l'afp : « oui »")
	}
	f.Fuzz(func(t *testing.T, src, tgt string) {
		c := collapse(src)
		for _, n := range []string{normalise(tgt), normalise(src), tgt} {
			if got, want := isNormalisedCollapsed(c, n), normaliseCollapsed(c) == n; got != want {
				t.Fatalf("isNormalisedCollapsed(%q, %q) = %v, want %v", c, n, got, want)
			}
		}
	})
}

// TestTypographicRune checks that typographicRune replaces what typography
// replaces.
func TestTypographicRune(t *testing.T) {
	for i := 0; i < len(typographic); i += 2 {
		r := []rune(typographic[i])
		if len(r) != 1 || string(typographicRune(r[0])) != typographic[i+1] {
			t.Errorf("typographicRune(%q) = %q, want %q", typographic[i], typographicRune(r[0]), typographic[i+1])
		}
	}
}

// FuzzJoinFields checks joinFields against strings.Fields joined by spaces.
func FuzzJoinFields(f *testing.F) {
	for _, s := range []string{"", " ", "a", " a  b ", "a\u00a0b", "\u3000a\u0085", "\xff \xfe", "a\tb\nc", "«\u202fx\u202f»"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("joinFields(%q) = %q, want %q", s, got, want)
		}
	})
}

// collapsedRef is collapsed rune by rune.
func collapsedRef(s string) bool {
	space := true // at the start, a space would be leading
	for _, r := range s {
		switch {
		case r == ' ':
			if space {
				return false
			}
			space = true
		case unicode.IsSpace(r):
			return false
		default:
			space = false
		}
	}
	return !space || s == ""
}

// FuzzCollapsed checks collapsed's scans against reading the runes one by
// one, and against its definition: the text is its own fields joined.
func FuzzCollapsed(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "abcdefgh\tijklmnop", "un texte\u00a0: « oui »",
		"abcdefghij\u3000", "\u0085abcdefgh", "\xff\xfe bad text here", "abcdefg\x0e\x08\x1f", "abcdefgh\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := collapsed(s)
		if want := collapsedRef(s); got != want {
			t.Fatalf("collapsed(%q) = %v, want %v", s, got, want)
		}
		if got && strings.Join(strings.Fields(s), " ") != s {
			t.Fatalf("collapsed(%q), but its fields joined are %q", s, strings.Join(strings.Fields(s), " "))
		}
	})
}
