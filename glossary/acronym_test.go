package glossary

import (
	"strings"
	"testing"
)

// An all-caps entry matches its own capitals and the title case the French
// press writes for acronyms read as words, never the lowercase word, and not
// a title-case French word at a sentence start.
func TestAcronymTitleCase(t *testing.T) {
	g, err := Parse("acronyms.tsv", []byte("OTAN\tNATO\nONU\tUN\nUNESCO\tUNESCO\nUE\tEU\nEST\tEast Timor\nCE\tEC\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := g.Matcher()
	for _, c := range []struct {
		name, text string
		want       []string // matched forms, in order
	}{
		{"capitals", "Le sommet de l’OTAN et de l’ONU.", []string{"OTAN", "ONU"}},
		{"title case after elision", "Le sommet de l’Otan et de l'Onu.", []string{"Otan", "Onu"}},
		{"long acronym", "L’Unesco classe le site ; l’UNESCO le confirme.", []string{"Unesco", "UNESCO"}},
		{"lowercase never", "Une otan, un onu, une unesco.", nil},
		{"mixed case is not title case", "L’OTan et l’oTAN.", nil},
		{"title-case French word", "Est-ce vrai ? Est il venu ?", nil},
		{"two letters keep their case", "Ue et Ce ne sont pas UE ni CE.", []string{"UE", "CE"}},
		{"all-caps headline", "L’OTAN RÉUNIT L’ONU", []string{"OTAN", "ONU"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, mt := range m.Find(c.text) {
				got = append(got, mt.Form)
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("Find(%q) = %q, want %q", c.text, got, c.want)
			}
		})
	}
}

// A title-case acronym left untranslated in the target is repaired to the
// glossary's target, and the term counts as honoured.
func TestAcronymTitleCaseRepaired(t *testing.T) {
	g, err := Parse("acronyms.tsv", []byte("OTAN\tNATO\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := g.Matcher()
	src := "Les ministres de l’Otan se réunissent."
	fixed, problems := m.Enforce(src, m.Find(src), "The ministers of the Otan meet.")
	if fixed != "The ministers of the NATO meet." || len(problems) != 0 {
		t.Errorf("repaired %q, problems %v", fixed, problems)
	}
}
