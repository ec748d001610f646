package backendtest

import (
	"strings"
	"testing"

	"github.com/diglot/diglot/translate"
)

// pairedSegment marks the pieces of markup of text ("**", "[", "](u)",
// "`c`") as protected spans replaced by private markers, the sides of a
// paired code sharing a Pair as the pipeline gives them.
func pairedSegment(id, text string, pieces []string, pairs []int) translate.Segment {
	s := translate.Segment{ID: id, Text: text}
	at := 0
	for k, p := range pieces {
		i := at + strings.Index(text[at:], p)
		s.Protected = append(s.Protected, translate.Span{Start: i, End: i + len(p), Replace: "\uE000" + string(rune('a'+k)) + "\uE001", Pair: pairs[k]})
		at = i + len(p)
	}
	return s
}

// testPaired sends paired inline codes ([translate.Span.Pair]) nested and
// beside an unpaired one: every side comes back once and no markup of the
// wire leaks; a backend that protects spans itself (and may send pairs as
// elements) gives each pair back opening side first.
func testPaired(t *testing.T, h *Harness) {
	segs := []translate.Segment{
		pairedSegment("p1", "Le ** chat ** dort avec [ le ministre ](u) et `c`. "+marker(0),
			[]string{"**", "**", "[", "](u)", "`c`"}, []int{1, 1, 3, 3, 0}),
		pairedSegment("p2", "[ Le ** gouvernement ** a dit ](u) la paix. "+marker(1),
			[]string{"[", "**", "**", "](u)"}, []int{1, 2, 2, 1}),
	}
	res, err := h.translate(t.Context(), segs)
	if err != nil {
		t.Fatal(err)
	}
	checkResults(t, h, segs, res)
	_, native := h.Backend.(translate.SpanProtector)
	for i, s := range segs {
		got := res[i].Text
		for k, sp := range s.Protected {
			if n := strings.Count(got, sp.Replace); n != 1 {
				t.Errorf("%s: %q holds side %d %d times, want once", s.ID, got, k, n)
			}
			if native && sp.Pair != 0 {
				for j := k + 1; j < len(s.Protected); j++ {
					if s.Protected[j].Pair == sp.Pair && strings.Index(got, s.Protected[j].Replace) < strings.Index(got, sp.Replace) {
						t.Errorf("%s: %q closes pair %d before opening it", s.ID, got, sp.Pair)
					}
				}
			}
		}
		if translate.HasResidue(got) || strings.ContainsAny(got, "<>") {
			t.Errorf("%s: wire markup leaked: %q", s.ID, got)
		}
	}
}
