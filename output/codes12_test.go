package output

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/xliff"
)

// TestXLIFF12InlineCodes writes a Markdown article as XLIFF 1.2, both
// shapes: the markup as <bpt>/<ept> and <ph>, valid against the strict
// schema, and read back through bitext.Open with the text as written and
// the codes.
func TestXLIFF12InlineCodes(t *testing.T) {
	for name, opt := range map[string]xliff.Options12{"standard": {}, "omegat": {SourceInTarget: true}} {
		t.Run(name, func(t *testing.T) {
			d := markdownDoc()
			// Every other kind of code.
			all := "Une __longue__ _guerre_ ~~fausse~~ ***grave*** avec <https://ex.fr/?a&b> et ![une & photo](img.png)."
			d.Segments = append(d.Segments, bitext.Segment{ID: "p4", Kind: bitext.KindParagraph, Origin: "mt", Source: all, Target: all,
				Codes: article.InlineCodes(all), TargetCodes: article.InlineCodes(all)})
			if n := len(d.Segments[3].Codes); n != 6 {
				t.Fatalf("p4 has %d codes, want 6", n)
			}
			path := writeXLIFF12(t, d, opt)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			out := string(data)
			for _, want := range []string{
				`<mrk mtype="seg" mid="1">Le <bpt id="c1" ctype="bold" equiv-text="**">**</bpt><mrk mtype="term" mid="m1" comment="Nagorno-Karabakh">Haut-Karabakh</mrk><ept id="c1" equiv-text="**">**</ept> et <ph id="c2" ctype="x-md-code" equiv-text="` + "`x &lt; y`" + `">`,
				`<ph id="c5" ctype="x-md-autolink" equiv-text="&lt;https://ex.fr/?a&amp;b&gt;">&lt;https://ex.fr/?a&amp;b&gt;</ph>`,
				`<ph id="c6" ctype="image" equiv-text="![une &amp; photo](img.png)">`,
				`<bpt id="c1" ctype="bold" equiv-text="__">__</bpt>longue<ept id="c1" equiv-text="__">__</ept> <bpt id="c2" ctype="italic" equiv-text="_">_</bpt>`,
				`<bpt id="c3" ctype="x-md-strike" equiv-text="~~">~~</bpt>fausse<ept id="c3" equiv-text="~~">~~</ept> <bpt id="c4" ctype="x-md-bold-italic" equiv-text="***">`,
				`<bpt id="c3" ctype="link" equiv-text="[">[</bpt>le <bpt id="c4" ctype="italic" equiv-text="*">*</bpt>site<ept id="c4" equiv-text="*">*</ept><ept id="c3" equiv-text="](https://ex.fr/a?b=1&amp;c=2)">](https://ex.fr/a?b=1&amp;c=2)</ept>`,
			} {
				if !strings.Contains(out, want) {
					t.Errorf("XLIFF 1.2 lacks %s", want)
				}
			}
			if strings.Contains(out, "<source>Le **Haut") || strings.Contains(out, ">The **Nagorno") {
				t.Error("markup written as text")
			}
			if err := testkit.ValidateXLIFF12(t, path); err != nil {
				t.Fatalf("xmllint rejects the XLIFF 1.2 with codes: %v\n%s", err, out)
			}
			f, err := bitext.Open(path, bitext.Options{})
			if err != nil {
				t.Fatal(err)
			}
			units := f.Parts[0].Units
			for i, s := range d.Segments {
				want := s.Target
				if opt.SourceInTarget {
					want = s.Source
				}
				if units[i].Source != s.Source || units[i].Target != want {
					t.Errorf("%s read back as %q -> %q", s.ID, units[i].Source, units[i].Target)
				}
			}
			if got := units[0].Codes; !got.Known || !slices.Equal(got.Source, []string{"bpt:c1", "ept:c1", "ph:c2", "bpt:c3", "bpt:c4", "ept:c4", "ept:c3"}) || !slices.Equal(got.Source, got.Target) {
				t.Errorf("p1 codes %+v", got)
			}
			if got := units[1].Codes; !opt.SourceInTarget && (len(got.Source) != 2 || len(got.Target) != 0) {
				t.Errorf("p2 (target lost the bold) codes %+v", got)
			}
			doc := f.Document()
			if len(doc.Segments[0].Sentences) != 2 || doc.Segments[0].Sentences[1] != d.Segments[0].Sentences[1] {
				t.Errorf("p1 sentences %q", doc.Segments[0].Sentences)
			}
			if n := len(doc.Segments[2].Sentences); n != 0 {
				t.Errorf("p3, whose bold spans two sentences, has %d sentences, want none", n)
			}
		})
	}
}

// TestXLIFF12DroppedCode: an editor who deletes a code in a CAT tool gets a
// markup-mismatch from check; the untouched units get none.
func TestXLIFF12DroppedCode(t *testing.T) {
	d := markdownDoc()
	d.Segments[1].Target = "A lost **word**."
	d.Segments[1].TargetCodes = []bitext.Code{{ID: 1, Kind: bitext.CodeBold, Start: 7, End: 15, Open: "**", Close: "**"}}
	path := writeXLIFF12(t, d, xliff.Options12{})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The editor deletes the bold of p1's target, tags and all.
	edited := strings.Replace(string(data), `The <bpt id="c1" ctype="bold" equiv-text="**">**</bpt>Nagorno-Karabakh<ept id="c1" equiv-text="**">**</ept>`, "The Nagorno-Karabakh", 1)
	if edited == string(data) {
		t.Fatalf("p1's bold not found in\n%s", data)
	}
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := check.Run(context.Background(), []check.Input{{Path: path, Name: "a.xlf"}}, check.Options{Rules: []string{check.MarkupMismatch}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Segment+": "+f.Message)
	}
	want := []string{"p1: inline codes bpt:c1, ept:c1 missing from the target"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	f, err := bitext.Open(path, bitext.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if u := f.Parts[0].Units[1]; u.Target != "A lost **word**." {
		t.Errorf("p2 target %q", u.Target)
	}
}
