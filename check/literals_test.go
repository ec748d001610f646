package check

import (
	"slices"
	"testing"
)

// literalSeeds hold what the prefiltered regexps look for, in several cases
// and near misses.
var literalSeeds = []string{
	"", "rien à masquer ici", "voir https://www.lemonde.fr/a?b=1 et HTTP://X.FR", "WwW.Example.com.",
	"écrire à contact@paris.fr ou @Elysee #MeToo", "ww.w", "www", "a://b", "#", "@", "ſ://x",
	"Zxq0qxZ et zxq12QXZ et ZXQ3QXZ", "zxq", "zx q1qxz", "Z x q", "<b>gras</b><br/> <", "<>", "x < y > z",
}

// FuzzLiterals checks that the literal prefilters never change a result:
// each function gives what its regexp alone gives.
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
