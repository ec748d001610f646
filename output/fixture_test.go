package output

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/testkit"
)

// golden compares got with testdata/name, or rewrites the file with -update.
// The style sheet and script inlined in HTML pages are left out of the golden
// files (they are assets/page.css and page.js, checked on their own), so a
// golden diff shows the markup only.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name), elideAssets(t, got))
}

// elideAssets replaces the inlined page.css and page.js with a marker, and
// fails if a page inlines anything else.
func elideAssets(t *testing.T, page []byte) []byte {
	t.Helper()
	for _, a := range []struct{ open, name, close string }{
		{"<style>", "assets/page.css", "</style>"},
		{"<script>", "assets/page.js", "</script>"},
	} {
		if !bytes.Contains(page, []byte(a.open)) {
			continue
		}
		inline := a.open + mustAsset(a.name) + a.close
		if !bytes.Contains(page, []byte(inline)) {
			t.Fatalf("page inlines something other than %s in %s", a.name, a.open)
		}
		page = bytes.ReplaceAll(page, []byte(inline), []byte(a.open+"/* "+a.name+" */"+a.close))
	}
	return page
}

// term builds a Term for the first occurrence of form in source.
func term(t testing.TB, source, form, target, entry string) bitext.Term {
	i := strings.Index(source, form)
	if i < 0 {
		t.Fatalf("fixture: %q not in %q", form, source)
	}
	return bitext.Term{Source: form, Target: target, Entry: entry, Start: i, End: i + len(form), Variant: form != entry}
}

// sampleDoc is a hand-built edition with every feature the renderers show:
// a title, a heading, terms (one a variant), issues of each severity, a list
// item, a quote, a code block and a table, raw MT that the glossary changed,
// an approved post-edit, unknown words and removed junk lines.
func sampleDoc(t testing.TB) *bitext.Document {
	p1 := "Le Premier ministre arménien Nikol Pachinian a rencontré mardi les dirigeants du Haut-Karabakh."
	p2 := "« Nous ne céderons rien », a déclaré M. Pashinian devant 6 500 personnes."
	p4 := "Les négociations reprendront en septembre avec la médiation de l’Union européenne."
	li := "Les corridors humanitaires | restent fermés"
	d := &bitext.Document{
		Schema:   bitext.Schema,
		Source:   bitext.Source{Path: "monde/karabakh.md", Lang: "fr", SHA256: "3f2a9c0d4e5b6a7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7", Title: "Arménie : Pachinian au Haut-Karabakh", Format: "md", Encoding: "utf-8"},
		Target:   bitext.Target{Lang: "en", Title: "Armenia: Pashinyan in Nagorno-Karabakh"},
		Backend:  bitext.Backend{Name: "apertium", Model: "fra-spa-eng"},
		Glossary: []bitext.GlossaryRef{{Path: "glossaries/names.tsv", SHA256: "aa"}, {Path: "glossaries/places.tsv", SHA256: "bb"}},
		Removed: []bitext.Removed{
			{Line: 3, Text: "[ad_1]", Rule: "ad-marker"},
			{Line: 19, Text: "Source link", Rule: "source-link"},
		},
	}
	title := "Arménie : Pachinian au Haut-Karabakh"
	d.Segments = []bitext.Segment{
		{
			ID: "t1", Kind: bitext.KindTitle, Source: title, Target: "Armenia: Pashinyan in Nagorno-Karabakh",
			MT: "Armenia: Pachinian in Tall Karabakh", Origin: "mt", Line: 2,
			Terms: []bitext.Term{
				term(t, title, "Pachinian", "Pashinyan", "Pashinian"),
				term(t, title, "Haut-Karabakh", "Nagorno-Karabakh", "Haut-Karabakh"),
			},
		},
		{
			ID: "p1", Kind: bitext.KindParagraph, Source: p1,
			Target: "Armenian Prime Minister Nikol Pashinyan met the leaders of Nagorno-Karabakh on Tuesday.",
			MT:     "The Armenian Prime Minister Nikol Pachinian met Tuesday the leaders of the Tall Karabakh.",
			Origin: "mt", Line: 5,
			Terms: []bitext.Term{
				term(t, p1, "Pachinian", "Pashinyan", "Pashinian"),
				term(t, p1, "Haut-Karabakh", "Nagorno-Karabakh", "Haut-Karabakh"),
			},
			Issues: []bitext.Issue{{Rule: "source-variant", Severity: bitext.SeverityWarning, Message: "source spells Pashinian as Pachinian", Term: "Pashinian"}},
		},
		{
			ID: "p2", Kind: bitext.KindParagraph, Source: p2,
			Target:  "“We will give up nothing,” said Mr. Pashinyan before 6,500 people.",
			Machine: "“We will not yield anything”, declared Mr. Pashinyan in front of 6 500 people.",
			MT:      "“We will not yield anything”, declared Mr. Pashinian in front of 6 500 people.",
			Origin:  "approved", Line: 7,
			Terms: []bitext.Term{term(t, p2, "Pashinian", "Pashinyan", "Pashinian")},
		},
		{ID: "h1", Kind: bitext.KindHeading, Level: 2, Source: "Un cessez-le-feu fragile", Target: "A fragile ceasefire", MT: "A fragile ceasefire", Origin: "mt", Line: 9},
		{
			ID: "p3", Kind: bitext.KindParagraph, Line: 11, Origin: "mt",
			Source:  "Les combats ont fait 12 morts près de Stepanakert, selon les séparatistes.",
			Target:  "The fighting left 21 dead near Stepanakert, according to the separatists.",
			MT:      "The fighting left 21 dead near Stepanakert, according to the separatists.",
			Unknown: []string{"Stepanakert"},
			Issues: []bitext.Issue{
				{Rule: "number-mismatch", Severity: bitext.SeverityError, Message: "source has 12, target has 21"},
				{Rule: "target-inconsistent", Severity: bitext.SeverityInfo, Message: "“separatists” is also translated “secessionists” in this run"},
			},
		},
		{
			ID: "l1", Kind: bitext.KindListItem, Marker: "-", Line: 13, Origin: "mt", Source: li,
			Target: "The humanitarian corridors | remain closed", MT: "The humanitarian corridors | remain closed",
		},
		{
			ID: "q1", Kind: bitext.KindQuote, Line: 14, Origin: "tm",
			Source: "La paix est possible.", Target: "Peace is possible.",
		},
		{
			ID: "p4", Kind: bitext.KindParagraph, Source: p4, Line: 16, Origin: "mt",
			Target: "The negotiations will resume in September with the mediation of the European Union.",
			MT:     "The negotiations will resume in September with the mediation of the European Union.",
			Terms:  []bitext.Term{term(t, p4, "Union européenne", "the European Union", "Union européenne")},
			Issues: []bitext.Issue{{Rule: "term-missing", Severity: bitext.SeverityError, Message: "glossary requires “EU” for Union européenne", Term: "Union européenne"}},
		},
		{ID: "tb1", Kind: bitext.KindTable, Line: 17, Origin: "copy", Source: "| Ville | Morts |\n| --- | ---: |\n| Stepanakert | 12 |", Target: "| Ville | Morts |\n| --- | ---: |\n| Stepanakert | 12 |"},
		{ID: "c1", Kind: bitext.KindCode, Line: 18, Origin: "copy", Source: "curl -s https://example.org/<id> | jq .", Target: "curl -s https://example.org/<id> | jq ."},
	}
	return d
}

// samplePrevious is the edition before sampleDoc: p1's translation and p3's
// source changed since, p4 is new and the old p5 is gone.
func samplePrevious(t testing.TB) *bitext.Document {
	d := sampleDoc(t)
	prev := *d
	prev.Source.SHA256 = "0011223344556677889900112233445566778899001122334455667788990011"
	var segs []bitext.Segment
	for _, s := range d.Segments {
		switch s.ID {
		case "p1":
			s.Target = "Armenian Prime Minister Nikol Pashinyan met Tuesday the leaders of Nagorno-Karabakh."
		case "p3":
			s.Source = "Les combats ont fait 10 morts près de Stepanakert."
			s.Target = "The fighting left 10 dead near Stepanakert."
		case "p4":
			s = bitext.Segment{ID: "p5", Kind: bitext.KindParagraph, Source: "Un paragraphe supprimé depuis.", Target: "A paragraph deleted since."}
		}
		segs = append(segs, s)
	}
	prev.Segments = segs
	return &prev
}
