package check

import (
	"sync"

	"github.com/diglot/diglot/glossary"
)

// pendingGlossary is a glossary being loaded ([Options.LoadGlossary])
// while the run reads its first inputs.
type pendingGlossary struct {
	done chan struct{}
	g    *glossary.Glossary
	m    *glossary.Matcher // g's, built in the same goroutine
	err  error
}

// startGlossary starts load in its own goroutine; nil when there is none.
func startGlossary(load func() (*glossary.Glossary, error)) *pendingGlossary {
	if load == nil {
		return nil
	}
	p := &pendingGlossary{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.g, p.err = load()
		if p.g != nil && p.err == nil {
			p.m = p.g.Matcher()
		}
	}()
	return p
}

// wait returns the glossary and its matcher once loaded; nils and no
// error when p is nil.
func (p *pendingGlossary) wait() (*glossary.Glossary, *glossary.Matcher, error) {
	if p == nil {
		return nil, nil, nil
	}
	<-p.done
	return p.g, p.m, p.err
}

// loading reports whether p has not finished yet.
func (p *pendingGlossary) loading() bool {
	if p == nil {
		return false
	}
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// glossaryGate hands a pending glossary to the run's [SegmentChecker] once,
// before the first pass that needs it.
type glossaryGate struct {
	pending *pendingGlossary
	once    sync.Once
	err     error
}

// ready waits for the glossary and gives it to sc; every call returns the
// load's error. Passes run only after ready returned nil.
func (gg *glossaryGate) ready(sc *SegmentChecker) error {
	gg.once.Do(func() {
		g, m, err := gg.pending.wait()
		if err != nil {
			gg.err = err
			return
		}
		if g != nil {
			sc.glossary, sc.matcher = g, m
		}
	})
	return gg.err
}
