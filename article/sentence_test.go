package article

import (
	"strings"
	"testing"
)

func sentenceTexts(text string) []string {
	var out []string
	for _, s := range Sentences(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	const nnbsp, nbsp = "\u202f", "\u00a0"
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"only space", "  \n\t ", nil},
		{"one sentence", "Le Kremlin a parlé.", []string{"Le Kremlin a parlé."}},
		{"no final punctuation", "Le Kremlin a parlé", []string{"Le Kremlin a parlé"}},
		{"two sentences", "Erevan proteste. Bakou dément.", []string{"Erevan proteste.", "Bakou dément."}},
		{"surrounding space trimmed", "  Un.   Deux.  ", []string{"Un.", "Deux."}},
		{"M. before a name", "M. Pashinyan a parlé. Puis M. Aliyev.", []string{"M. Pashinyan a parlé.", "Puis M. Aliyev."}},
		{"MM. before names", "MM. Pashinyan et Aliyev se sont vus.", []string{"MM. Pashinyan et Aliyev se sont vus."}},
		{"Mme and Mlle without period", "Mme Dupont et Mlle Martin sont arrivées. Elles repartent.", []string{"Mme Dupont et Mlle Martin sont arrivées.", "Elles repartent."}},
		{"Mme. and Mmes. with period", "Mme. Dupont et Mmes. Roux arrivent.", []string{"Mme. Dupont et Mmes. Roux arrivent."}},
		{"Dr. and Pr.", "Le Dr. Martin et le Pr. Durand témoignent.", []string{"Le Dr. Martin et le Pr. Durand témoignent."}},
		{"St. in a place name", "Il vit à St. Pétersbourg depuis 2010.", []string{"Il vit à St. Pétersbourg depuis 2010."}},
		{"etc. then lowercase", "Des pommes, des poires, etc. et des noix.", []string{"Des pommes, des poires, etc. et des noix."}},
		{"etc. ends a sentence", "Des pommes, des poires, etc. Le marché ferme.", []string{"Des pommes, des poires, etc.", "Le marché ferme."}},
		{"p. ex.", "Des villes, p. ex. Erevan, ont voté.", []string{"Des villes, p. ex. Erevan, ont voté."}},
		{"cf.", "Voir l’accord (cf. Annexe 2) signé.", []string{"Voir l’accord (cf. Annexe 2) signé."}},
		{"av. J.-C. inside", "En 52 av. J.-C. César bat les Gaulois.", []string{"En 52 av. J.-C. César bat les Gaulois."}},
		{"J.-C. then comma", "Vers 300 apr. J.-C., la ville grandit.", []string{"Vers 300 apr. J.-C., la ville grandit."}},
		{"n°", "La résolution n° 884 date de 1993. Elle exige un retrait.", []string{"La résolution n° 884 date de 1993.", "Elle exige un retrait."}},
		{"vol. chap. art.", "Voir vol. 2, chap. 3 et art. 5 du traité.", []string{"Voir vol. 2, chap. 3 et art. 5 du traité."}},
		{"capitalised abbreviation", "Art. 5 : la paix. Vol. 2 suit.", []string{"Art. 5 : la paix.", "Vol. 2 suit."}},
		{"single capital initial", "Le président C. Michel a reçu I. Aliyev.", []string{"Le président C. Michel a reçu I. Aliyev."}},
		{"numbers with spaces", "Plus de 6 500 morts. Environ 2 000 soldats.", []string{"Plus de 6 500 morts.", "Environ 2 000 soldats."}},
		{"numbers with no-break spaces", "Plus de 6" + nbsp + "500 morts. Fin.", []string{"Plus de 6" + nbsp + "500 morts.", "Fin."}},
		{"decimal comma", "Une hausse de 12,5 % en 2022. Le gaz domine.", []string{"Une hausse de 12,5 % en 2022.", "Le gaz domine."}},
		{"decimal point", "La note est de 3.5 sur 5. Bien.", []string{"La note est de 3.5 sur 5.", "Bien."}},
		{"sentence starting with a number", "La guerre a duré 44 jours. 6 500 personnes sont mortes.", []string{"La guerre a duré 44 jours.", "6 500 personnes sont mortes."}},
		{"guillemets, then comma", "« Nous devons y mettre fin », a déclaré Poutine.", []string{"« Nous devons y mettre fin », a déclaré Poutine."}},
		{"period before closing guillemet, then lowercase", "« C’est fini. » a-t-il dit.", []string{"« C’est fini. » a-t-il dit."}},
		{"period before closing guillemet, then new sentence", "Il a dit : « C’est fini. » Puis il est parti.", []string{"Il a dit : « C’est fini. »", "Puis il est parti."}},
		{"! before closing guillemet, then incise", "« Nous sommes venus écouter ! » a lancé M. Pashinian.", []string{"« Nous sommes venus écouter ! » a lancé M. Pashinian."}},
		{"no-break spaces in guillemets", "«" + nbsp + "Jamais" + nnbsp + "!" + nbsp + "» dit-elle. Elle rit.", []string{"«" + nbsp + "Jamais" + nnbsp + "!" + nbsp + "» dit-elle.", "Elle rit."}},
		{"two sentences inside guillemets", "« Il faut agir. Maintenant ! », a-t-il dit.", []string{"« Il faut agir.", "Maintenant ! », a-t-il dit."}},
		{"question with thin space", "Que peut faire Moscou" + nnbsp + "? Rien, dit-il.", []string{"Que peut faire Moscou" + nnbsp + "?", "Rien, dit-il."}},
		{"exclamation with space then lowercase", "Quelle surprise ! dit le ministre.", []string{"Quelle surprise ! dit le ministre."}},
		{"?! cluster", "Vraiment ?! Oui.", []string{"Vraiment ?!", "Oui."}},
		{"ellipsis character", "Il hésite… Puis il signe.", []string{"Il hésite…", "Puis il signe."}},
		{"ellipsis character then lowercase", "Il hésite… puis signe.", []string{"Il hésite… puis signe."}},
		{"three dots", "Il hésite... Puis il signe.", []string{"Il hésite...", "Puis il signe."}},
		{"elision mark in a quotation", "« Nous voulons […] La paix », dit-il.", []string{"« Nous voulons […] La paix », dit-il."}},
		{"closing parenthesis", "Il a signé (enfin.) Le texte part.", []string{"Il a signé (enfin.)", "Le texte part."}},
		{"straight quotes", `Il a dit "non." Puis il est parti.`, []string{`Il a dit "non."`, "Puis il est parti."}},
		{"next sentence opens a guillemet", "Il se tait. « Pourquoi ? » demande-t-on.", []string{"Il se tait.", "« Pourquoi ? » demande-t-on."}},
		{"dialogue dash", "Il se tourne. — Non, dit-il.", []string{"Il se tourne.", "— Non, dit-il."}},
		{"accented capital", "Il part. À Erevan, rien ne bouge.", []string{"Il part.", "À Erevan, rien ne bouge."}},
		{"elision after a period", "Il part. L’Arménie attend.", []string{"Il part.", "L’Arménie attend."}},
		{"URL and domain", "Voir www.gouv.am pour le texte. Fin.", []string{"Voir www.gouv.am pour le texte.", "Fin."}},
		{"blank line ends a sentence", "Titre sans point\n\nLe texte.", []string{"Titre sans point", "Le texte."}},
		{"single newline does not", "Un texte\ncoupé.", []string{"Un texte\ncoupé."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.in)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Sentences(%q):\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkSpans(t, tt.in, Sentences(tt.in))
		})
	}
}

// checkSpans checks the invariants of Sentences: spans in bounds, ordered,
// not overlapping, not empty, trimmed, and covering every non-space byte.
func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	prev := 0
	for i, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("span %d %v out of order or bounds (previous end %d, len %d)", i, s, prev, len(text))
		}
		if strings.TrimSpace(text[s.Start:s.End]) != text[s.Start:s.End] {
			t.Errorf("span %d %q not trimmed", i, text[s.Start:s.End])
		}
		if gap := text[prev:s.Start]; strings.TrimSpace(gap) != "" {
			t.Errorf("text %q between spans is not covered", gap)
		}
		prev = s.End
	}
	if rest := text[prev:]; strings.TrimSpace(rest) != "" {
		t.Errorf("text %q after the last span is not covered", rest)
	}
}
