package edition

import (
	"context"
	"fmt"

	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
)

// PruneJob is what `diglot backends prune` asks for: the glossaries diglot
// created on Backend's account, but for the one Glossaries make for
// From→To (none kept when Glossaries is empty).
type PruneJob struct {
	Registry   *translate.Registry
	Backend    string
	Config     translate.Config
	Glossaries []string
	From, To   string
}

// Prune deletes the glossaries of j and returns those it deleted, each as
// the backend names it. A backend that is not in the registry, that keeps
// no glossaries of its own ([translate.GlossaryPruner]) or whose options
// the registry refuses is a [*SetupError]; a glossary file that cannot be
// read is the loader's [*glossary.FileError]. What was deleted before a
// server failure is returned with it.
func Prune(ctx context.Context, j PruneJob) ([]string, error) {
	if _, ok := j.Registry.Lookup(j.Backend); !ok {
		return nil, &SetupError{fmt.Errorf("%w %q", translate.ErrUnknownBackend, j.Backend)}
	}
	b, err := j.Registry.New(j.Backend, j.Config)
	if err != nil {
		return nil, &SetupError{err}
	}
	pruner, ok := b.(translate.GlossaryPruner)
	if !ok {
		return nil, &SetupError{fmt.Errorf("backends prune: %s keeps no glossaries of its own", j.Backend)}
	}
	var keep []translate.GlossarySet
	if len(j.Glossaries) > 0 {
		g, err := glossary.Load(j.Glossaries...)
		if err != nil {
			return nil, err
		}
		keep = append(keep, translate.GlossarySet{From: j.From, To: j.To, Terms: pipeline.Terms(g)})
	}
	return pruner.PruneGlossaries(ctx, keep)
}
