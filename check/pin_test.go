package check

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/testkit"
)

// TestPinnedOutput pins check's whole report, in every format, on a fixed
// generated input that gives every rule something to find: bitext JSON
// files whose targets keep, drop, misspell or forbid the glossary's terms,
// change numbers, lose quotation marks and Markdown markup, are left
// untranslated or translate a repeated source two ways; articles with junk
// lines, variants and Markdown; and the team's test articles and sample
// files. The speed work of issue 18 rewrites the rules' insides: this test
// proves that it changes no finding, no line and no message. Refresh with
// go test -run TestPinnedOutput -update ./check, and review the diff like
// code.
func TestPinnedOutput(t *testing.T) {
	inputs, g := pinnedInput(t)
	r, err := Run(context.Background(), inputs, Options{Glossary: g})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) < 100 {
		t.Fatalf("the pinned input gives %d findings, want at least 100", len(r.Findings))
	}
	for _, id := range []string{TermMissing, TermForbidden, SourceVariant, Untranslated, NumberMismatch, TargetInconsistent, MarkupMismatch} {
		if r.Summary.Rules[id] == 0 {
			t.Errorf("the pinned input gives no %s finding", id)
		}
	}
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, r, format, "v1.0.0"); err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, filepath.Join("testdata", "golden", "pinned."+format), buf.Bytes())
		})
	}
}

// pinnedInput writes the input of [TestPinnedOutput] into a temporary
// folder and returns its files, named gen/… whatever the folder, and the
// glossary (glossary/testdata/sample.yaml and the team's names).
func pinnedInput(t *testing.T) ([]Input, *glossary.Glossary) {
	t.Helper()
	g, err := glossary.Load(filepath.Join("..", "glossary", "testdata", "sample.yaml"), filepath.Join("..", "testdata", "glossary", "names.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var inputs []Input
	add := func(name string, data []byte) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Input{Path: path, Name: "gen/" + name})
	}
	gen := newPinGen()
	for i := range 8 {
		var buf bytes.Buffer
		doc := gen.document(fmt.Sprintf("a%02d.txt", i), 24)
		if i%4 == 3 {
			doc.Source.Path = fmt.Sprintf("a%02d.md", i)
			doc.Source.Format = "md"
		}
		if err := bitext.Write(&buf, doc); err != nil {
			t.Fatal(err)
		}
		add(fmt.Sprintf("out/a%02d.fr-en.json", i), buf.Bytes())
	}
	for i := range 4 {
		ext := ".txt"
		if i%3 == 2 {
			ext = ".md"
		}
		add(fmt.Sprintf("articles/b%02d%s", i, ext), []byte(gen.article(20, ext == ".md")))
	}
	for _, src := range []string{
		filepath.Join("..", "testdata", "articles"),
		filepath.Join("testdata", "sample"),
	} {
		entries, err := os.ReadDir(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if kindOf(e.Name()) == "" {
				continue
			}
			data, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			add("team/"+filepath.Base(src)+"/"+e.Name(), data)
		}
	}
	return inputs, g
}

// pinGen makes deterministic French news text and its English targets.
type pinGen struct{ state uint64 }

func newPinGen() *pinGen { return &pinGen{state: 0x2545f4914f6cdd1d} }

func (g *pinGen) n(k int) int {
	g.state ^= g.state << 13
	g.state ^= g.state >> 7
	g.state ^= g.state << 17
	return int(g.state % uint64(k))
}

func pick[T any](g *pinGen, s []T) T { return s[g.n(len(s))] }

// pinTerms are glossary terms as a source writes them (canonical forms,
// variants, inflected forms, other cases) with the target the glossary
// wants and a wrong one.
var pinTerms = []struct{ source, target, wrong string }{
	{"Haut-Karabakh", "Nagorno-Karabakh", "Upper Karabakh"},
	{"Haut Karabakh", "Nagorno-Karabakh", "Height-Karabakh"},
	{"Haut-Karabagh", "Nagorno-Karabakh", "Tall Karabakh"},
	{"Pashinian", "Pashinyan", "Pachinian"},
	{"Pachinian", "Pashinyan", "Pashinian"},
	{"arméniens", "Armenians", "Armenish"},
	{"arménienne", "Armenian", "Armenish"},
	{"casques bleus", "peacekeepers", "blue helmets"},
	{"UE", "EU", "European Union"},
	{"ue", "ue", "ue"}, // case-sensitive entry: no match
	{"Kremlin", "Kremlin", "Cremlin"},
	{"#MeToo", "#MeToo", "MeToo"},
	{"Erevan", "Yerevan", "Erevan"},
	{"Bakou", "Baku", "Bakou"},
	{"Aliev", "Aliyev", "Aliev"},
	{"Conseil européen", "European Council", "Council of Europe"},
	{"Moscou", "Moscow", "Moscou"},
	{"Latchine", "Lachin", "Latchin"},
	{"Bruxelles", "Brussels", "Bruxelles"},
	{"Poutine", "Putin", "Poutine"},
}

// pinNumbers are numbers as French and English write them.
var pinNumbers = [][2]string{
	{"6 500", "6,500"}, {"12", "12"}, {"3,5", "3.5"}, {"1 200 000", "1,200,000"}, {"15 %", "15%"},
	{"2023", "2023"}, {"deux", "two"}, {"0,75", "0.75"}, {"40 000", "40,000"}, {"1er", "1st"},
	{"trois millions", "three million"}, {"17h30", "5:30 pm"}, {"n° 4", "No. 4"}, {"-5", "-5"},
}

var pinFrames = []struct{ fr, en string }{
	{"Selon %s, %s personnes ont quitté la région.", "According to %s, %s people left the region."},
	{"Le gouvernement de %s a annoncé %s nouvelles mesures.", "The government of %s announced %s new measures."},
	{"« Nous resterons », a déclaré %s devant %s témoins.", "“We will stay,” %s said in front of %s witnesses."},
	{"Les négociations avec %s ont duré %s heures.", "The talks with %s lasted %s hours."},
	{"À %s, le bilan s'élève à %s morts.", "In %s, the toll stands at %s dead."},
	{"Le porte-parole de %s n'a pas commenté les %s cas signalés.", "The spokesman of %s did not comment on the %s reported cases."},
}

var pinPlain = []struct{ fr, en string }{
	{"Les combats ont repris.", "Fighting resumed."},
	{"La situation reste tendue.", "The situation remains tense."},
	{"Aucune réaction officielle n'a été publiée.", "No official reaction was published."},
	{"Les habitants attendent.", "The inhabitants are waiting."},
}

// document is a bitext record of segs segments.
func (g *pinGen) document(path string, segs int) *bitext.Document {
	doc := &bitext.Document{Schema: bitext.Schema, Source: bitext.Source{Path: path, Lang: "fr"}, Target: bitext.Target{Lang: "en"}}
	for i := range segs {
		src, tgt := g.segment()
		seg := bitext.Segment{ID: fmt.Sprintf("p%d", i+1), Kind: bitext.KindParagraph, Source: src, Target: tgt, MT: tgt}
		switch g.n(12) {
		case 0:
			seg.Issues = []bitext.Issue{{Rule: "note", Severity: "info", Message: "diglot-ignore: number-mismatch"}}
		case 1:
			seg.Issues = []bitext.Issue{{Rule: "note", Severity: "info", Message: "diglot-ignore"}}
		}
		doc.Segments = append(doc.Segments, seg)
	}
	return doc
}

// segment is one source and target, the target right or wrong in one of a
// few ways.
func (g *pinGen) segment() (src, tgt string) {
	if g.n(5) == 0 {
		p := pick(g, pinPlain)
		src, tgt = p.fr, p.en
		if g.n(3) == 0 {
			tgt = pick(g, pinPlain).en // the same source translated another way
		}
		return src, tgt
	}
	f := pick(g, pinFrames)
	term := pinTerms[g.n(len(pinTerms))]
	num := pinNumbers[g.n(len(pinNumbers))]
	src = fmt.Sprintf(f.fr, term.source, num[0])
	target, number := term.target, num[1]
	switch g.n(9) {
	case 0:
		target = term.wrong
	case 1:
		number = pinNumbers[g.n(len(pinNumbers))][1]
	case 2:
		return src, src // untranslated
	case 3:
		tgt = fmt.Sprintf(f.en, target, number)
		return src, strings.NewReplacer("“", "", "”", "").Replace(tgt) + " “"
	case 4:
		return "**" + src + "**", fmt.Sprintf(f.en, target, number)
	case 5:
		number = num[0]
	}
	tgt = fmt.Sprintf(f.en, target, number)
	if g.n(4) == 0 {
		s2, t2 := g.segment()
		src, tgt = src+" "+s2, tgt+" "+t2
	}
	return src, tgt
}

var pinJunk = []string{
	"[ad_1]", "Partager sur Facebook", "Facebook Twitter LinkedIn", "Publicité", "Abonnez-vous à notre newsletter.",
	"© 2023 Le Journal. Tous droits réservés.", "En poursuivant votre navigation, vous acceptez l'utilisation des cookies.",
	"Tout accepter", "Lire aussi : la crise au Haut-Karabakh", "Crédit photo : AFP", "Cliquez ici pour en savoir plus.",
	"Suivez-nous sur les réseaux.", "Source link", "(Photo : Reuters)",
}

// article is a source-only article of paras paragraphs with junk lines
// among them, in Markdown when md.
func (g *pinGen) article(paras int, md bool) string {
	var b strings.Builder
	if md {
		b.WriteString("---\ntitle: Dépêche\n---\n\n# Les nouvelles de " + pick(g, pinTerms[:]).source + "\n\n")
	}
	for range paras {
		if g.n(4) == 0 {
			b.WriteString(pick(g, pinJunk) + "\n\n")
		}
		src, _ := g.segment()
		if md && g.n(3) == 0 {
			src = "- " + src
		}
		b.WriteString(src + "\n\n")
	}
	return b.String()
}
