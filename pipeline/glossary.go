package pipeline

import (
	"context"
	"fmt"
	"sync"

	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/translate"
)

// Terms is a glossary as a backend's native glossary takes it
// ([translate.GlossaryUser]): one term per entry, with its source forms
// (the canonical one, then the spelling variants) and its target. Inflected
// forms are left out: an engine with a native glossary inflects the entry
// itself.
func Terms(g *glossary.Glossary) []translate.Term {
	if g == nil {
		return nil
	}
	out := make([]translate.Term, 0, len(g.Entries))
	for _, e := range g.Entries {
		out = append(out, translate.Term{Sources: e.Sources, Target: e.Target})
	}
	return out
}

// native is the once-per-run hand-over of the glossary to a backend that
// holds one ([translate.GlossaryUser]).
type native struct {
	user translate.GlossaryUser // nil: the backend has none, or there is no glossary
	once sync.Once
	err  error
}

// setupNative notes, in a pipeline being made, whether the backend will get
// the glossary. The settings and the memory key stay as they are: the
// memory's translations were made with the same glossary (its fingerprint
// is in the key), verified and repaired, and re-translating them would cost
// what did not change.
func (p *Pipeline) setupNative() {
	if u, ok := p.Backend.(translate.GlossaryUser); ok && p.Glossary != nil && len(p.Glossary.Entries) > 0 {
		p.native.user = u
	}
}

// useGlossary gives the backend the run's glossary before its first request
// (never in a dry run, which sends nothing), retried with the backend's
// policy as [Prepare] is. Every article waits for it and gets its error; an
// account-wide one stops the run's requests.
func (p *Pipeline) useGlossary(ctx context.Context) error {
	if p.native.user == nil {
		return nil
	}
	p.native.once.Do(func() {
		policy := translate.DefaultRetryPolicy()
		if r, ok := p.Backend.(translate.Retrier); ok {
			policy = r.RetryPolicy()
		}
		if p.Sleep != nil {
			policy.Sleep = p.Sleep
		}
		terms := Terms(p.Glossary)
		err := policy.Do(ctx, func(ctx context.Context) error { return p.native.user.UseGlossary(ctx, p.From, p.To, terms) })
		if err != nil {
			p.send.trip(err)
			p.native.err = fmt.Errorf("the backend's glossary: %w", err)
		}
	})
	return p.native.err
}
