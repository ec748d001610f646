package glossary

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diglot/diglot/internal/testkit"
)

// checkParsed asserts what every successful parse guarantees, and that the
// result survives a YAML round trip and building a matcher.
func checkParsed(t *testing.T, g *Glossary) {
	t.Helper()
	for _, e := range g.Entries {
		if len(e.Sources) == 0 || e.ID != e.Sources[0] || e.Sources[0] == "" || e.Target == "" {
			t.Fatalf("bad entry %+v", e)
		}
	}
	m := g.Matcher()
	for _, e := range g.Entries {
		m.Find(e.Sources[0])
	}
	var buf bytes.Buffer
	if err := Write(&buf, g, "yaml"); err != nil {
		t.Fatal(err)
	}
	back, err := Parse("back.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("YAML written does not read back: %v\n%s", err, buf.String())
	}
	if len(back.Entries) > len(g.Entries) {
		t.Fatalf("round trip grew from %d to %d entries", len(g.Entries), len(back.Entries))
	}
	_ = Lint(g)
}

func fuzzParser(f *testing.F, name string, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Parse(name, data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), name) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		checkParsed(t, g)
	})
}

func FuzzParseTSV(f *testing.F) {
	fuzzParser(f, "f.tsv", "Haut-Karabakh\tNagorno-Karabakh\nHaut Karabagh\tNagorno-Karabakh\tnote\n",
		"\ufeffsource\ttarget\r\n# c\nUE\tEU\n", "a\tb\tc\td\n", "x\n", "\tb\n", "a\t \n", "Arm\xe9nie\tArmenia\n")
}

func FuzzParseCSV(f *testing.F) {
	fuzzParser(f, "f.csv", "fr,en\n\"Poutine, V.\",Putin\n", "a;b\nc;d\n", "\"open,b\n", "# x\n\na,b,c\n", "a,b,c,d\n")
}

func FuzzParseYAML(f *testing.F) {
	fuzzParser(f, "f.yaml", yamlSample, "entries:\n  - {source: a, target: b, case: sensitive}\n", "from: fr\nto\n",
		"entries: [{source: '', target: x}]\n", "entries:\n  - source: a\n    target: b\n    variants: [\"\", \" a  b \"]\n")
}

func FuzzParseTBX(f *testing.F) {
	for _, p := range []string{"testdata/golden/sample.tbx"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	if okapi, err := testkit.CorpusPath("tbx", "okapi"); err == nil {
		for _, name := range []string{"maryland.tbx", "test01.tbx", "test02_win1254.tbx"} {
			if data, err := os.ReadFile(filepath.Join(okapi, name)); err == nil {
				f.Add(data)
			}
		}
	}
	fuzzParser(f, "f.tbx", `<tbx><text><body><conceptEntry><langSec xml:lang="fr"><termSec><term>a</term></termSec></langSec>`+
		`<langSec xml:lang="en"><termSec><term>b</term><termNote type="usageStatus">deprecated</termNote></termSec>`+
		`<termSec><term>c</term></termSec></langSec></conceptEntry></body></text></tbx>`,
		`<martif><text><body><termEntry><langSet xml:lang="fr"><term>x</term></langSet></termEntry></body></text></martif>`,
		`<?xml version="1.0" encoding="windows-1252"?><tbx/>`, "<tbx>\n<text>&ent;</text></tbx>")
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"L’Arménie et le Haut-Karabakh", "LE HAUT KARABAKH", "des casques bleus", "Conseil européen",
		"l'UE, l’ONU", "Arme\u0301nie", "6\u202f500", "O’Neill aujourd’hui", "'''", "\xff\xfe", "é\u0301\u0301",
	} {
		f.Add(s)
	}
	m := testGlossary(f).Matcher()
	f.Fuzz(func(t *testing.T, text string) {
		ms := m.Find(text)
		end := 0
		for _, x := range ms {
			if x.Start < end || x.End <= x.Start || x.End > len(text) {
				t.Fatalf("match %d:%d after %d in %d bytes: not ordered, empty, overlapping or outside", x.Start, x.End, end, len(text))
			}
			if text[x.Start:x.End] != x.Form || x.Entry == nil {
				t.Fatalf("match %+v: form is not text[start:end]", x)
			}
			if utf8.ValidString(text) && !utf8.ValidString(x.Form) {
				t.Fatalf("match %+v splits a character", x)
			}
			end = x.End
		}
		repaired, _ := m.Enforce(text, ms, text)
		if utf8.ValidString(text) && !utf8.ValidString(repaired) {
			t.Fatalf("Enforce made invalid UTF-8 of %q: %q", text, repaired)
		}
		for _, x := range ms {
			CaseTarget(text, x)
		}
	})
}

// FuzzMatchSelf checks that any term is found in its own text, from its first
// token to its last, with and without the stemmer, and inside a sentence.
func FuzzMatchSelf(f *testing.F) {
	for _, s := range []string{"Haut-Karabakh", "l’Arménie", "UE", "casques bleus", "S.A.", "6 500", "Arme\u0301nie", "ǅ", "ΣΑΣ"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, term string, stem bool) {
		toks := tokenize(term)
		if len(toks) == 0 || !utf8.ValidString(term) {
			return
		}
		g := &Glossary{Entries: []*Entry{{ID: term, Sources: []string{term}, Target: "x", Stem: stem}}}
		m := g.Matcher()
		start, end := toks[0].start, toks[len(toks)-1].end
		for _, text := range []string{term, "« " + term + " »"} {
			off := strings.Index(text, term)
			ms := m.Find(text)
			if len(ms) != 1 || ms[0].Start != off+start || ms[0].End != off+end {
				t.Fatalf("Find(%q) = %+v, want one match at %d:%d", text, ms, off+start, off+end)
			}
		}
	})
}
