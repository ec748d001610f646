package translate

import (
	"context"
	"fmt"
	"slices"
	"unicode/utf8"
)

// Segment is one unit of text to translate.
type Segment struct {
	// ID identifies the segment in the batch; backends that key replies by id
	// (an LLM's structured output) use it, others keep order.
	ID   string
	Text string
	// Protected spans must come back verbatim as their Replace text. Spans are
	// byte offsets into Text, sorted and non-overlapping.
	Protected []Span
}

// Span is a protected part of a segment: the glossary term Text[Start:End] whose
// required translation is Replace, or a piece of inline markup whose private
// marker is Replace.
type Span struct {
	Start, End int
	Replace    string
	// Source is the matched source form, for backends that pass the glossary as
	// instructions (an LLM).
	Source string
	// Pair, when not zero, ties this span to the one other span of the segment
	// with the same Pair: the two sides of one paired inline code (the "**" of
	// bold, the "[" and "](url)" of a link), the opening side first. A backend
	// that takes markup can send the pair as one element wrapping the text
	// between them, so that the engine moves the markup with the words it
	// wraps, and put each side's Replace where the engine left the element's
	// opening and closing tags. Pairs nest and never cross. Glossary terms and
	// unpaired codes have 0; a span whose partner is not in the segment (a
	// paragraph cut into pieces) is sent as an unpaired one. Backends without
	// markup ignore it.
	Pair int
}

// Request is one batch for a backend.
type Request struct {
	From, To string
	Segments []Segment
}

// Result is the translation of one segment.
type Result struct {
	Text string
	// Unknown lists source words the engine did not know (Apertium marks them).
	Unknown []string
}

// Backend translates batches of segments.
//
// Translate returns exactly len(req.Segments) results, in the order of the
// segments, or an error: a reply with the wrong number of translations is
// [ErrBadReply], never a shifted alignment.
type Backend interface {
	Translate(ctx context.Context, req *Request) ([]Result, error)
}

// Limits bounds what one request to a backend may hold. A zero field is no limit.
type Limits struct {
	MaxSegments int // segments in one request
	MaxChars    int // code points of text in one request
	MaxBytes    int // bytes of text in one request (URL or body budget)
	// MaxSegmentChars is the largest single segment the backend takes; longer ones
	// are split at sentence boundaries by the pipeline, or refused.
	MaxSegmentChars int
	// InFlight bounds concurrent requests to the backend.
	InFlight int
	// CharsPerMinute is the documented default quota.
	CharsPerMinute int
}

// Limited is implemented by backends that have request limits.
type Limited interface {
	Limits() Limits
}

// Pair is a language pair a backend can translate.
type Pair struct{ From, To string }

func (p Pair) String() string { return p.From + "-" + p.To }

// PairLister is implemented by backends that can list the pairs they serve.
type PairLister interface {
	Pairs(ctx context.Context) ([]Pair, error)
}

// Modeler is implemented by backends that can name the model or pair in use.
type Modeler interface {
	Model() string
}

// CheckReply verifies that a backend returned one non-empty result per segment.
// Backends call it before returning, and the pipeline calls it again.
func CheckReply(req *Request, res []Result) error {
	if len(res) != len(req.Segments) {
		return fmt.Errorf("%w: %d translations for %d segments", ErrBadReply, len(res), len(req.Segments))
	}
	for i, r := range res {
		if r.Text == "" && hasLetters(req.Segments[i].Text) {
			return fmt.Errorf("%w: empty translation for segment %q", ErrBadReply, req.Segments[i].ID)
		}
	}
	return nil
}

// MergeWords appends the words of more that list does not hold yet, keeping
// their order: how unknown words from several pieces or steps are combined.
func MergeWords(list, more []string) []string {
	for _, w := range more {
		if !slices.Contains(list, w) {
			list = append(list, w)
		}
	}
	return list
}

// Chars counts the code points of the segments' text.
func (r *Request) Chars() int {
	n := 0
	for _, s := range r.Segments {
		n += utf8.RuneCountInString(s.Text)
	}
	return n
}

func hasLetters(s string) bool {
	for _, r := range s {
		if r > ' ' {
			return true
		}
	}
	return false
}
