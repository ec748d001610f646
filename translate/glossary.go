package translate

import "context"

// Term is one glossary entry as an engine's native glossary holds it: the
// source forms that must come out as Target (the canonical form first, then
// spelling variants).
type Term struct {
	Sources []string
	Target  string
}

// GlossaryUser is implemented by backends that can hold a glossary
// themselves (DeepL's glossaries, which inflect their entries for case,
// gender and agreement). The pipeline calls UseGlossary once per run, before
// the first request, with the run's terms for the pair; the backend then
// applies them to every request of that pair. Protected spans still reach
// it, and the pipeline still verifies and repairs what comes back.
//
// A backend that cannot hold a glossary for the pair returns nil and goes
// on without one; an error fails every article of the run that has
// something to send (and an account-wide one, [AccountWide], stops the
// run's requests).
type GlossaryUser interface {
	UseGlossary(ctx context.Context, from, to string, terms []Term) error
}

// GlossaryPruner is implemented by backends that keep the glossaries they
// create on the vendor's side: PruneGlossaries deletes every glossary diglot
// made except those for keep's entry sets, and returns the names of those
// it deleted.
type GlossaryPruner interface {
	PruneGlossaries(ctx context.Context, keep []GlossarySet) ([]string, error)
}

// GlossarySet is the terms of one language pair, as [GlossaryUser.UseGlossary]
// gets them.
type GlossarySet struct {
	From, To string
	Terms    []Term
}
