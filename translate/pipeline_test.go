package translate_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/fake"
)

const names = "Haut-Karabakh\tNagorno-Karabakh\nHaut-Karabagh\tNagorno-Karabakh\n" +
	"Pashinyan\tPashinyan\nPashinian\tPashinyan\nConseil européen\tEuropean Council\n"

func pipeline(t *testing.T, b translate.Backend) *translate.Pipeline {
	t.Helper()
	g, err := glossary.Parse("names.tsv", []byte(names))
	if err != nil {
		t.Fatal(err)
	}
	return &translate.Pipeline{Backend: b, BackendName: "fake", From: "fr", To: "en", Glossary: g}
}

func parse(t *testing.T, text string) *article.Article {
	t.Helper()
	a, err := article.Parse("a.txt", []byte(text), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestPipelineAppliesTermsAndRecordsThem(t *testing.T) {
	a := parse(t, "[ad_1]\nLe président Pashinian est au Haut Karabakh.\nLa guerre du Haut-Karabagh.\nLe Conseil européen.\n")
	doc, st, err := pipeline(t, &fake.Backend{}).Document(context.Background(), a, "x/a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Segments) != 3 || st.Segments != 3 {
		t.Fatalf("%d segments, want 3", len(doc.Segments))
	}
	if doc.Schema != bitext.Schema || doc.Source.Path != "x/a.txt" || len(doc.Removed) != 1 || st.Removed != 1 {
		t.Errorf("header: %+v removed %v", doc.Source, doc.Removed)
	}
	want := []string{"Pashinyan", "Nagorno-Karabakh", "European Council"}
	for i, s := range doc.Segments {
		if !strings.Contains(s.Target, want[i]) {
			t.Errorf("segment %s target %q lacks %q", s.ID, s.Target, want[i])
		}
		if s.MT == "" || s.Origin != "mt" || len(s.Terms) == 0 {
			t.Errorf("segment %s: mt %q origin %q terms %v", s.ID, s.MT, s.Origin, s.Terms)
		}
		for _, tm := range s.Terms {
			if s.Source[tm.Start:tm.End] != tm.Source {
				t.Errorf("term offsets %d:%d do not hold %q in %q", tm.Start, tm.End, tm.Source, s.Source)
			}
		}
	}
	if st.Terms != 4 || st.Problems != 0 {
		t.Errorf("stats %+v", st)
	}
	var variants int
	for _, s := range doc.Segments {
		for _, is := range s.Issues {
			if is.Rule == "source-variant" {
				variants++
			}
		}
	}
	// "Haut Karabakh" is the canonical form with a space for the hyphen, not a variant.
	if variants != 2 {
		t.Errorf("%d source-variant notes, want 2 (Pashinian, Haut-Karabagh)", variants)
	}
}

func TestPipelineSplitsLongParagraphsAtSentences(t *testing.T) {
	sentence := "Le président est au Haut-Karabakh avec les soldats. "
	long := strings.Repeat(sentence, 40)
	b := &fake.Backend{Lim: translate.Limits{MaxChars: 300, MaxSegments: 5}}
	doc, st, err := pipeline(t, b).Document(context.Background(), parse(t, long+"\nCourt.\n"), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := doc.Segments[0].Target
	if n := strings.Count(got, "Nagorno-Karabakh"); n != 40 {
		t.Errorf("%d terms in the rejoined paragraph, want 40", n)
	}
	if strings.Contains(got, "  ") || !strings.HasPrefix(got, "The president") {
		t.Errorf("rejoined paragraph is malformed: %.80q", got)
	}
	if st.Requests < 2 || doc.Segments[1].Target != "Court." {
		t.Errorf("requests %d, second segment %q", st.Requests, doc.Segments[1].Target)
	}
}

func TestPipelineFailsWholeDocumentOnBackendError(t *testing.T) {
	b := &fake.Backend{Lim: translate.Limits{MaxSegments: 1},
		Fail: func(call int, _ *translate.Request) error {
			if call == 2 {
				return translate.ErrQuota
			}
			return nil
		}}
	_, _, err := pipeline(t, b).Document(context.Background(), parse(t, "Un.\nDeux.\nTrois.\n"), "a.txt")
	if !errors.Is(err, translate.ErrQuota) || !strings.HasPrefix(err.Error(), "a.txt: ") {
		t.Fatalf("err = %v, want quota error naming a.txt", err)
	}
}

func TestPipelineCopiesCodeBlocks(t *testing.T) {
	a, err := article.Parse("a.md", []byte("# Titre\n\n```\nle code\n```\n\nLa paix.\n"), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := pipeline(t, &fake.Backend{}).Document(context.Background(), a, "a.md")
	if err != nil {
		t.Fatal(err)
	}
	var code *bitext.Segment
	for i := range doc.Segments {
		if doc.Segments[i].Kind == bitext.KindCode {
			code = &doc.Segments[i]
		}
	}
	if code == nil || code.Target != code.Source || code.Origin != "copy" || code.MT != "" {
		t.Fatalf("code segment %+v", code)
	}
}

func TestPipelineKeepsAllCapsHeadlines(t *testing.T) {
	doc, _, err := pipeline(t, &fake.Backend{}).Document(context.Background(),
		parse(t, "LA GUERRE AU HAUT-KARABAKH\nLe président est arrivé.\n"), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	h := doc.Segments[0]
	if h.Kind != bitext.KindHeading || h.Target != "THE WAR TO THE NAGORNO-KARABAKH" {
		t.Errorf("headline %s %q", h.Kind, h.Target)
	}
	if doc.Source.Title != h.Source || doc.Target.Title != h.Target {
		t.Errorf("titles %q / %q", doc.Source.Title, doc.Target.Title)
	}
}
