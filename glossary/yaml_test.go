package glossary

import (
	"strings"
	"testing"
)

const yamlSample = `# diglot glossary
from: fr
to: en
entries:
  - source: Haut-Karabakh
    variants: [Haut Karabakh, Haut-Karabagh]
    forms: []
    target: Nagorno-Karabakh
    target_forms: []
    forbidden: [Upper Karabakh, Tall Karabakh, Height-Karabakh]
    case: insensitive   # or sensitive
    stem: false
    note: "Région disputée du Caucase"
    pos: noun
  - source: arménien
    stem: true
    target: Armenian
    target_forms: [Armenians]
  - source: Sotchi
    target: Sochi
    case: sensitive
`

func TestParseYAML(t *testing.T) {
	g, err := Parse("g.yaml", []byte(yamlSample))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := entrySummary(g), "Haut-Karabakh|Haut Karabakh|Haut-Karabagh>Nagorno-Karabakh; arménien>Armenian; Sotchi>Sochi"; got != want {
		t.Fatalf("entries = %s, want %s", got, want)
	}
	hk, arm, so := g.Entries[0], g.Entries[1], g.Entries[2]
	if len(hk.Forbidden) != 3 || hk.Note != "Région disputée du Caucase" || hk.POS != "noun" || hk.Line != 5 || hk.CaseSensitive {
		t.Errorf("entry 1 = %+v", hk)
	}
	if !arm.Stem || arm.TargetForms[0] != "Armenians" || arm.Line != 15 {
		t.Errorf("entry 2 = %+v", arm)
	}
	if !so.CaseSensitive {
		t.Errorf("entry 3 = %+v", so)
	}
	if got := render(g.Matcher().Find("les forces arméniennes et sotchi")); got != "[arméniennes=arménien]" {
		t.Errorf("Find = %s", got)
	}
}

func TestParseYAMLErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"syntax", "from: fr\nto\n", "g.yaml:2:"},
		{"unknown field", "entries:\n  - source: a\n    targt: b\n", `g.yaml:3: unknown field "targt"`},
		{"unknown top field", "form: fr\n", `g.yaml:1: unknown field "form"`},
		{"no target", "entries:\n  - source: a\n", `g.yaml:2: entry "a" has no target`},
		{"no source", "entries:\n  - target: b\n", "g.yaml:2: entry has no source"},
		{"bad case", "entries:\n  - {source: a, target: b, case: upper}\n", `g.yaml:2: case: "upper"`},
		{"wrong type", "entries:\n  - source: a\n    target: b\n    stem: maybe\n", "g.yaml:4:"},
		{"entries not a list", "entries: 3\n", "g.yaml:1: entries: want a list"},
		{"other language", "from: es\nentries: []\n", `g.yaml:1: from: "es", but the run is fr to en`},
		{"not a mapping", "- a\n", "g.yaml:1: want a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("g.yaml", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if g, err := Parse("empty.yml", nil); err != nil || len(g.Entries) != 0 {
		t.Errorf("empty file: %v, %v", g, err)
	}
}
