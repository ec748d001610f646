package article

import (
	"strings"
	"testing"
)

// normalizeSpaceRef is normalizeSpace without its fast path.
func normalizeSpaceRef(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			space = true
			continue
		case '\u200b', '\ufeff':
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// FuzzNormalizeSpace checks that the fast path of normalizeSpace (a line
// already normal is returned as it is) changes no result.
func FuzzNormalizeSpace(f *testing.F) {
	for _, s := range []string{"", "a", " a", "a ", "a  b", "a\tb", "a\u00a0", "\u00a0a", "a\u200bb", "\ufeffa",
		"a \u00a0b", "a\u0085", "\xffa", "l’été, à 22\u202fh", "a\u2028", "abcdefgh\tijklmnop", "abcdefg\x01\x0e\x08\x1f",
		"1234567 \r", "un texte de plus de huit octets\u200b", "un texte\ufeff de plus"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalizeSpace(s), normalizeSpaceRef(s); got != want {
			t.Fatalf("normalizeSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// dropControlsRef is dropControls rune by rune.
func dropControlsRef(s string) (out string, controls, total int) {
	clean := true
	for _, r := range s {
		total++
		if isStrayControl(r) {
			controls++
			clean = false
		}
	}
	if clean {
		return s, 0, total
	}
	return strings.Map(func(r rune) rune {
		if isStrayControl(r) {
			return -1
		}
		return r
	}, s), controls, total
}

// FuzzDropControls checks dropControls's byte scan against ranging over the
// runes of the text.
func FuzzDropControls(f *testing.F) {
	for _, s := range []string{"", "a", "a\x00b", "\t\n\r\f\v", "\x7f", "\u0085", "\u009f\u00a0", "\xc2", "\xc2\x80", "\xc2a",
		"\xff\xc2\x9f", "l’été\x1b[0m", "\xe2\x80", "abcdefgh\x01ijklmnop", "1234567\xc2\x85abcdefgh", "abcdefg\x7f",
		"\x80\x80\x80\x80\x80\x80\x80\x80\x1f", "é é é é\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, controls, total := dropControls(s)
		wantOut, wantControls, wantTotal := dropControlsRef(s)
		if out != wantOut || controls != wantControls || total != wantTotal {
			t.Fatalf("dropControls(%q) = %q, %d, %d; want %q, %d, %d", s, out, controls, total, wantOut, wantControls, wantTotal)
		}
	})
}
