package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/fake"
)

// holder is a backend with a native glossary: it records what UseGlossary
// got, and fails it with err.
type holder struct {
	*fake.Backend
	uses  atomic.Int64
	mu    sync.Mutex
	terms []translate.Term
	err   error
}

var _ translate.GlossaryUser = (*holder)(nil)

func (h *holder) UseGlossary(_ context.Context, from, to string, terms []translate.Term) error {
	h.uses.Add(1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if from != "fr" || to != "en" {
		return fmt.Errorf("pair %s-%s", from, to)
	}
	h.terms = terms
	return h.err
}

func TestNativeGlossaryOncePerRun(t *testing.T) {
	h := &holder{Backend: &fake.Backend{}}
	p, _ := withMemory(t, h)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			a := parse(t, fmt.Sprintf("Le président Pashinian, article %d.\n", i))
			if _, _, err := p.Document(t.Context(), a, fmt.Sprintf("a%d.txt", i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := h.uses.Load(); n != 1 {
		t.Errorf("UseGlossary called %d times by 8 articles, want once", n)
	}
	want := []translate.Term{
		{Sources: []string{"Haut-Karabakh", "Haut-Karabagh"}, Target: "Nagorno-Karabakh"},
		{Sources: []string{"Pashinyan", "Pashinian"}, Target: "Pashinyan"},
		{Sources: []string{"Conseil européen"}, Target: "European Council"},
	}
	if !slices.EqualFunc(h.terms, want, func(a, b translate.Term) bool { return a.Target == b.Target && slices.Equal(a.Sources, b.Sources) }) {
		t.Errorf("terms %q, want %q (one per entry, variants as sources)", h.terms, want)
	}
}

// Nothing to send, nothing handed over: a dry run, or a document the memory
// holds whole.
func TestNativeGlossaryOnlyWhenSending(t *testing.T) {
	h := &holder{Backend: &fake.Backend{}}
	a := parse(t, "Le président Pashinian.\n")
	dry := newPipeline(t, h, func(c *pipeline.Config) { c.DryRun = true })
	if _, _, err := dry.Document(t.Context(), a, "a.txt"); err != nil {
		t.Fatal(err)
	}
	if n := h.uses.Load(); n != 0 {
		t.Errorf("a dry run handed the glossary over %d times", n)
	}
	p, m := withMemory(t, h)
	if _, _, err := p.Document(t.Context(), a, "a.txt"); err != nil {
		t.Fatal(err)
	}
	again := newPipeline(t, h, func(c *pipeline.Config) { c.Memory = m })
	if _, st, err := again.Document(t.Context(), a, "a.txt"); err != nil || st.MemoryHits != 1 {
		t.Fatalf("from the memory: %v, %+v", err, st)
	}
	if n := h.uses.Load(); n != 1 {
		t.Errorf("handed over %d times, want once (the run that sent)", n)
	}
}

// A refused glossary fails every article with its error, sends no
// translation, and an account-wide refusal stops the run.
func TestNativeGlossaryFailure(t *testing.T) {
	h := &holder{Backend: &fake.Backend{}, err: fmt.Errorf("deepl: HTTP 403: %w", translate.ErrAuth)}
	p := newPipeline(t, h)
	for i := range 2 {
		_, _, err := p.Document(t.Context(), parse(t, "Le président Pashinian.\n"), "a.txt")
		if !errors.Is(err, translate.ErrAuth) {
			t.Errorf("article %d: %v, want the glossary's ErrAuth", i, err)
		}
	}
	if calls, _ := h.Calls(); calls != 0 || h.uses.Load() != 1 {
		t.Errorf("%d translations, %d hand-overs; want none, and one", calls, h.uses.Load())
	}
	if !errors.Is(p.Broken(), translate.ErrAuth) {
		t.Errorf("Broken() = %v, want the refusal", p.Broken())
	}
}
