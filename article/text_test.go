package article

import (
	"fmt"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
)

// block is the short form of a Block used in table tests.
type block struct {
	kind string
	line int
	text string
}

func blocksOf(a *Article) []block {
	out := make([]block, len(a.Blocks))
	for i, b := range a.Blocks {
		out[i] = block{b.Kind, b.Line, b.Text}
	}
	return out
}

func checkBlocks(t *testing.T, got *Article, want []block) {
	t.Helper()
	g := blocksOf(got)
	if len(g) != len(want) {
		t.Fatalf("%d blocks, want %d:\n got %+v\nwant %+v", len(g), len(want), g, want)
	}
	for i := range g {
		if g[i] != want[i] {
			t.Errorf("block %d:\n got %+v\nwant %+v", i, g[i], want[i])
		}
	}
}

func TestParseText(t *testing.T) {
	const p, h = bitext.KindParagraph, bitext.KindHeading
	tests := []struct {
		name string
		in   string
		want []block
	}{
		{
			name: "one paragraph per line",
			in:   "Le Kremlin a parlé.\nErevan a répondu.\nBakou se tait.\n",
			want: []block{{p, 1, "Le Kremlin a parlé."}, {p, 2, "Erevan a répondu."}, {p, 3, "Bakou se tait."}},
		},
		{
			name: "one per line, lowercase start without blank lines is not a wrap",
			in:   "Le président a parlé\nmais personne n'a répondu.\n",
			want: []block{{p, 1, "Le président a parlé"}, {p, 2, "mais personne n'a répondu."}},
		},
		{
			name: "blank-line separated, soft-wrapped",
			in:   "Le président russe a reçu\nles deux dirigeants à Sotchi.\n\nLes discussions ont duré\ntrois heures, selon le Kremlin.\n",
			want: []block{{p, 1, "Le président russe a reçu les deux dirigeants à Sotchi."}, {p, 4, "Les discussions ont duré trois heures, selon le Kremlin."}},
		},
		{
			name: "blank-line separated, one line each",
			in:   "Premier paragraphe.\n\nDeuxième paragraphe.\n\n\nTroisième.\n",
			want: []block{{p, 1, "Premier paragraphe."}, {p, 3, "Deuxième paragraphe."}, {p, 6, "Troisième."}},
		},
		{
			name: "blank lines but no soft wrap keeps lines apart",
			in:   "Un.\nDeux.\n\nTrois\nQuatre.\n",
			want: []block{{p, 1, "Un."}, {p, 2, "Deux."}, {p, 4, "Trois"}, {p, 5, "Quatre."}},
		},
		{
			name: "mixed: wrapped runs joined, sentence-per-line runs kept",
			in:   "La route est fermée depuis\nle mois de décembre.\n\nErevan proteste.\nBakou dément.\n\nLes soldats russes\nne bougent pas.\n",
			want: []block{
				{p, 1, "La route est fermée depuis le mois de décembre."},
				{p, 4, "Erevan proteste."}, {p, 5, "Bakou dément."},
				{p, 7, "Les soldats russes ne bougent pas."},
			},
		},
		{
			name: "wrap after a sentence inside a wrapped run",
			in:   "Il a parlé. Puis il\nest reparti. Le lendemain,\nErevan a répondu.\n\nFin de la\nréunion.\n",
			want: []block{{p, 1, "Il a parlé. Puis il est reparti. Le lendemain, Erevan a répondu."}, {p, 5, "Fin de la réunion."}},
		},
		{
			name: "ALL-CAPS headline",
			in:   "POUTINE REÇOIT PASHINYAN ET ALIYEV\nLe sommet a lieu à Sotchi.\n",
			want: []block{{h, 1, "POUTINE REÇOIT PASHINYAN ET ALIYEV"}, {p, 2, "Le sommet a lieu à Sotchi."}},
		},
		{
			name: "headline after junk and blank lines, before a wrapped paragraph",
			in:   "[ad_1]\n\nLA CRISE DU CAUCASE\n\nLe conflit entre\nles deux pays dure.\n",
			want: []block{{h, 3, "LA CRISE DU CAUCASE"}, {p, 5, "Le conflit entre les deux pays dure."}},
		},
		{
			name: "capitals later in the file are no headline",
			in:   "Le texte commence.\nOTAN ET RUSSIE\n",
			want: []block{{p, 1, "Le texte commence."}, {p, 2, "OTAN ET RUSSIE"}},
		},
		{
			name: "long capitals line is no headline",
			in:   strings.Repeat("MOT ", 16) + "\nTexte.\n",
			want: []block{{p, 1, strings.TrimSpace(strings.Repeat("MOT ", 16))}, {p, 2, "Texte."}},
		},
		{
			name: "junk line ends a wrapped paragraph",
			in:   "Le président a reçu\nles dirigeants.\n\nLa réunion a\nPublicité\ncommencé tard.\n",
			want: []block{{p, 1, "Le président a reçu les dirigeants."}, {p, 4, "La réunion a"}, {p, 6, "commencé tard."}},
		},
		{
			name: "white space normalised, no-break spaces kept",
			in:   "  Plus de 6\u00a0500   morts\t; « fin\u00a0» \u200b!  \n",
			want: []block{{p, 1, "Plus de 6\u00a0500 morts ; « fin\u00a0» !"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("a.txt", []byte(tt.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkBlocks(t, a, tt.want)
		})
	}
}

func TestIsHeadline(t *testing.T) {
	tests := map[string]bool{
		"SOMMET À SOTCHI : POUTINE REÇOIT PASHINYAN": true,
		"LE CORRIDOR DE LATCHINE, NŒUD DU CONFLIT":   true,
		"OTAN":                     true,
		"A":                        false, // one letter
		"2020 : 6 500":             false,
		"Sommet à Sotchi":          false,
		"SOMMET À SOTCHi":          false,
		"« GUERRE », DIT L’ÉLYSÉE": true,
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := isHeadline(in); got != want {
				t.Errorf("isHeadline(%q) = %v, want %v", in, got, want)
			}
		})
	}
}

func fmtRemoved(a *Article) string {
	return fmt.Sprintf("%+v", a.Removed)
}
