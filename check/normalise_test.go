package check

import "testing"

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
