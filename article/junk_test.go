package article

import (
	"regexp"
	"testing"
)

func TestDefaultJunkRules(t *testing.T) {
	tests := []struct {
		line string
		rule string // "" means the line stays
	}{
		{"[ad_1]", "ad-marker"},
		{"[ad_2]", "ad-marker"},
		{"[ ad ]", "ad-marker"},
		{"Source link", "source-link"},
		{"Source link -32", "source-link"},
		{"source link - 3216", "source-link"},
		{"Lire aussi : Arménie, dix dates pour comprendre", "read-also"},
		{"À lire aussi", "read-also"},
		{"A lire également : le portrait de Nikol Pashinyan", "read-also"},
		{"LIRE AUSSI", "read-also"},
		{"Voir aussi…", "read-also"},
		{"Partager sur Facebook", "share"},
		{"Partager sur Twitter", "share"},
		{"Partager :", "share"},
		{"Partagez cet article", "share"},
		{"Facebook Twitter LinkedIn", "share"},
		{"Facebook | Twitter | E-mail", "share"},
		{"Publicité", "ad-label"},
		{"PUBLICITÉ", "ad-label"},
		{"Contenu sponsorisé", "ad-label"},
		{"Abonnez-vous", "subscribe"},
		{"Abonnez-vous à notre newsletter pour ne rien manquer", "subscribe"},
		{"Inscrivez-vous à notre lettre d'information !", "subscribe"},
		{"Newsletter", "subscribe"},
		{"Cliquez ici pour suivre notre direct", "click-here"},
		{"Suivez-nous sur Facebook, X et LinkedIn", "follow-us"},
		{"Rejoignez-nous sur Telegram", "follow-us"},
		{"Retrouvez toute l’actualité de votre région sur notre site", "find-more"},
		{"Retrouvez nos podcasts", "find-more"},
		{"Crédit photo : AFP", "photo-credit"},
		{"Crédits photos: Reuters / Maxar", "photo-credit"},
		{"(Photo: Météo-France)", "photo-credit"},
		{"Photo : Karen Minasyan / AFP", "photo-credit"},
		{"Tous droits réservés", "copyright"},
		{"© 2024 Le Quotidien. Tous droits réservés.", "copyright"},
		{"© AFP", "copyright"},
		{"Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre navigation, vous acceptez leur utilisation.", "cookie-banner"},
		{"Tout accepter", "cookie-banner"},
		{"Continuer sans accepter", "cookie-banner"},

		// prose that merely mentions the same words stays
		{"La délégation a publié sur Facebook une photo du sommet.", ""},
		{"Le ministre a refusé de partager sur Twitter ses impressions après la rencontre de Sotchi.", ""},
		{"La publicité politique est interdite pendant la campagne.", ""},
		{"Retrouvez-le demain à Erevan, a-t-il lancé. Puis il est parti.", ""},
		{"Il faut lire aussi entre les lignes du communiqué.", ""},
		{"Les cookies des navigateurs posent un problème de vie privée, selon la Cnil.", ""},
		{"Source : ministère arménien des Affaires étrangères.", ""},
		{"Tous les droits des prisonniers doivent être respectés.", ""},
		{"L’ad hoc comité se réunit lundi.", ""},
		{"Photo de famille à Bruxelles : les dirigeants sourient. Le texte, lui, n’est pas signé.", ""},
		{"(c) les pays voisins.", ""},
	}
	c := newCleaner(Options{})
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := c.rule(tt.line); got != tt.rule {
				t.Errorf("rule(%q) = %q, want %q", tt.line, got, tt.rule)
			}
		})
	}
}

func TestKeepJunk(t *testing.T) {
	a, err := Parse("a.txt", []byte("[ad_1]\nTexte.\nSource link -32\n"), Options{KeepJunk: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Removed) != 0 || len(a.Blocks) != 3 {
		t.Errorf("KeepJunk: removed %v, %d blocks; want nothing removed, 3 blocks", a.Removed, len(a.Blocks))
	}
}

func TestUserJunkRules(t *testing.T) {
	r, err := ParseJunkRule("newsletter-maison=Recevez .* chaque matin")
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("Texte.\nRecevez Le Quotidien chaque matin\n[ad_1]\nNe recevez pas ceci chaque matin et plus\n")
	a, err := Parse("a.txt", data, Options{Junk: []JunkRule{r}})
	if err != nil {
		t.Fatal(err)
	}
	// only the user rule applies: [ad_1] stays; the rule must match the whole line
	if got, want := fmtRemoved(a), "[{Line:2 Text:Recevez Le Quotidien chaque matin Rule:newsletter-maison}]"; got != want {
		t.Errorf("removed %s, want %s", got, want)
	}
	if len(a.Blocks) != 3 {
		t.Errorf("%d blocks, want 3", len(a.Blocks))
	}
	// an empty, non-nil rule list cleans nothing
	a, err = Parse("a.txt", data, Options{Junk: []JunkRule{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Removed) != 0 {
		t.Errorf("empty rule list removed %v", a.Removed)
	}
}

// TestUserJunkRuleQuoted is a user rule that quotes to its end (\Q with
// no \E): it is anchored like any other, not refused with a panic.
func TestUserJunkRuleQuoted(t *testing.T) {
	r, err := ParseJunkRule(`pub-maison=\Q[pub].*`)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse("a.txt", []byte("Texte.\n[pub].*\n[pub] et plus\n"), Options{Junk: []JunkRule{r}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmtRemoved(a), "[{Line:2 Text:[pub].* Rule:pub-maison}]"; got != want {
		t.Errorf("removed %s, want %s", got, want)
	}
}

func TestParseJunkRule(t *testing.T) {
	tests := []struct {
		spec    string
		name    string
		match   string // a line the rule must remove
		wantErr string
	}{
		{spec: "promo=Offre spéciale.*", name: "promo", match: "Offre spéciale -50 %"},
		{spec: " live-blog =(?i)en direct", name: "live-blog", match: "EN DIRECT"},
		{spec: "alt=a|ab", name: "alt", match: "ab"}, // whole line, not the leftmost match
		{spec: "sans-egal", wantErr: `junk rule "sans-egal": missing "=" (want name=regexp)`},
		{spec: "=x", wantErr: `junk rule "=x": bad name "" (want lowercase letters, digits and hyphens)`},
		{spec: "Mauvais Nom=x", wantErr: `junk rule "Mauvais Nom=x": bad name "Mauvais Nom" (want lowercase letters, digits and hyphens)`},
		{spec: "vide=", wantErr: `junk rule "vide=": empty regexp`},
		{spec: "cassee=(", wantErr: "junk rule \"cassee\": error parsing regexp: missing closing ): `(`"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			r, err := ParseJunkRule(tt.spec)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Name != tt.name {
				t.Errorf("name %q, want %q", r.Name, tt.name)
			}
			c := newCleaner(Options{Junk: []JunkRule{r}})
			if c.rule(tt.match) != tt.name {
				t.Errorf("rule does not remove %q", tt.match)
			}
			if c.rule("avant "+tt.match) != "" {
				t.Errorf("rule removes a line that only contains a match")
			}
		})
	}
}

func TestDefaultJunkRuleNames(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	for _, r := range DefaultJunkRules() {
		if !valid.MatchString(r.Name) {
			t.Errorf("rule name %q is not a valid rule id", r.Name)
		}
		if regexp.MustCompile(`^(?:` + r.Pattern.String() + `)$`).MatchString("") {
			t.Errorf("rule %s (%s) matches an empty line", r.Name, r.Pattern)
		}
	}
}
