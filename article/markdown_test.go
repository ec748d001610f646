package article

import (
	"testing"

	"github.com/diglot/diglot/bitext"
)

func TestParseMarkdown(t *testing.T) {
	const (
		p, h, li, q = bitext.KindParagraph, bitext.KindHeading, bitext.KindListItem, bitext.KindQuote
		code, tab   = bitext.KindCode, bitext.KindTable
	)
	tests := []struct {
		name string
		in   string
		want []Block
	}{
		{
			name: "front matter title and paragraphs",
			in:   "---\nauteur: X\ntitle: \"Le sommet de Sotchi\"\n---\n\nPremier paragraphe\nsur deux lignes.\n\nSecond.\n",
			want: []Block{
				{Kind: bitext.KindTitle, Text: "Le sommet de Sotchi", Line: 3, Translate: true},
				{Kind: p, Text: "Premier paragraphe sur deux lignes.", Line: 6, Translate: true},
				{Kind: p, Text: "Second.", Line: 9, Translate: true},
			},
		},
		{
			name: "empty front matter",
			in:   "---\n---\nTexte.\n",
			want: []Block{{Kind: p, Text: "Texte.", Line: 3, Translate: true}},
		},
		{
			name: "ATX headings, closing hashes, not a heading without space",
			in:   "# Titre un\n## Titre deux ##\n###### Six\n####### sept\n#hashtag\n",
			want: []Block{
				{Kind: h, Text: "Titre un", Line: 1, Level: 1, Translate: true},
				{Kind: h, Text: "Titre deux", Line: 2, Level: 2, Translate: true},
				{Kind: h, Text: "Six", Line: 3, Level: 6, Translate: true},
				{Kind: p, Text: "####### sept #hashtag", Line: 4, Translate: true},
			},
		},
		{
			name: "setext headings and a thematic break",
			in:   "Grand titre\n===========\n\nSous-titre\nsur deux lignes\n---\n\n---\n\nTexte.\n",
			want: []Block{
				{Kind: h, Text: "Grand titre", Line: 1, Level: 1, Translate: true},
				{Kind: h, Text: "Sous-titre sur deux lignes", Line: 4, Level: 2, Translate: true},
				{Kind: p, Text: "Texte.", Line: 10, Translate: true},
			},
		},
		{
			name: "nested bullet list with continuation and lazy lines",
			in:   "- un\n  suite de un\n  - un.a\n    - un.a.i\n  - un.b\nparesseuse\n- deux\n\nAprès.\n",
			want: []Block{
				{Kind: li, Text: "un suite de un", Line: 1, Marker: "-", Translate: true},
				{Kind: li, Text: "un.a", Line: 3, Level: 1, Marker: "-", Translate: true},
				{Kind: li, Text: "un.a.i", Line: 4, Level: 2, Marker: "-", Translate: true},
				{Kind: li, Text: "un.b paresseuse", Line: 5, Level: 1, Marker: "-", Translate: true},
				{Kind: li, Text: "deux", Line: 7, Marker: "-", Translate: true},
				{Kind: p, Text: "Après.", Line: 9, Translate: true},
			},
		},
		{
			name: "ordered list markers as written, second paragraph of an item",
			in:   "1. premier\n2) second\n\n   suite du second\n10. dixième\n",
			want: []Block{
				{Kind: li, Text: "premier", Line: 1, Marker: "1.", Translate: true},
				{Kind: li, Text: "second suite du second", Line: 2, Marker: "2)", Translate: true},
				{Kind: li, Text: "dixième", Line: 5, Marker: "10.", Translate: true},
			},
		},
		{
			name: "star and plus bullets, not emphasis",
			in:   "* étoile\n+ plus\n\n*Emphase* au début.\n",
			want: []Block{
				{Kind: li, Text: "étoile", Line: 1, Marker: "*", Translate: true},
				{Kind: li, Text: "plus", Line: 2, Marker: "+", Translate: true},
				{Kind: p, Text: "*Emphase* au début.", Line: 4, Translate: true},
			},
		},
		{
			name: "ordered item other than 1 does not interrupt a paragraph",
			in:   "En\n2020. La guerre éclate.\n",
			want: []Block{{Kind: p, Text: "En 2020. La guerre éclate.", Line: 1, Translate: true}},
		},
		{
			name: "block quote paragraphs and lazy continuation",
			in:   "> Premier paragraphe\n> cité.\n>\n> Second\nparesseux.\n\nHors citation.\n",
			want: []Block{
				{Kind: q, Text: "Premier paragraphe cité.", Line: 1, Translate: true},
				{Kind: q, Text: "Second paresseux.", Line: 4, Translate: true},
				{Kind: p, Text: "Hors citation.", Line: 7, Translate: true},
			},
		},
		{
			name: "nested quote markers stripped",
			in:   "> > Citation dans une citation.\n",
			want: []Block{{Kind: q, Text: "Citation dans une citation.", Line: 1, Translate: true}},
		},
		{
			name: "fenced code with backticks and tildes, never cleaned",
			in:   "Avant.\n```go\n[ad_1]\nfmt.Println(\"x\")\n```\n~~~~\nPublicité\n```\n~~~~\nAprès.\n",
			want: []Block{
				{Kind: p, Text: "Avant.", Line: 1, Translate: true},
				{Kind: code, Text: "```go\n[ad_1]\nfmt.Println(\"x\")\n```", Line: 2},
				{Kind: code, Text: "~~~~\nPublicité\n```\n~~~~", Line: 6},
				{Kind: p, Text: "Après.", Line: 10, Translate: true},
			},
		},
		{
			name: "unclosed fence runs to the end",
			in:   "Texte.\n\n```\ncode\n",
			want: []Block{
				{Kind: p, Text: "Texte.", Line: 1, Translate: true},
				{Kind: code, Text: "```\ncode", Line: 3},
			},
		},
		{
			name: "indented code after a blank line, not inside a paragraph",
			in:   "Texte\n    continue.\n\n    code un\n\n    code deux\nFin.\n",
			want: []Block{
				{Kind: p, Text: "Texte continue.", Line: 1, Translate: true},
				{Kind: code, Text: "    code un\n\n    code deux", Line: 4},
				{Kind: p, Text: "Fin.", Line: 7, Translate: true},
			},
		},
		{
			name: "fence inside a list item",
			in:   "- voir :\n\n  ```\n  x\n  ```\n- suite\n",
			want: []Block{
				{Kind: li, Text: "voir :", Line: 1, Marker: "-", Translate: true},
				{Kind: code, Text: "  ```\n  x\n  ```", Line: 3},
				{Kind: li, Text: "suite", Line: 6, Marker: "-", Translate: true},
			},
		},
		{
			name: "pipe table kept raw",
			in:   "Les chiffres :\n\n| Pays | Morts |\n|:--|--:|\n| Arménie | 3 800 |\nAzerbaïdjan | 2 900\n\nFin.\n",
			want: []Block{
				{Kind: p, Text: "Les chiffres :", Line: 1, Translate: true},
				{Kind: tab, Text: "| Pays | Morts |\n|:--|--:|\n| Arménie | 3 800 |\nAzerbaïdjan | 2 900", Line: 3},
				{Kind: p, Text: "Fin.", Line: 8, Translate: true},
			},
		},
		{
			name: "pipes without a delimiter row are text",
			in:   "Score : 3 | 2\n---\n",
			want: []Block{{Kind: h, Text: "Score : 3 | 2", Line: 1, Level: 2, Translate: true}},
		},
		{
			name: "inline markup kept, hard breaks joined",
			in:   "Un **gras** et un [lien](https://x.fr) et `code`.  \nSuite\\\nfin.\n",
			want: []Block{{Kind: p, Text: "Un **gras** et un [lien](https://x.fr) et `code`. Suite fin.", Line: 1, Translate: true}},
		},
		{
			name: "junk in markdown dress removed, code untouched",
			in:   "Texte.\n\n**À lire aussi :** [Titre](https://x.fr/a)\n\n_Publicité_\n\n- [Partager sur Facebook](https://facebook.com)\n\n## Lire aussi\n\nFin.\n",
			want: []Block{
				{Kind: p, Text: "Texte.", Line: 1, Translate: true},
				{Kind: p, Text: "Fin.", Line: 11, Translate: true},
			},
		},
		{
			name: "tabs indent a nested item",
			in:   "- un\n\t- deux\n",
			want: []Block{
				{Kind: li, Text: "un", Line: 1, Marker: "-", Translate: true},
				{Kind: li, Text: "deux", Line: 2, Level: 1, Marker: "-", Translate: true},
			},
		},
		{
			name: "empty heading and item dropped",
			in:   "#\n-\n\nTexte.\n",
			want: []Block{{Kind: p, Text: "Texte.", Line: 4, Translate: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("a.md", []byte(tt.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Blocks) != len(tt.want) {
				t.Fatalf("%d blocks, want %d:\n got %+v\nwant %+v", len(a.Blocks), len(tt.want), a.Blocks, tt.want)
			}
			for i, b := range a.Blocks {
				if b != tt.want[i] {
					t.Errorf("block %d:\n got %+v\nwant %+v", i, b, tt.want[i])
				}
			}
		})
	}
}

func TestMarkdownTitle(t *testing.T) {
	a, err := Parse("a.md", []byte("---\ntitle: >\n  Un titre\n  plié\n---\nTexte.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Un titre plié" {
		t.Errorf("Title = %q", a.Title)
	}
}

func TestMarkdownRemovedLines(t *testing.T) {
	a, err := Parse("a.md", []byte("Texte.\n\n> Publicité\n\n### Partager :\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "[{Line:3 Text:Publicité Rule:ad-label} {Line:5 Text:Partager : Rule:share}]"
	if got := fmtRemoved(a); got != want {
		t.Errorf("removed %s, want %s", got, want)
	}
}
