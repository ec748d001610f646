package pipeline_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/fake"
)

// termsArticle has one paragraph per case of termsGlossary: p1 matches an
// entry by a variant, p2 and p4 an entry each, p3 and p5 none, p6 an entry
// in another case.
const termsArticle = "Le président Pashinian est arrivé.\n\nLa guerre au Haut-Karabakh.\n\n" +
	"La paix est revenue.\n\nLe Conseil européen a déclaré.\n\nLes ministres sont là.\n\nLe conseil européen siège.\n"

const termsGlossary = `entries:
  - source: Pashinyan
    variants: [Pashinian]
    target: Pashinyan
  - source: Haut-Karabakh
    target: Nagorno-Karabakh
  - source: Conseil européen
    target: European Council
  - source: ministre
    target: minister
`

// sent records the ids of the paragraphs a backend was sent.
type sent struct {
	mu  sync.Mutex
	ids []string
}

func (s *sent) backend() *fake.Backend {
	return &fake.Backend{Fail: func(_ int, req *translate.Request) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, seg := range req.Segments {
			s.ids = append(s.ids, seg.ID)
		}
		return nil
	}}
}

func (s *sent) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := s.ids
	s.ids = nil
	return ids
}

func yamlGlossary(t *testing.T, text string) *glossary.Glossary {
	t.Helper()
	if text == "" {
		return nil
	}
	g, err := glossary.Parse("names.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// run translates termsArticle with glossary text g (none when "") on the
// memory m and returns the paragraphs sent and the stats.
func runTerms(t *testing.T, m pipeline.Memory, s *sent, g string, with ...func(*pipeline.Config)) ([]string, pipeline.Stats) {
	t.Helper()
	cfg := pipeline.Config{Backend: s.backend(), BackendName: "fake", From: "fr", To: "en", Glossary: yamlGlossary(t, g), Memory: m}
	for _, change := range with {
		change(&cfg)
	}
	p, err := pipeline.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, st, err := p.Document(context.Background(), parse(t, termsArticle), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Totals().GlossaryChanged; got != st.GlossaryChanged {
		t.Errorf("totals say %d changed, stats %d", got, st.GlossaryChanged)
	}
	return s.take(), st
}

func openTM(t *testing.T) *tm.Memory {
	t.Helper()
	m, err := tm.Open(filepath.Join(t.TempDir(), "tm.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// A glossary edit sends again the paragraphs whose matched entries it
// changed, or that match another entry now, and those only; each is
// counted as sent for a glossary change.
func TestGlossaryEditSendsOnlyTheParagraphsItTouches(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(string) string
		sends []string
	}{
		{"unchanged", func(g string) string { return g }, nil},
		{"notes and order do not count", func(g string) string {
			return strings.Replace(g, "  - source: Pashinyan\n    variants: [Pashinian]\n    target: Pashinyan\n", "", 1) +
				"  - source: Pashinyan\n    variants: [Pashinian]\n    target: Pashinyan\n    note: Armenian prime minister\n"
		}, nil},
		{"target edited", func(g string) string {
			return strings.Replace(g, "target: European Council", "target: EU Council", 1)
		}, []string{"p4", "p6"}},
		{"entry removed", func(g string) string {
			return strings.Replace(g, "  - source: Haut-Karabakh\n    target: Nagorno-Karabakh\n", "", 1)
		}, []string{"p2"}},
		{"entry added that matches", func(g string) string {
			return g + "  - source: paix\n    target: peace\n"
		}, []string{"p3"}},
		{"entry added that matches nothing", func(g string) string {
			return g + "  - source: Washington\n    target: Washington\n"
		}, nil},
		{"variant added", func(g string) string {
			return strings.Replace(g, "[Pashinian]", "[Pashinian, Pachinian]", 1)
		}, []string{"p1"}},
		{"made case-sensitive", func(g string) string {
			return strings.Replace(g, "target: European Council", "target: European Council\n    case: sensitive", 1)
		}, []string{"p4", "p6"}},
		{"stemming turned on", func(g string) string {
			return strings.Replace(g, "target: minister", "target: minister\n    stem: true", 1)
		}, []string{"p5"}},
		{"glossary dropped", func(string) string { return "" }, []string{"p1", "p2", "p4", "p6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, s := openTM(t), &sent{}
			if ids, _ := runTerms(t, m, s, termsGlossary); len(ids) != 6 {
				t.Fatalf("first run sent %v, want all 6", ids)
			}
			edited := tt.edit(termsGlossary)
			// The dry run plans what the run sends, and says why.
			ids, st := runTerms(t, m, s, edited, func(c *pipeline.Config) { c.DryRun = true })
			if len(ids) != 0 || st.Translated != len(tt.sends) || st.GlossaryChanged != len(tt.sends) {
				t.Errorf("dry run: sent %v, %d to translate (%d for the glossary), want %d", ids, st.Translated, st.GlossaryChanged, len(tt.sends))
			}
			ids, st = runTerms(t, m, s, edited)
			if !reflect.DeepEqual(ids, tt.sends) || st.GlossaryChanged != len(tt.sends) || st.MemoryHits != 6-len(tt.sends) {
				t.Errorf("sent %v (%d for the glossary, %d from memory), want %v", ids, st.GlossaryChanged, st.MemoryHits, tt.sends)
			}
			// And the run after sends nothing.
			if ids, st := runTerms(t, m, s, edited); len(ids) != 0 || st.GlossaryChanged != 0 {
				t.Errorf("run after: sent %v, %d for the glossary", ids, st.GlossaryChanged)
			}
		})
	}
}

// Adding a first glossary to articles translated without one sends only
// the paragraphs that hold its terms; a new paragraph is not counted as a
// glossary change.
func TestFirstGlossarySendsOnlyTheParagraphsWithTerms(t *testing.T) {
	m, s := openTM(t), &sent{}
	runTerms(t, m, s, "")
	ids, st := runTerms(t, m, s, termsGlossary)
	if want := []string{"p1", "p2", "p4", "p6"}; !reflect.DeepEqual(ids, want) || st.GlossaryChanged != 4 {
		t.Errorf("sent %v, %d for the glossary; want %v", ids, st.GlossaryChanged, want)
	}
	p := newPipeline(t, s.backend(), func(c *pipeline.Config) { c.Memory = m })
	_, st, err := p.Document(context.Background(), parse(t, "Un paragraphe nouveau.\n"), "b.txt")
	if err != nil || st.Translated != 1 || st.GlossaryChanged != 0 {
		t.Errorf("a new paragraph: %+v, %v", st, err)
	}
}

// Paragraphs a diglot stored under the whole glossary's fingerprint (before
// paragraphs were keyed on their terms) are found while the glossary is
// unchanged, stored again under their own keys (not by a dry run), and
// then survive an edit of the glossary that does not touch their entries.
func TestOldWholeGlossaryKeysAreStillFound(t *testing.T) {
	m, s := openTM(t), &sent{}
	g := yamlGlossary(t, termsGlossary)
	old := tm.Key{Backend: "fake", From: "fr", To: "en", Glossary: g.Fingerprint()}
	a := parse(t, termsArticle)
	var entries []tm.Entry
	for i, b := range a.Blocks {
		entries = append(entries, tm.Entry{Source: b.Text, Target: "old " + fake.Words(b.Text), MT: fake.Words(b.Text),
			Path: "a.txt", SegmentID: "p" + string(rune('1'+i))})
	}
	if err := m.Put(context.Background(), old, entries); err != nil {
		t.Fatal(err)
	}
	ids, st := runTerms(t, m, s, termsGlossary, func(c *pipeline.Config) { c.DryRun = true })
	if len(ids) != 0 || st.MemoryHits != 6 || st.Translated != 0 {
		t.Fatalf("dry run on the old keys: sent %v, %+v", ids, st)
	}
	held, err := m.Glossaries(context.Background(), old, []string{entries[0].Source})
	if err != nil || !reflect.DeepEqual(held[0], []string{g.Fingerprint()}) {
		t.Fatalf("the dry run wrote the memory: %q, %v", held, err)
	}
	if ids, st := runTerms(t, m, s, termsGlossary); len(ids) != 0 || st.MemoryHits != 6 {
		t.Fatalf("run on the old keys: sent %v, %+v", ids, st)
	}
	// An entry that matches p3 only: the other paragraphs stay as stored.
	p := newPipelineWith(t, s, termsGlossary+"  - source: paix\n    target: peace\n", m)
	doc, st, err := p.Document(context.Background(), a, "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if ids := s.take(); !reflect.DeepEqual(ids, []string{"p3"}) || st.GlossaryChanged != 1 {
		t.Errorf("after an edit: sent %v, %d for the glossary; want [p3]", ids, st.GlossaryChanged)
	}
	if doc.Segments[1].Origin != "tm" || !strings.HasPrefix(doc.Segments[1].Target, "old ") {
		t.Errorf("p2 after the edit: %+v", doc.Segments[1])
	}
}

func newPipelineWith(t *testing.T, s *sent, g string, m pipeline.Memory) *pipeline.Pipeline {
	t.Helper()
	p, err := pipeline.New(pipeline.Config{Backend: s.backend(), BackendName: "fake", From: "fr", To: "en",
		Glossary: yamlGlossary(t, g), Memory: m})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
