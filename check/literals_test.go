package check

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// literalSeeds hold what the prefiltered regexps look for, in several cases
// and near misses.
var literalSeeds = []string{
	"", "rien à masquer ici", "voir https://www.lemonde.fr/a?b=1 et HTTP://X.FR", "WwW.Example.com.",
	"écrire à contact@paris.fr ou @Elysee #MeToo", "ww.w", "www", "a://b", "#", "@", "ſ://x",
	"Zxq0qxZ et zxq12QXZ et ZXQ3QXZ", "zxq", "zx q1qxz", "Z x q", "<b>gras</b><br/> <", "<>", "x < y > z",
	" a  b ", "a\tb", "a\u00a0b\u202fc", "l’Arménie « oui »", "e\u0301", "\xff \x85", "a\u0085b", "a ", " ",
}

// FuzzLiterals checks that the fast paths never change a result: each
// prefiltered function gives what its regexp alone gives, collapse and
// normalise what splitting and joining give.
func FuzzLiterals(f *testing.F) {
	for _, s := range literalSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := s
		if locs := notWords.FindAllStringIndex(s, -1); locs != nil {
			b := []byte(s)
			for _, loc := range locs {
				for i := loc[0]; i < loc[1]; i++ {
					b[i] = ' '
				}
			}
			want = string(b)
		}
		if got := maskLiterals(s); got != want {
			t.Errorf("maskLiterals(%q) = %q, regexp alone %q", s, got, want)
		}
		if got, want := findPlaceholders(s), placeholder.FindAllString(s, -1); !slices.Equal(got, want) {
			t.Errorf("findPlaceholders(%q) = %q, regexp alone %q", s, got, want)
		}
		if got, want := blankPlaceholders(s), placeholder.ReplaceAllString(s, " "); got != want {
			t.Errorf("blankPlaceholders(%q) = %q, regexp alone %q", s, got, want)
		}
		if got, want := collapse(s), strings.Join(strings.Fields(norm.NFC.String(s)), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
		if got, want := normalise(s), strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(typography.Replace(s))), " ")); got != want {
			t.Errorf("normalise(%q) = %q, want %q", s, got, want)
		}
		if got, want := hasTypographic(s), typography.Replace(s) != s; got != want {
			t.Errorf("hasTypographic(%q) = %v, the replacer changes it: %v", s, got, want)
		}
		if got, want := len(tags(s)), len(tag.FindAllStringSubmatch(s, -1)); got != want {
			t.Errorf("tags(%q) has %d tags, regexp alone %d", s, got, want)
		}
	})
}

func TestContainsFold(t *testing.T) {
	tests := []struct {
		s, lit string
		want   bool
	}{
		{"www.x", "www.", true},
		{"voir WwW.x", "www.", true},
		{"www", "www.", false},
		{"ww.w", "www.", false},
		{"a Zxq", "zxq", true},
		{"ZX", "zxq", false},
		{"zzxq", "zxq", true},
		{"", "zxq", false},
	}
	for _, tt := range tests {
		if got := containsFold(tt.s, tt.lit); got != tt.want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", tt.s, tt.lit, got, tt.want)
		}
	}
}
