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

	given sync.Once // the glossary handed to the run's SegmentChecker
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

// ready waits for the glossary and gives it to sc, once; every call
// returns the load's error, nil when p is nil. Passes run only after ready
// returned nil.
func (p *pendingGlossary) ready(sc *SegmentChecker) error {
	if p == nil {
		return nil
	}
	p.given.Do(func() {
		if <-p.done; p.err == nil && p.g != nil {
			sc.glossary, sc.matcher = p.g, p.m
		}
	})
	return p.err
}
