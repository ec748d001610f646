package output

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/bitext"
)

// piece is a run of segment text, plain or marked, as the page template
// renders it (the template does the escaping).
type piece struct {
	Text    string
	Term    bool   // a glossary term: focusable, with a tooltip
	Unknown bool   // a word the backend did not know
	Tip     string // the tooltip of a term
	TipID   string // the tooltip's element id, unique in the page
	// Tag, for Markdown inline markup, is the element the piece opens or
	// closes: "b", "/b", "i", "/i", "bi", "/bi", "s", "/s", "a" (with
	// Href), "/a", or "code" around Text (see codes.go).
	Tag  string
	Href string
}

// span marks text[Start:End].
type span struct {
	Start, End int
	Term       bool
	Tip        string
}

// sourceSpans returns the spans of the terms applied to s, from their byte
// offsets in s.Source. Offsets that do not fall on characters of the source
// (a document edited by hand, or from an older run) are skipped rather than
// trusted.
func sourceSpans(s *bitext.Segment) []span {
	var out []span
	for _, t := range s.Terms {
		if t.Start < 0 || t.End > len(s.Source) || t.Start >= t.End ||
			!utf8.RuneStart(s.Source[t.Start]) ||
			(t.End < len(s.Source) && !utf8.RuneStart(s.Source[t.End])) {
			continue
		}
		out = append(out, span{t.Start, t.End, true, sourceTip(t)})
	}
	return out
}

func sourceTip(t bitext.Term) string {
	tip := fmt.Sprintf("%s → %s (glossary entry %q)", t.Source, t.Target, t.Entry)
	if t.Variant {
		tip += "; variant spelling of the entry"
	}
	return tip
}

// targetSpans finds in text the target forms of the segment's terms (whole
// words, case-insensitive) and the words the backend did not know.
func targetSpans(text string, s *bitext.Segment) []span {
	var out []span
	seen := make(map[string]bool)
	for _, t := range s.Terms {
		if t.Target == "" || seen[t.Target] {
			continue
		}
		seen[t.Target] = true
		tip := fmt.Sprintf("%s → %s (glossary entry %q)", t.Entry, t.Target, t.Entry)
		for _, m := range findWords(text, t.Target) {
			out = append(out, span{m[0], m[1], true, tip})
		}
	}
	for _, w := range unknownWords(s) {
		if seen["\x00"+w] {
			continue
		}
		seen["\x00"+w] = true
		for _, m := range findWords(text, w) {
			out = append(out, span{m[0], m[1], false, ""})
		}
	}
	return out
}

// splitSpans cuts text into pieces at the spans. Overlapping spans are
// resolved leftmost first, terms before unknown words, longest first.
// Tooltip ids are idPrefix followed by a counter.
func splitSpans(text string, spans []span, idPrefix string) []piece {
	slices.SortStableFunc(spans, func(a, b span) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if a.Term != b.Term {
			if a.Term {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.End, a.End)
	})
	var out []piece
	pos, n := 0, 0
	for _, sp := range spans {
		if sp.Start < pos {
			continue // overlaps a span already taken
		}
		if sp.Start > pos {
			out = append(out, piece{Text: text[pos:sp.Start]})
		}
		p := piece{Text: text[sp.Start:sp.End], Term: sp.Term, Unknown: !sp.Term, Tip: sp.Tip}
		if sp.Term {
			n++
			p.TipID = fmt.Sprintf("%s-%d", idPrefix, n)
		}
		out = append(out, p)
		pos = sp.End
	}
	if pos < len(text) {
		out = append(out, piece{Text: text[pos:]})
	}
	return out
}

// findWords returns the byte ranges of the whole-word, case-insensitive
// occurrences of needle in text, without overlaps.
func findWords(text, needle string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		end := matchFoldAt(text, i, needle)
		if end >= 0 && wordBoundary(text, i, end, needle) {
			out = append(out, [2]int{i, end})
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return out
}

// matchFoldAt reports where needle ends if text holds it at byte i under
// Unicode simple case folding, or -1.
func matchFoldAt(text string, i int, needle string) int {
	if needle == "" {
		return -1
	}
	for _, nr := range needle {
		if i >= len(text) {
			return -1
		}
		tr, size := utf8.DecodeRuneInString(text[i:])
		if !equalFold(tr, nr) {
			return -1
		}
		i += size
	}
	return i
}

func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// wordBoundary reports whether text[start:end] is not part of a longer word:
// where the needle begins (ends) with a word character, the text before (after)
// it must not be one.
func wordBoundary(text string, start, end int, needle string) bool {
	first, _ := utf8.DecodeRuneInString(needle)
	last, _ := utf8.DecodeLastRuneInString(needle)
	if classOf(first) == classWord && start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); classOf(r) == classWord {
			return false
		}
	}
	if classOf(last) == classWord && end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); classOf(r) == classWord {
			return false
		}
	}
	return true
}

// unknownWords are the words of s the backend did not know, without those
// holding a digit: a backend that passes "2020" through has not failed on
// it, and marking numbers as unknown misleads.
func unknownWords(s *bitext.Segment) []string {
	var out []string
	for _, w := range s.Unknown {
		if w != "" && !strings.ContainsAny(w, "0123456789") && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
