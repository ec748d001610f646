package article

import (
	"fmt"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
)

// render shows codes as kind[open…close] with the wrapped text.
func renderCodes(text string, codes []bitext.Code) string {
	var parts []string
	for _, c := range codes {
		s, e := c.Inner()
		parts = append(parts, fmt.Sprintf("%d:%s[%s|%s|%s]", c.ID, c.Kind, c.Open, text[s:e], c.Close))
	}
	return strings.Join(parts, " ")
}

func TestInlineCodes(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"bold", "Le **Haut-Karabakh** est", "1:bold[**|Haut-Karabakh|**]"},
		{"italic star and underscore", "un *mot* et _autre_", "1:italic[*|mot|*] 2:italic[_|autre|_]"},
		{"code span", "la commande `ls -l` liste", "1:code[`ls -l`||]"},
		{"double ticks", "``a ` b``", "1:code[``a ` b``||]"},
		{"link with bold", "voir [le **site**](https://ex.fr/a_b) ici", "1:link[[|le **site**|](https://ex.fr/a_b)] 2:bold[**|site|**]"},
		{"image", "![carte](img/c.png) et", "1:image[![carte](img/c.png)||]"},
		{"autolink", "écrire à <https://ex.fr>.", "1:autolink[<https://ex.fr>||]"},
		{"nested", "**gras *et italique* ici**", "1:bold[**|gras *et italique* ici|**] 2:italic[*|et italique|*]"},
		{"bold italic", "***fort***", "1:bold-italic[***|fort|***]"},
		{"strike", "~~barré~~", "1:strike[~~|barré|~~]"},
		{"intraword underscore", "snake_case_name", ""},
		{"escaped", `pas \*d'italique\*`, ""},
		{"unclosed", "**pas fermé et *un* seul", "1:italic[*|un|*]"},
		{"spaces do not flank", "2 * 3 * 4", ""},
		{"unmatched backtick", "un ` seul", ""},
		{"not a link", "[crochets] (espace)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			codes := InlineCodes(tt.text)
			if got := renderCodes(tt.text, codes); got != tt.want {
				t.Errorf("InlineCodes(%q)\n got %s\nwant %s", tt.text, got, tt.want)
			}
			if !bitext.CodesFit(tt.text, codes) {
				t.Errorf("codes do not fit their own text: %+v", codes)
			}
		})
	}
}

func FuzzInlineCodes(f *testing.F) {
	for _, s := range []string{"**a** *b* `c` [d](e) ![f](g) <h:i> ~~j~~", "***x** y*", "[a [b](c)](d)", "`` ` ``", "\\**a**"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		codes := InlineCodes(text)
		if !bitext.CodesFit(text, codes) {
			t.Fatalf("codes do not fit %q: %+v", text, codes)
		}
		for i, c := range codes {
			if c.ID != i+1 {
				t.Fatalf("code %d has id %d", i, c.ID)
			}
		}
	})
}

// BenchmarkInlineCodes measures a news paragraph with markup, and inputs
// built to make a naive parser quadratic (runs of openers, brackets, <).
func BenchmarkInlineCodes(b *testing.B) {
	para := strings.Repeat("Le **Haut-Karabakh** a déclaré *lundi* avec `ls -l` et [un accord](https://ex.fr/a). ", 10)
	cases := map[string]string{
		"paragraph":  para,
		"openers":    strings.Repeat("*a ", 20000) + strings.Repeat("a* ", 20000),
		"mixed-runs": strings.Repeat("*a **b ***c _d ", 10000),
		"brackets":   strings.Repeat("[", 40000),
		"angles":     strings.Repeat("<a ", 20000),
		"ticks":      strings.Repeat("` `` ", 10000),
	}
	for name, text := range cases {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				InlineCodes(text)
			}
		})
	}
}
