package check

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/diglot/diglot/bitext"
)

// TestMarkupMismatchMarkdown: in a Markdown article's bitext JSON, a target
// that lost the source's inline markup is a markup-mismatch; the same text
// from a .txt article, where asterisks are only text, is not.
func TestMarkupMismatchMarkdown(t *testing.T) {
	dir := t.TempDir()
	write := func(name, format string) {
		d := &bitext.Document{Schema: bitext.Schema, Source: bitext.Source{Path: name, Lang: "fr", Format: format},
			Target: bitext.Target{Lang: "en"}, Glossary: []bitext.GlossaryRef{}, Removed: []bitext.Removed{},
			Segments: []bitext.Segment{
				{ID: "p1", Kind: bitext.KindParagraph, Source: "Le **Haut-Karabakh** et `x`.", Target: "The Nagorno-Karabakh and `x`."},
				{ID: "p2", Kind: bitext.KindParagraph, Source: "Un *mot* et [un lien](https://ex.fr).", Target: "A *word* and [a link](https://ex.fr)."},
				{ID: "p3", Kind: bitext.KindParagraph, Source: "Sans rien.", Target: "Without **anything**."},
			}}
		f, err := os.Create(filepath.Join(dir, name+".fr-en.json"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := bitext.Write(f, d); err != nil {
			t.Fatal(err)
		}
	}
	write("md", "md")
	write("txt", "txt")
	inputs, err := Collect([]string{dir}, "fr", "en")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), inputs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		if f.Rule == MarkupMismatch {
			got = append(got, filepath.Base(f.File)+" "+f.Segment+": "+f.Message)
		}
	}
	want := []string{
		"md.fr-en.json p1: inline code bold missing from the target",
		"md.fr-en.json p3: inline code bold added in the target",
	}
	if !slices.Equal(got, want) {
		t.Errorf("markup-mismatch findings:\n got %q\nwant %q", got, want)
	}
}
