package output

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/xliff"
)

// xliffSample is a realistic translated article: terms, problems, multi-sentence
// paragraphs, a code block, markup characters and no-break spaces.
func xliffSample() *bitext.Document {
	p1 := "Le Premier ministre arménien Nikol Pashinyan a rencontré M. Aliev à Bruxelles. Les deux dirigeants ont parlé du Haut-Karabakh\u00a0!"
	return &bitext.Document{
		Schema:  bitext.Schema,
		Source:  bitext.Source{Path: "news/2023/karabakh.txt", Lang: "fr", SHA256: "9f2c1e", Title: "Pashinyan et Aliev", Format: "txt", Encoding: "utf-8"},
		Target:  bitext.Target{Lang: "en", Title: "Pashinyan and Aliyev"},
		Backend: bitext.Backend{Name: "apertium", Model: "fra-spa-eng"},
		Segments: []bitext.Segment{
			{
				ID: "t1", Kind: bitext.KindTitle, Source: "Pashinyan et Aliev", Target: "Pashinyan and Aliyev", Origin: "mt",
			},
			{
				ID: "p1", Kind: bitext.KindParagraph, Line: 3, Origin: "mt",
				Source:    p1,
				Sentences: []string{"Le Premier ministre arménien Nikol Pashinyan a rencontré M. Aliev à Bruxelles.", "Les deux dirigeants ont parlé du Haut-Karabakh\u00a0!"},
				Target:    "Armenian Prime Minister Nikol Pashinyan met Mr. Aliyev in Brussels. The two leaders discussed Nagorno-Karabakh!",
				MT:        "Armenian Prime Minister Nikol Pashinyan met Mr. Aliev in Brussels. The two leaders spoke of High Karabakh!",
				Terms: []bitext.Term{
					{Source: "Pashinyan", Target: "Pashinyan", Entry: "Pashinyan", Start: strings.Index(p1, "Pashinyan"), End: strings.Index(p1, "Pashinyan") + len("Pashinyan")},
					{Source: "Haut-Karabakh", Target: "Nagorno-Karabakh", Entry: "Haut-Karabakh", Start: strings.Index(p1, "Haut-Karabakh"), End: strings.Index(p1, "Haut-Karabakh") + len("Haut-Karabakh")},
				},
			},
			{
				ID: "p2", Kind: bitext.KindQuote, Line: 5, Origin: "tm",
				Source:    "«\u00a0Nous voulons la paix\u00a0», a-t-il dit. Le coût : 6\u00a0500 € & plus <selon> l'AFP.",
				Sentences: []string{"«\u00a0Nous voulons la paix\u00a0», a-t-il dit.", "Le coût : 6\u00a0500 € & plus <selon> l'AFP."},
				Target:    "\"We want peace,\" he said. The cost: €6,500 & more <according to> AFP, and more.",
				Issues: []bitext.Issue{
					{Rule: "number-mismatch", Severity: bitext.SeverityError, Message: "6 500 became 6,500 & <more>"},
					{Rule: "source-variant", Severity: bitext.SeverityWarning, Message: "Pachinian is a variant of Pashinyan"},
				},
			},
			{
				// The target has one sentence for the source's two: one XLIFF segment.
				ID: "p3", Kind: bitext.KindParagraph, Line: 7, Origin: "mt",
				Source:    "Il est parti. Elle est restée.",
				Sentences: []string{"Il est parti.", "Elle est restée."},
				Target:    "He left while she stayed.",
				Terms:     []bitext.Term{{Source: "Pachinian", Target: "Pashinyan", Entry: "Pashinyan", Variant: true}},
			},
			{
				ID: "p4", Kind: bitext.KindListItem, Level: 1, Marker: "-", Line: 9,
				Source: "Un paragraphe non traduit.",
				Issues: []bitext.Issue{{Rule: "untranslated", Severity: bitext.SeverityError, Message: "empty target"}},
			},
			{
				ID: "c1", Kind: bitext.KindCode, Line: 11, Origin: "copy",
				Source: "if a < b && c > d {\n\treturn \"x\"\x01\n}",
				Target: "if a < b && c > d {\n\treturn \"x\"\x01\n}",
			},
		},
	}
}

func TestWriteXLIFFGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLIFF(&buf, xliffSample()); err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, filepath.Join("testdata", "sample.fr-en.xlf"), buf.Bytes())
}

// TestWriteValidates checks the written XLIFF against the OASIS core schema
// and its modules with xmllint.
func TestWriteXLIFFValidates(t *testing.T) {
	schemas := testkit.Corpus(t, "schemas", "xliff21")
	testkit.NeedXMLLint(t)
	catalog := filepath.Join(schemas, "catalog.xml")
	out := filepath.Join(t.TempDir(), "sample.fr-en.xlf")
	var buf bytes.Buffer
	if err := WriteXLIFF(&buf, xliffSample()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := testkit.ValidateXSD(t, filepath.Join(schemas, "xliff_core_2.0.xsd"), catalog, out); err != nil {
		t.Fatalf("xmllint rejects the written XLIFF: %v", err)
	}
	// The module XSDs are imported by nothing in the core schema: validate the
	// module elements against them through a wrapper schema.
	for _, module := range []string{"metadata.xsd", "glossary.xsd"} {
		if _, err := os.Stat(filepath.Join(schemas, module)); err != nil {
			t.Fatalf("module schema %s missing: %v", module, err)
		}
	}
	wrapper := filepath.Join(t.TempDir(), "all.xsd")
	abs, _ := filepath.Abs(schemas)
	xsd := `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:diglot:test:all">
  <xs:import namespace="` + xliff.NS2 + `" schemaLocation="` + filepath.Join(abs, "xliff_core_2.0.xsd") + `"/>
  <xs:import namespace="` + xliff.NSMetadata + `" schemaLocation="` + filepath.Join(abs, "metadata.xsd") + `"/>
  <xs:import namespace="` + xliff.NSGlossary + `" schemaLocation="` + filepath.Join(abs, "glossary.xsd") + `"/>
</xs:schema>
`
	if err := os.WriteFile(wrapper, []byte(xsd), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := testkit.ValidateXSD(t, wrapper, catalog, out); err != nil {
		t.Fatalf("xmllint rejects the written XLIFF with the module schemas: %v", err)
	}
}

// TestRoundTrip writes a document and reads it back.
func TestXLIFFRoundTrip(t *testing.T) {
	d := xliffSample()
	var buf bytes.Buffer
	if err := WriteXLIFF(&buf, d); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sample.xlf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := xliff.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	opened, err := bitext.Open(path, bitext.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != "2.1" || f.SrcLang != "fr" || f.TrgLang != "en" {
		t.Errorf("got version %q %s->%s", f.Version, f.SrcLang, f.TrgLang)
	}
	got := opened.Document()
	if got.Source != d.Source || got.Target != d.Target || got.Backend != d.Backend {
		t.Errorf("metadata: got %+v %+v %+v", got.Source, got.Target, got.Backend)
	}
	if len(got.Segments) != len(d.Segments) {
		t.Fatalf("got %d segments, want %d", len(got.Segments), len(d.Segments))
	}
	for i, want := range d.Segments {
		t.Run(want.ID, func(t *testing.T) {
			g, u := got.Segments[i], f.Files[0].Units[i]
			if g.ID != want.ID || g.Source != want.Source || g.Target != want.Target {
				t.Errorf("got %q %q -> %q, want %q %q -> %q", g.ID, g.Source, g.Target, want.ID, want.Source, want.Target)
			}
			wantState := "translated"
			if want.Target == "" {
				wantState = ""
				if u.State != "initial" {
					t.Errorf("state %q, want initial", u.State)
				}
			}
			for _, s := range u.Segments {
				if s.State != map[bool]string{true: "translated", false: "initial"}[wantState != ""] {
					t.Errorf("segment %s state %q", s.ID, s.State)
				}
			}
			if g.Kind != want.Kind || g.Origin != want.Origin || g.MT != want.MT || g.Line != want.Line || g.Level != want.Level || g.Marker != want.Marker {
				t.Errorf("segment fields: got %+v", g)
			}
			if !reflect.DeepEqual(g.Issues, want.Issues) {
				t.Errorf("issues: got %+v, want %+v", g.Issues, want.Issues)
			}
			if !reflect.DeepEqual(g.Terms, want.Terms) {
				t.Errorf("terms: got %+v, want %+v", g.Terms, want.Terms)
			}
			if u.Translate != (want.Kind != bitext.KindCode) {
				t.Errorf("translate = %v", u.Translate)
			}
		})
	}
	if n := len(f.Files[0].Units[2].Segments); n != 2 {
		t.Errorf("p1 has %d XLIFF segments, want one per sentence", n)
	}
	if n := len(f.Files[0].Units[3].Segments); n != 1 {
		t.Errorf("p3 has %d XLIFF segments, want 1 (target sentences do not match)", n)
	}
}

func TestWriteXLIFFRejects(t *testing.T) {
	tests := []struct {
		name string
		edit func(*bitext.Document)
	}{
		{"bad id", func(d *bitext.Document) { d.Segments[0].ID = "p 1" }},
		{"duplicate id", func(d *bitext.Document) { d.Segments[1].ID = d.Segments[0].ID }},
		{"bad language", func(d *bitext.Document) { d.Target.Lang = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := xliffSample()
			tt.edit(d)
			if err := WriteXLIFF(&bytes.Buffer{}, d); err == nil {
				t.Error("Write accepted a document XLIFF cannot hold")
			}
		})
	}
}

// BenchmarkXLIFFWriteRead writes and reads back a 200-paragraph article.
func BenchmarkXLIFFWriteRead(b *testing.B) {
	d := xliffSample()
	base := d.Segments
	d.Segments = nil
	for i := range 40 {
		for _, s := range base {
			s.ID = fmt.Sprintf("%s-%d", s.ID, i)
			d.Segments = append(d.Segments, s)
		}
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteXLIFF(&buf, d); err != nil {
			b.Fatal(err)
		}
		if _, err := xliff.Read(&buf, "bench.xlf"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestXLIFFApprovedStates: an approved segment carries the editor's state
// out in both versions (XLIFF 2 reviewed/final, 1.2 signed-off/final), as
// the real reader reads it back; machine segments stay translated.
func TestXLIFFApprovedStates(t *testing.T) {
	d := xliffSample()
	d.Segments = d.Segments[:3]
	d.Segments[0].Origin, d.Segments[0].State = "approved", "final"
	d.Segments[1].Origin, d.Segments[1].State = "approved", ""
	cases := []struct {
		name  string
		write func(*bytes.Buffer) error
		want  []string // states of t1, p1, p2
	}{
		{"2.1", func(b *bytes.Buffer) error { return WriteXLIFF(b, d) }, []string{"final", "reviewed", "translated"}},
		{"1.2", func(b *bytes.Buffer) error { return WriteXLIFF12(b, d, xliff.Options12{}) }, []string{"final", "signed-off", "translated"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.write(&buf); err != nil {
				t.Fatal(err)
			}
			f, err := xliff.Read(&buf, "states.xlf")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, fe := range f.Files {
				for _, u := range fe.Units {
					got = append(got, u.State)
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("states %q, want %q", got, c.want)
			}
		})
	}
}
