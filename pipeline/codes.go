package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/translate"
)

// Inline codes (the Markdown markup of a .md article) go through
// translation as protected spans that must come back verbatim, like
// glossary terms: a code span, an image or an autolink whole, and each
// side of a paired code (the "**" of bold, the "[" and "](url)" of a link)
// on its own, so that the text they wrap is translated. Markup glued to a
// word ("**Erevan**") is sent with a space between them, so that an engine
// that protects spans with placeholder words still sees the word; the
// space is taken out again when the markup is restored. Each span's
// replacement is a private marker the pipeline swaps for the markup, so
// that no backend needs to know about it: those that protect spans
// natively (HTML translate="no", ignored tags) carry the marker, the
// others restore it from their placeholder. The two sides of a paired code
// share a [translate.Span.Pair], so that a backend that takes markup can
// send them as one element around the words they wrap, which the engine
// moves with those words, and give back each side's marker where the
// engine left the element's tags.

// marker is one piece of markup protected through translation.
type marker struct {
	start, end int // in the source text
	text       string
	// glue is +1 for opening markup sent with a space inserted after it,
	// -1 for closing markup sent with a space before it, 0 otherwise.
	glue int
	// pair ties the two sides of a paired code ([translate.Span.Pair]);
	// 0 for an unpaired one.
	pair int
}

// sentinel is the replacement of marker i: private-use characters no
// engine writes.
func sentinel(i int) string { return fmt.Sprintf("\uE000%d\uE001", i) }

// markupPieces cuts a segment's source into the pieces sent to the
// backend, as [Pipeline.pieces] does, with its inline codes protected, and
// returns the markers to restore.
func (p *Pipeline) markupPieces(seg *bitext.Segment, matches []glossary.Match) ([]piece, []marker) {
	if len(seg.Codes) == 0 {
		return p.pieces(seg.ID, seg.Source, matches), nil
	}
	text, shifted, markers, spans := wire(seg.Source, seg.Codes, matches)
	pieces := p.pieces(seg.ID, text, shifted, spans...)
	at := 0
	for i := range pieces {
		s := &pieces[i].seg
		start := at + strings.Index(text[at:], s.Text)
		end := start + len(s.Text)
		for _, sp := range spans {
			if sp.Start >= start && sp.End <= end {
				sp.Start, sp.End = sp.Start-start, sp.End-start
				s.Protected = append(s.Protected, sp)
			}
		}
		slices.SortFunc(s.Protected, func(a, b translate.Span) int { return a.Start - b.Start })
		unpairSpans(s.Protected)
		at = end
	}
	return pieces, markers
}

// wire returns the text to send for source with its codes: markup glued to
// words spaced from them, the glossary matches moved to match, the markers
// and their protected spans in the text sent. Markup overlapping a term is
// left as text.
func wire(source string, codes []bitext.Code, matches []glossary.Match) (string, []glossary.Match, []marker, []translate.Span) {
	var ms []marker
	for _, c := range codes {
		if !c.Paired() {
			ms = append(ms, marker{start: c.Start, end: c.End, text: c.Open})
			continue
		}
		pair := len(ms) + 1 // distinct for each pair
		ms = append(ms, marker{start: c.Start, end: c.Start + len(c.Open), text: c.Open, glue: 1, pair: pair},
			marker{start: c.End - len(c.Close), end: c.End, text: c.Close, glue: -1, pair: pair})
	}
	slices.SortStableFunc(ms, func(a, b marker) int { return a.start - b.start })
	ms = slices.DeleteFunc(ms, func(mk marker) bool {
		return slices.ContainsFunc(matches, func(m glossary.Match) bool { return m.Start < mk.end && mk.start < m.End })
	})
	// Nested standalone codes (a code span in a link's text) are inside the
	// link's text, never inside another marker; drop any that would overlap.
	for i := 1; i < len(ms); i++ {
		if ms[i].start < ms[i-1].end {
			ms = slices.Delete(ms, i, i+1)
			i--
		}
	}
	unpairOrphans(ms)
	var inserts []int // source offsets where a space goes in
	for i := range ms {
		mk := &ms[i]
		switch {
		case mk.glue > 0 && mk.end < len(source) && !isSpaceAt(source, mk.end):
			inserts = append(inserts, mk.end)
		case mk.glue < 0 && mk.start > 0 && !isSpaceBefore(source, mk.start):
			inserts = append(inserts, mk.start)
		default:
			mk.glue = 0
		}
	}
	slices.Sort(inserts)
	// shift moves a source offset into the text sent: a start counts the
	// spaces inserted at it, an end does not.
	shift := func(o int, isStart bool) int {
		n := 0
		for _, p := range inserts {
			if p < o || isStart && p == o {
				n++
			}
		}
		return o + n
	}
	var b strings.Builder
	last := 0
	for _, p := range inserts {
		b.WriteString(source[last:p])
		b.WriteByte(' ')
		last = p
	}
	b.WriteString(source[last:])
	shifted := make([]glossary.Match, len(matches))
	for i, m := range matches {
		m.Start, m.End = shift(m.Start, true), shift(m.End, false)
		shifted[i] = m
	}
	spans := make([]translate.Span, len(ms))
	for i, mk := range ms {
		spans[i] = translate.Span{Start: shift(mk.start, true), End: shift(mk.end, false), Replace: sentinel(i), Pair: mk.pair}
	}
	return b.String(), shifted, ms, spans
}

// unpairSpans clears the pair of a span whose other side went to another
// piece of the paragraph.
func unpairSpans(spans []translate.Span) {
	n := map[int]int{}
	for _, sp := range spans {
		n[sp.Pair]++
	}
	for i := range spans {
		if n[spans[i].Pair] != 2 {
			spans[i].Pair = 0
		}
	}
}

// unpairOrphans clears the pair of a marker whose other side was dropped
// (it overlapped a term): it goes out as unpaired markup.
func unpairOrphans(ms []marker) {
	n := map[int]int{}
	for _, mk := range ms {
		n[mk.pair]++
	}
	for i := range ms {
		if n[ms[i].pair] != 2 {
			ms[i].pair = 0
		}
	}
}

func isSpaceAt(s string, i int) bool {
	r := []rune(s[i:min(i+4, len(s))])
	return len(r) > 0 && unicode.IsSpace(r[0])
}

func isSpaceBefore(s string, i int) bool {
	r := []rune(s[max(0, i-4):i])
	return len(r) > 0 && unicode.IsSpace(r[len(r)-1])
}

// restoreMarkup puts the markup back where the backend left each marker,
// taking out the space the pipeline put between markup and word. A marker
// the backend lost leaves its markup lost ([markupCodes] reports it), and
// the space put next to it folded into the text's own.
func restoreMarkup(text string, markers []marker) string {
	lostGlue := false
	for i, mk := range markers {
		s := sentinel(i)
		if mk.glue != 0 && !strings.Contains(text, s) {
			lostGlue = true
		}
		for {
			at := strings.Index(text, s)
			if at < 0 {
				break
			}
			before, after := text[:at], text[at+len(s):]
			switch mk.glue {
			case 1:
				after = strings.TrimLeftFunc(after, unicode.IsSpace)
			case -1:
				before = strings.TrimRightFunc(before, unicode.IsSpace)
			}
			text = before + mk.text + after
		}
	}
	if lostGlue {
		for strings.Contains(text, "  ") {
			text = strings.ReplaceAll(text, "  ", " ")
		}
	}
	return text
}

// markupCodes finds the inline codes of the translated segments of a
// Markdown article's document, numbers them after the source's, and
// records a markup-mismatch issue where the target lost or gained some.
func markupCodes(doc *bitext.Document) {
	if doc.Source.Format != "md" {
		return
	}
	for i := range doc.Segments {
		s := &doc.Segments[i]
		if s.Origin == "copy" || len(s.Codes) == 0 && !strings.ContainsAny(s.Target, "*_`[~<") {
			continue
		}
		s.TargetCodes = article.InlineCodes(s.Target)
		matchCodes(s.Codes, s.TargetCodes)
		missing, added := codeDiff(s.Codes, s.TargetCodes), codeDiff(s.TargetCodes, s.Codes)
		if len(missing)+len(added) > 0 {
			var parts []string
			if len(missing) > 0 {
				parts = append(parts, "lost "+strings.Join(missing, ", "))
			}
			if len(added) > 0 {
				parts = append(parts, "added "+strings.Join(added, ", "))
			}
			s.Issues = append(s.Issues, bitext.Issue{Rule: "markup-mismatch", Severity: bitext.SeverityError,
				Message: "the translation " + strings.Join(parts, "; ") + " of the source's inline markup"})
		}
	}
}

// matchCodes numbers target codes after the source codes they correspond
// to: the k-th code of a kind in the target has the id of the k-th code of
// that kind in the source, or 0 when the source has fewer.
func matchCodes(source, target []bitext.Code) {
	byKind := map[string][]int{}
	for _, c := range source {
		byKind[c.Kind] = append(byKind[c.Kind], c.ID)
	}
	for i := range target {
		ids := byKind[target[i].Kind]
		target[i].ID = 0
		if len(ids) > 0 {
			target[i].ID, byKind[target[i].Kind] = ids[0], ids[1:]
		}
	}
}

// codeDiff describes the codes of a whose kind b has fewer of: "bold **…**".
func codeDiff(a, b []bitext.Code) []string {
	left := map[string]int{}
	for _, c := range b {
		left[c.Kind]++
	}
	var out []string
	for _, c := range a {
		if left[c.Kind] > 0 {
			left[c.Kind]--
			continue
		}
		shown := c.Open
		if c.Paired() {
			shown += "…" + c.Close
		}
		out = append(out, fmt.Sprintf("%s %s", c.Kind, shown))
	}
	return out
}
