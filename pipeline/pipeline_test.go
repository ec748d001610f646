package pipeline_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/fake"
)

const names = "Haut-Karabakh\tNagorno-Karabakh\nHaut-Karabagh\tNagorno-Karabakh\n" +
	"Pashinyan\tPashinyan\nPashinian\tPashinyan\nConseil européen\tEuropean Council\n"

// newPipeline makes a pipeline on b with the names glossary; with changes the
// configuration first.
func newPipeline(t *testing.T, b translate.Backend, with ...func(*pipeline.Config)) *pipeline.Pipeline {
	t.Helper()
	g, err := glossary.Parse("names.tsv", []byte(names))
	if err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Backend: b, BackendName: "fake", From: "fr", To: "en", Glossary: g}
	for _, change := range with {
		change(&cfg)
	}
	p, err := pipeline.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func parse(t testing.TB, text string) *article.Article {
	t.Helper()
	a, err := article.Parse("a.txt", []byte(text), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestPipelineAppliesTermsAndRecordsThem(t *testing.T) {
	a := parse(t, "[ad_1]\nLe président Pashinian est au Haut Karabakh.\nLa guerre du Haut-Karabagh.\nLe Conseil européen.\n")
	doc, st, err := newPipeline(t, &fake.Backend{}).Document(context.Background(), a, "x/a.txt")
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
	// The two variant spellings are warnings, as diglot check reports them.
	if st.Terms != 4 || st.Problems != 2 || st.Rules["source-variant"] != 2 {
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
	doc, st, err := newPipeline(t, b).Document(context.Background(), parse(t, long+"\nCourt.\n"), "a.txt")
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
	_, _, err := newPipeline(t, b).Document(context.Background(), parse(t, "Un.\nDeux.\nTrois.\n"), "a.txt")
	if !errors.Is(err, translate.ErrQuota) || !strings.HasPrefix(err.Error(), "a.txt: ") {
		t.Fatalf("err = %v, want quota error naming a.txt", err)
	}
}

func TestPipelineCopiesCodeBlocks(t *testing.T) {
	a, err := article.Parse("a.md", []byte("# Titre\n\n```\nle code\n```\n\nLa paix.\n"), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := newPipeline(t, &fake.Backend{}).Document(context.Background(), a, "a.md")
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
	doc, _, err := newPipeline(t, &fake.Backend{}).Document(context.Background(),
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

func withMemory(t *testing.T, b translate.Backend, with ...func(*pipeline.Config)) (*pipeline.Pipeline, *tm.Memory) {
	t.Helper()
	m, err := tm.Open(filepath.Join(t.TempDir(), "tm.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return newPipeline(t, b, append(with, func(c *pipeline.Config) { c.Memory = m })...), m
}

func TestPipelineMemoryMakesRerunsFree(t *testing.T) {
	b := &fake.Backend{Lim: translate.Limits{MaxSegments: 1}}
	p, _ := withMemory(t, b)
	text := "Le président Pashinian est arrivé.\nLa guerre au Haut-Karabakh.\nLa paix.\n"
	first, st, err := p.Document(context.Background(), parse(t, text), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if calls, _ := b.Calls(); calls != 3 || st.MemoryHits != 0 {
		t.Fatalf("first run: %d calls, %d hits", calls, st.MemoryHits)
	}
	// Same article, and the same paragraphs in another one: no backend call.
	second, st, err := p.Document(context.Background(), parse(t, text), "b.txt")
	if err != nil {
		t.Fatal(err)
	}
	if calls, _ := b.Calls(); calls != 3 || st.MemoryHits != 3 || st.Chars != 0 {
		t.Fatalf("second run: %d calls in all, %d hits, %d chars", calls, st.MemoryHits, st.Chars)
	}
	for i := range first.Segments {
		f, s := first.Segments[i], second.Segments[i]
		if f.Target != s.Target || f.MT != s.MT || s.Origin != "tm" || len(f.Terms) != len(s.Terms) {
			t.Errorf("segment %s from memory: %+v, want like %+v", s.ID, s, f)
		}
	}
	// One edited paragraph costs one call.
	edited := strings.Replace(text, "La paix.", "La paix est revenue.", 1)
	if _, st, err = p.Document(context.Background(), parse(t, edited), "a.txt"); err != nil {
		t.Fatal(err)
	}
	if calls, _ := b.Calls(); calls != 4 || st.MemoryHits != 2 || st.Requests != 1 {
		t.Fatalf("edited run: %d calls in all, %+v", calls, st)
	}
}

func TestPipelineApprovedTranslationWins(t *testing.T) {
	b := &fake.Backend{}
	p, m := withMemory(t, b)
	a := parse(t, "La guerre au Haut-Karabakh.\n")
	doc, _, err := p.Document(context.Background(), a, "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	machine := doc.Segments[0].Target
	if _, err := m.Approve(context.Background(), "fr", "en", []tm.Entry{{
		Source: doc.Segments[0].Source, Target: "The war in Nagorno-Karabakh."}}); err != nil {
		t.Fatal(err)
	}
	doc, st, err := p.Document(context.Background(), a, "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Segments[0]
	if s.Target != "The war in Nagorno-Karabakh." || s.Origin != "approved" || s.Machine != machine || st.MemoryHits != 1 {
		t.Fatalf("segment %+v (machine %q)", s, machine)
	}
}

func TestPipelineDryRunSendsNothing(t *testing.T) {
	b := &fake.Backend{}
	p, _ := withMemory(t, b, func(c *pipeline.Config) { c.DryRun = true })
	doc, st, err := p.Document(context.Background(), parse(t, "Un deux.\nTrois.\n"), "a.txt")
	if err != nil || doc != nil {
		t.Fatalf("dry run: %v, %v", doc, err)
	}
	if calls, _ := b.Calls(); calls != 0 || st.Translated != 2 || st.Chars != len("Un deux.")+len("Trois.") {
		t.Fatalf("dry run: %d calls, %+v", calls, st)
	}
}

func TestPipelineStopKeepsWhatWasTranslated(t *testing.T) {
	stop := make(chan struct{})
	b := &fake.Backend{Lim: translate.Limits{MaxSegments: 1, InFlight: 1},
		Fail: func(call int, _ *translate.Request) error {
			if call == 2 {
				close(stop) // the user presses Ctrl-C during the second request
			}
			return nil
		}}
	p, m := withMemory(t, b, func(c *pipeline.Config) { c.Stop = stop })
	text := "Un.\nDeux.\nTrois.\nQuatre.\n"
	_, _, err := p.Document(context.Background(), parse(t, text), "a.txt")
	if !errors.Is(err, pipeline.ErrStopped) {
		t.Fatalf("err = %v, want ErrStopped", err)
	}
	if calls, _ := b.Calls(); calls != 2 {
		t.Fatalf("%d calls after stop, want 2 (the one in flight finished)", calls)
	}
	// The next run sends only what was not translated.
	p2 := newPipeline(t, b, func(c *pipeline.Config) { c.Memory = m })
	if _, st, err := p2.Document(context.Background(), parse(t, text), "a.txt"); err != nil || st.MemoryHits != 2 || st.Translated != 2 {
		t.Fatalf("resumed: %+v, %v", st, err)
	}
	if calls, _ := b.Calls(); calls != 4 {
		t.Fatalf("%d calls in all, want 4: each paragraph once", calls)
	}
}
