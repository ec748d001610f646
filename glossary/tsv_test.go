package glossary

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// entrySummary renders entries compactly for comparison: id=sources>target.
func entrySummary(g *Glossary) string {
	var parts []string
	for _, e := range g.Entries {
		parts = append(parts, strings.Join(e.Sources, "|")+">"+e.Target)
	}
	return strings.Join(parts, "; ")
}

func TestParseDelimited(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             string
		note             string // note of the first entry
	}{
		{"tsv plain", "g.tsv", "Haut-Karabakh\tNagorno-Karabakh\nPashinian\tPashinyan\n",
			"Haut-Karabakh>Nagorno-Karabakh; Pashinian>Pashinyan", ""},
		{"tsv variants share a target", "g.tsv", "Pashinian\tPashinyan\nPachinian\tPashinyan\nErevan\tYerevan\n",
			"Pashinian|Pachinian>Pashinyan; Erevan>Yerevan", ""},
		{"tsv header, comments, blank lines, CRLF, BOM", "g.tsv", "\ufeffsource\ttarget\r\n# names\r\n\r\nUE\tEU\r\n",
			"UE>EU", ""},
		{"tsv fr/en header", "g.tab", "fr\ten\nONU\tUN\n", "ONU>UN", ""},
		{"acronym row is not a header", "g.txt", "UE\tEU\nONU\tUN\n", "UE>EU; ONU>UN", ""},
		{"tsv note column", "g.tsv", "Sotchi\tSochi\tRussian resort on the Black Sea\n", "Sotchi>Sochi", "Russian resort on the Black Sea"},
		{"tsv do not translate", "g.tsv", "Kremlin\tKremlin\n", "Kremlin>Kremlin", ""},
		{"tsv whitespace cleaned", "g.tsv", " Haut  Karabakh \tNagorno-Karabakh\n", "Haut Karabakh>Nagorno-Karabakh", ""},
		{"csv quoted", "g.csv", "term,translation\n\"Poutine, Vladimir\",\"Putin, Vladimir\",\"a note, quoted\"\nKremlin,Kremlin\n",
			"Poutine, Vladimir>Putin, Vladimir; Kremlin>Kremlin", "a note, quoted"},
		{"csv semicolons", "g.csv", "fr;en\nMoscou;Moscow\n", "Moscou>Moscow", ""},
		{"csv comment and blank", "g.csv", "# glossary\n\nSotchi,Sochi\n", "Sotchi>Sochi", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Parse(tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := entrySummary(g); got != tt.want {
				t.Errorf("entries = %s, want %s", got, tt.want)
			}
			if g.Entries[0].Note != tt.note {
				t.Errorf("note = %q, want %q", g.Entries[0].Note, tt.note)
			}
			for _, e := range g.Entries {
				if got, want := e.DoNotTranslate(), e.ID == "Kremlin"; got != want {
					t.Errorf("entry %+v: DoNotTranslate = %t, want %t", e, got, want)
				}
				if e.ID != e.Sources[0] || e.File != tt.file || e.Line == 0 {
					t.Errorf("entry %+v: bad id or position", e)
				}
			}
		})
	}
}

func TestParseDelimitedErrors(t *testing.T) {
	tests := []struct{ name, file, data, want string }{
		{"no tab", "names.tsv", "Haut-Karabakh\tNagorno-Karabakh\nPashinian Pashinyan\n", "names.tsv:2: no tab"},
		{"too many columns", "names.tsv", "# c\nA\tB\tC\tD\n", "names.tsv:2: 4 columns, want 2 or 3"},
		{"empty source", "names.tsv", "\tPashinyan\n", "names.tsv:1: empty source"},
		{"empty target", "names.tsv", "a\tb\nPashinian\t  \n", "names.tsv:2: empty target"},
		{"invalid utf-8", "names.tsv", "a\tb\nArm\xe9nie\tArmenia\n", "names.tsv:2: invalid UTF-8"},
		{"csv one column", "names.csv", "a,b\nlonely\n", "names.csv:2: 1 column"},
		{"csv bad quote", "names.csv", "a,b\n\"open,b\n", "names.csv:2:"},
		{"csv too many columns", "names.csv", "a,b,c,d\n", "names.csv:1: 4 columns"},
		{"unknown extension", "names.doc", "a\tb\n", "unknown format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLoadLaterFileWins(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.tsv", "Pashinian\tPachinian\nPachinyan\tPachinian\nErevan\tYerevan\nSotchi\tSochi\n")
	b := write("b.csv", "Pashinian,Pashinyan\nErevan,Yerevan\n")
	g, err := Load(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := entrySummary(g), "Pachinyan>Pachinian; Sotchi>Sochi; Pashinian>Pashinyan; Erevan>Yerevan"; got != want {
		t.Errorf("entries = %s, want %s", got, want)
	}
	if len(g.Conflicts) != 1 || g.Conflicts[0].Source != "Pashinian" || g.Conflicts[0].Kept.Target != "Pashinyan" ||
		g.Conflicts[0].Dropped.Target != "Pachinian" {
		t.Errorf("conflicts = %v", g.Conflicts)
	}
	if len(g.Files) != 2 || g.Files[0].Format != "tsv" || g.Files[1].Format != "csv" || len(g.Files[0].SHA256) != 64 {
		t.Errorf("files = %+v", g.Files)
	}
	var rules []string
	for _, f := range Lint(g) {
		rules = append(rules, f.Rule)
	}
	slices.Sort(rules)
	if want := []string{RuleDuplicate, RuleVariantTwoTargets}; !slices.Equal(rules, want) {
		t.Errorf("lint rules = %v, want %v", rules, want)
	}
	if _, err := Load(filepath.Join(dir, "missing.tsv")); err == nil || !strings.Contains(err.Error(), "missing.tsv") {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestFingerprint(t *testing.T) {
	parse := func(data string) string {
		g, err := Parse("g.tsv", []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		return g.Fingerprint()
	}
	base := parse("Pashinian\tPashinyan\nErevan\tYerevan\n")
	if got := parse("Erevan\tYerevan\tcapital\n# reordered\nPashinian\tPashinyan\n"); got != base {
		t.Error("order or notes changed the fingerprint")
	}
	if got := parse("Pashinian\tPashinyan\nErevan\tYerevan\nSotchi\tSochi\n"); got == base {
		t.Error("a new entry kept the fingerprint")
	}
	if got := parse("Pashinian\tPashinian\nErevan\tYerevan\n"); got == base {
		t.Error("a changed target kept the fingerprint")
	}
}
