package output

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/xliff"
)

// markdownDoc is a translated Markdown article whose segments carry inline
// codes as the pipeline finds them.
func markdownDoc() *bitext.Document {
	seg := func(id, src, tgt string, sentences ...string) bitext.Segment {
		s := bitext.Segment{ID: id, Kind: bitext.KindParagraph, Source: src, Target: tgt, Origin: "mt", Sentences: sentences,
			Codes: article.InlineCodes(src), TargetCodes: article.InlineCodes(tgt)}
		for i := range s.TargetCodes {
			if i < len(s.Codes) && s.Codes[i].Kind == s.TargetCodes[i].Kind {
				s.TargetCodes[i].ID = s.Codes[i].ID
			} else {
				s.TargetCodes[i].ID = 0
			}
		}
		return s
	}
	p1 := seg("p1", "Le **Haut-Karabakh** et `x < y`. Voir [le *site*](https://ex.fr/a?b=1&c=2).",
		"The **Nagorno-Karabakh** and `x < y`. See [the *site*](https://ex.fr/a?b=1&c=2).",
		"Le **Haut-Karabakh** et `x < y`.", "Voir [le *site*](https://ex.fr/a?b=1&c=2).")
	p1.Terms = []bitext.Term{{Source: "Haut-Karabakh", Target: "Nagorno-Karabakh", Entry: "Haut-Karabakh", Start: 5, End: 18}}
	return &bitext.Document{
		Schema: bitext.Schema,
		Source: bitext.Source{Path: "a.md", Lang: "fr", SHA256: "00", Format: "md"},
		Target: bitext.Target{Lang: "en"}, Backend: bitext.Backend{Name: "fake"},
		Glossary: []bitext.GlossaryRef{}, Removed: []bitext.Removed{},
		Segments: []bitext.Segment{
			p1,
			seg("p2", "Un **mot** perdu.", "A lost word."),
			seg("p3", "**Une phrase. Deux.**", "**One sentence. Two.**", "**Une phrase.", "Deux.**"),
		},
	}
}

func TestXLIFFInlineCodes(t *testing.T) {
	d := markdownDoc()
	var buf bytes.Buffer
	if err := WriteXLIFF(&buf, d); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`<pc id="c1" dataRefStart="d1" dataRefEnd="d1" type="fmt" subType="xlf:b" equivStart="**" equivEnd="**" dispStart="**" dispEnd="**"><mrk id="m1" type="term">Haut-Karabakh</mrk></pc>`,
		`<ph id="c2" dataRef="d2" type="fmt" equiv="` + "`x &lt; y`" + `"`,
		`type="link" equivStart="[" equivEnd="](https://ex.fr/a?b=1&amp;c=2)"`,
		`<target>The <pc id="c1"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("XLIFF lacks %s", want)
		}
	}
	if strings.Contains(out, "**Haut") || strings.Contains(out, "**Nagorno") {
		t.Error("markup written as text")
	}
	path := filepath.Join(t.TempDir(), "a.fr-en.xlf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// Read back: the text with its markup, and the codes for markup checks.
	f, err := xliff.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	opened, err := bitext.Open(path, bitext.Options{})
	if err != nil {
		t.Fatal(err)
	}
	units := opened.Parts[0].Units
	for i, s := range d.Segments {
		if units[i].Source != s.Source || units[i].Target != s.Target {
			t.Errorf("%s read back as %q -> %q", s.ID, units[i].Source, units[i].Target)
		}
	}
	if got := units[0].Codes; !slices.Equal(got.Source, []string{"pc:c1", "ph:c2", "pc:c3", "pc:c4"}) || !slices.Equal(got.Source, got.Target) {
		t.Errorf("p1 codes %+v", got)
	}
	if got := units[1].Codes; len(got.Source) != 1 || len(got.Target) != 0 {
		t.Errorf("p2 (target lost the bold) codes %+v", got)
	}
	if n := len(f.Files[0].Units[0].Segments); n != 2 {
		t.Errorf("p1 has %d segments, want 2", n)
	}
	if n := len(f.Files[0].Units[2].Segments); n != 1 {
		t.Errorf("p3, whose bold spans two sentences, has %d segments, want 1", n)
	}
	// Valid XLIFF 2.1.
	schemas := testkit.Corpus(t, "schemas", "xliff21")
	testkit.NeedXMLLint(t)
	if err := testkit.ValidateXSD(t, filepath.Join(schemas, "xliff_core_2.0.xsd"), filepath.Join(schemas, "catalog.xml"), path); err != nil {
		t.Fatalf("xmllint rejects the XLIFF with codes: %v\n%s", err, out)
	}
}

// An editor's post-edit after the codes were found: the codes no longer fit
// and the text is written as it is.
func TestXLIFFStaleCodes(t *testing.T) {
	d := markdownDoc()
	d.Segments[0].Target = "Edited by hand, **bold**."
	var buf bytes.Buffer
	if err := WriteXLIFF(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<target>Edited by hand, **bold**.</target>") {
		t.Errorf("post-edited target not written as text:\n%s", buf.String())
	}
}

func TestTMXInlineCodes(t *testing.T) {
	d := markdownDoc()
	path := filepath.Join(t.TempDir(), "a.tmx")
	var buf bytes.Buffer
	if err := WriteTMX(&buf, d); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`<seg>Le <bpt i="1" type="x-md-bold">**</bpt>Haut-Karabakh<ept i="1">**</ept> et <ph x="2" type="x-md-code">` + "`x &lt; y`" + `</ph>.`,
		`<bpt i="3" type="x-md-link">[</bpt>le <bpt i="4" type="x-md-italic">*</bpt>site<ept i="4">*</ept><ept i="3">](https://ex.fr/a?b=1&amp;c=2)</ept>`,
		`<seg>A lost word.</seg>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("TMX lacks %s\n%s", want, out)
		}
	}
	// Read back (as tm import does): the text with its markup.
	f, err := bitext.Open(path, bitext.Options{From: "fr", To: "en"})
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range f.Parts[0].Units {
		if s := d.Segments[i]; u.Source != s.Source || u.Target != s.Target {
			t.Errorf("%s read back as %q -> %q", s.ID, u.Source, u.Target)
		}
	}
	dtd := filepath.Join(testkit.Corpus(t, "schemas"), "tmx14.dtd")
	testkit.NeedXMLLint(t)
	if err := testkit.ValidateDTD(t, dtd, path); err != nil {
		t.Fatalf("xmllint rejects the TMX with codes: %v", err)
	}
}

func TestHTMLInlineCodes(t *testing.T) {
	d := markdownDoc()
	// A link to javascript: must not become a live link.
	d.Segments = append(d.Segments, bitext.Segment{ID: "p4", Kind: bitext.KindParagraph, Origin: "mt",
		Source: "[clic](javascript:alert(1))", Target: "[click](javascript:alert(1))"})
	d.Segments[3].Codes, d.Segments[3].TargetCodes = article.InlineCodes(d.Segments[3].Source), article.InlineCodes(d.Segments[3].Target)
	var buf bytes.Buffer
	if err := WriteHTML(&buf, d, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		`Le <strong><mark class="term"`,
		`The <strong><mark class="term"`,
		`<code>x &lt; y</code>`,
		`<a href="https://ex.fr/a?b=1&amp;c=2" rel="noopener noreferrer">the <em>site</em></a>`,
		`A lost word.`,
		`Un <strong>mot</strong> perdu.`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "**") || strings.Contains(page, `href="javascript`) {
		t.Errorf("markup shown as text, or a javascript: link")
	}
}

func TestMarkdownOutputKeepsMarkup(t *testing.T) {
	d := markdownDoc()
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, d, LayoutInterleaved); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The **Nagorno-Karabakh** and `x < y`.", "[the *site*](https://ex.fr/a?b=1&c=2)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("Markdown output lacks %s:\n%s", want, buf.String())
		}
	}
}
