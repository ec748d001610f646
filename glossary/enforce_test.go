package glossary

import (
	"fmt"
	"strings"
	"testing"
)

func TestCaseTarget(t *testing.T) {
	m := testGlossary(t).Matcher()
	tests := []struct{ text, want string }{
		{"le Haut-Karabakh", "Nagorno-Karabakh"},
		{"LE HAUT-KARABAKH", "NAGORNO-KARABAKH"},
		{"L’UE a dit", "EU"}, // an acronym is in capitals by nature
		{"Casques bleus", "Peacekeeper"},
		{"des casques bleus", "peacekeeper"},
		{"Fin. Casques bleus", "Peacekeeper"},
		{"« casques bleus »", "Peacekeeper"},
		{"3.casque bleu", "peacekeeper"},
		{"CASQUES BLEUS", "PEACEKEEPER"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ms := m.Find(tt.text)
			if len(ms) != 1 {
				t.Fatalf("matches = %s", render(ms))
			}
			if got := CaseTarget(tt.text, ms[0]); got != tt.want {
				t.Errorf("CaseTarget = %q, want %q", got, tt.want)
			}
		})
	}
}

// enforceGlossary adds to the matching tests' glossary entries whose targets
// clash, to exercise what repair cannot fix.
func enforceGlossary(t *testing.T) *Glossary {
	g := testGlossary(t)
	g.Entries = append(g.Entries,
		&Entry{ID: "Karabagh", Sources: []string{"Karabagh"}, Target: "Karabakh", Forbidden: []string{"Upper Karabakh"}},
		&Entry{ID: "Artsakh", Sources: []string{"Artsakh"}, Target: "Artsakh", Forbidden: []string{"Nagorno-Karabakh"}},
		&Entry{ID: "Erevan", Sources: []string{"Erevan"}, Target: "Yerevan", TargetForms: []string{"Erevan"}},
	)
	g.Entries[3].TargetForms = []string{"Armenians"} // arménien
	return g
}

func TestEnforce(t *testing.T) {
	m := enforceGlossary(t).Matcher()
	tests := []struct {
		name, src, target string
		want              string // repaired target
		problems          string // rule:form, space separated
	}{
		{"honoured", "la région du Haut-Karabakh", "the Nagorno-Karabakh region", "the Nagorno-Karabakh region", ""},
		{"honoured in another case", "le Haut-Karabakh", "the nagorno karabakh region", "the nagorno karabakh region", ""},
		{"untranslated source form", "le Haut-Karabakh", "the Haut-Karabakh region", "the Nagorno-Karabakh region", ""},
		{"untranslated variant", "Pashinian a dit", "Pashinian said", "Pashinyan said", ""},
		{"variant in other spelling", "Pashinian a dit", "Pachinian said", "Pashinyan said", ""},
		{"forbidden form", "le Haut-Karabakh", "the Upper Karabakh region", "the Nagorno-Karabakh region", ""},
		{"forbidden form, all caps", "LE HAUT-KARABAKH", "THE TALL KARABAKH", "THE NAGORNO-KARABAKH", ""},
		{"forbidden at sentence start", "Haut-Karabakh.", "Height-Karabakh.", "Nagorno-Karabakh.", ""},
		{"forbidden containing the target", "Karabagh", "Upper Karabakh", "Karabakh", ""},
		{"forbidden inside the target is fine", "Haut-Karabakh et Karabagh", "Nagorno-Karabakh and Karabakh", "Nagorno-Karabakh and Karabakh", ""},
		{"plural allowed", "les casques bleus", "the peacekeepers", "the peacekeepers", ""},
		{"possessive allowed", "le bureau de Pashinyan", "Pashinyan’s office", "Pashinyan’s office", ""},
		{"target form allowed", "les arméniens", "the Armenians", "the Armenians", ""},
		{"target form equal to a source form", "à Erevan", "in Erevan", "in Erevan", ""},
		{"lower-case target capitalised at sentence start", "Casques bleus.", "casques bleus came. Good.", "Peacekeeper came. Good.", ""},
		{"missing", "le Haut-Karabakh", "the region", "the region", "term-missing:Haut-Karabakh"},
		{"one of two missing", "Haut-Karabakh et Haut-Karabagh", "Nagorno-Karabakh and the mountains", "Nagorno-Karabakh and the mountains", "term-missing:Haut-Karabagh"},
		{"case-sensitive entry", "à Sotchi", "in sochi", "in sochi", "term-missing:Sotchi"},
		{"another entry's forbidden form", "Haut-Karabakh ou Artsakh", "Nagorno-Karabakh or Artsakh", "Nagorno-Karabakh or Artsakh", "term-forbidden:Nagorno-Karabakh"},
		{"nothing matched", "rien", "nothing", "nothing", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := m.Find(tt.src)
			for name, enforce := range map[string]func(string, []Match, string) (string, []Problem){
				"Enforce": Enforce, "Matcher.Enforce": m.Enforce,
			} {
				got, problems := enforce(tt.src, ms, tt.target)
				if got != tt.want {
					t.Errorf("%s: repaired = %q, want %q", name, got, tt.want)
				}
				var ps []string
				for _, p := range problems {
					ps = append(ps, p.Rule+":"+p.Form)
					if !strings.Contains(p.Message, p.Form) || p.Entry == nil {
						t.Errorf("%s: problem %+v does not name its form", name, p)
					}
				}
				if s := strings.Join(ps, " "); s != tt.problems {
					t.Errorf("%s: problems = %q, want %q", name, s, tt.problems)
				}
			}
		})
	}
}

func TestCountTargetAndForbidden(t *testing.T) {
	g := enforceGlossary(t)
	m := g.Matcher()
	hk := g.Entries[0]
	text := "Nagorno-Karabakh, NAGORNO KARABAKH and Upper Karabakh; the Tall Karabakh."
	if n := m.CountTarget(text, hk); n != 2 {
		t.Errorf("CountTarget = %d, want 2", n)
	}
	if got := render(m.FindForbidden(text, hk)); got != "[Upper Karabakh=Haut-Karabakh][Tall Karabakh=Haut-Karabakh]" {
		t.Errorf("FindForbidden = %s", got)
	}
	got := render(m.FindForbiddenAll(text))
	if want := "[Nagorno-Karabakh=Artsakh][NAGORNO KARABAKH=Artsakh][Upper Karabakh=Haut-Karabakh][Tall Karabakh=Haut-Karabakh]"; got != want {
		t.Errorf("FindForbiddenAll = %s, want %s", got, want)
	}
	// Concurrent use shares the cached automata.
	done := make(chan int)
	for range 4 {
		go func() { done <- m.CountTarget(text, hk) }()
	}
	for range 4 {
		if n := <-done; n != 2 {
			t.Errorf("concurrent CountTarget = %d", n)
		}
	}
}

func ExampleEnforce() {
	g, _ := Parse("names.tsv", []byte("Haut-Karabakh\tNagorno-Karabakh\nHaut Karabagh\tNagorno-Karabakh\nPashinian\tPashinyan\n"))
	src := "Pashinian parle du Haut-Karabagh."
	ms := g.Matcher().Find(src)
	repaired, problems := Enforce(src, ms, "Pashinian speaks of Upper Karabagh.")
	fmt.Println(repaired)
	for _, p := range problems {
		fmt.Println(p.Rule, p.Message)
	}
	// Output:
	// Pashinyan speaks of Upper Karabagh.
	// term-missing "Haut-Karabagh" is not translated as "Nagorno-Karabakh"
}

// Machine translation often leaves French elisions in its output; a target
// term written after one is present.
func TestEnforceTargetAfterElision(t *testing.T) {
	g, err := Parse("names.tsv", []byte("Azerbaïdjan\tAzerbaijan\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := g.Matcher()
	src := "La délégation d’Azerbaïdjan est arrivée."
	for _, target := range []string{"The délégation d’Azerbaijan has arrived.", "The delegation the’Azerbaijan has arrived."} {
		repaired, problems := m.Enforce(src, m.Find(src), target)
		if len(problems) != 0 || repaired != target {
			t.Errorf("repaired %q, problems %v", repaired, problems)
		}
	}
}
