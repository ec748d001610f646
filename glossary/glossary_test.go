package glossary

import (
	"strings"
	"testing"
)

func TestParseTSV(t *testing.T) {
	g, err := Parse("names.tsv", []byte("\ufeffsource\ttarget\n# comment\nHaut-Karabakh\tNagorno-Karabakh\nHaut Karabagh\tNagorno-Karabakh\r\n\nPashinian\tPashinyan\tPrime minister of Armenia\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Entries) != 2 {
		t.Fatalf("entries = %d", len(g.Entries))
	}
	e := g.Entries[0]
	if e.ID != "Haut-Karabakh" || strings.Join(e.Sources, "|") != "Haut-Karabakh|Haut Karabagh" || e.Line != 3 {
		t.Errorf("entry 0 = %+v", e)
	}
	if g.Entries[1].Note != "Prime minister of Armenia" {
		t.Errorf("note = %q", g.Entries[1].Note)
	}
	ms := g.Matcher().Find("L’Arménie et le Haut Karabakh, pas le haut-karabagh ni Pashinian.")
	for _, m := range ms {
		t.Logf("%+v %q", m, m.Form)
	}
}
