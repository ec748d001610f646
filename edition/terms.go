package edition

import (
	"fmt"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/glossary"
)

// TermMatch is one glossary term found in an article, where the batch would
// apply it.
type TermMatch struct {
	glossary.Match
	Line    int    // 1-based line of the segment's first line in the article
	Segment string // the segment id the batch gives it: "p3"
	Target  string // the entry's target, cased as the match is
}

// FindTerms reads the article at path (default junk rules) and returns
// the terms m finds in its translated segments, in document order. A file
// that cannot be read as an article is an [*InputError].
func FindTerms(path string, m *glossary.Matcher) ([]TermMatch, error) {
	art, err := article.Read(path, article.Options{})
	if err != nil {
		return nil, &InputError{Path: path, Err: err}
	}
	var out []TermMatch
	for i, b := range art.Blocks {
		if !b.Translate {
			continue
		}
		for _, mt := range m.Find(b.Text) {
			out = append(out, TermMatch{Match: mt, Line: b.Line, Segment: fmt.Sprintf("p%d", i+1),
				Target: glossary.CaseTarget(b.Text, mt)})
		}
	}
	return out, nil
}
