package tm

import (
	"context"
	"slices"
	"strings"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/xliff"
)

// Sentence-level approved translations. The memory keys everything by
// normalised source, paragraphs and sentences alike: an approved
// translation whose source is one sentence of a paragraph the memory
// translated is stored as any other, and [Memory.Lookup] puts a paragraph
// together from the approved translations of its sentences (split with
// [article.Sentences], the splitter translate uses).

// Sentence is one sentence of a paragraph [Memory.Lookup] was asked for:
// its byte offsets in the source as given, and its approved translation
// when it has one.
type Sentence struct {
	Start, End int
	Target     string // the approved translation; "" when Approved is false
	Approved   bool
}

// probeBatch bounds the sentences one query of a driver's paragraphs looks
// for.
const probeBatch = 200

// recallSentences adds to hs the sources of loose that are a sentence of
// a paragraph the memory holds a machine translation of, for the pair:
// marked sentence, with the sentence's share of each machine translation
// that splits into as many sentences as its source. The pair's sources are
// read once for every probeBatch sentences, not once for each.
func (m *Memory) recallSentences(ctx context.Context, from, to string, loose []string, hs map[string]*held) error {
	type want struct {
		ns    string   // the normalised sentence
		words []string // its probes: all are in a paragraph that holds it
	}
	var wants []want
	for _, s := range loose {
		ns := Normalize(s)
		if _, done := hs[ns]; done || ns == "" {
			continue
		}
		hs[ns] = nil // looked for once
		wants = append(wants, want{ns, probes(ns)})
	}
	defer func() {
		for k, h := range hs {
			if h == nil {
				delete(hs, k)
			}
		}
	}()
	for len(wants) > 0 {
		batch := wants[:min(len(wants), probeBatch)]
		wants = wants[len(batch):]
		words := make([][]string, len(batch))
		for i, w := range batch {
			words[i] = w.words
		}
		err := m.d.paragraphs(ctx, from, to, words, func(source, target string) error {
			var spans []article.Span
			for _, w := range batch {
				if !containsAll(source, w.words) {
					continue
				}
				if spans == nil {
					if spans = article.Sentences(source); len(spans) < 2 {
						return nil
					}
				}
				i := slices.IndexFunc(spans, func(sp article.Span) bool { return Normalize(source[sp.Start:sp.End]) == w.ns })
				if i < 0 {
					continue
				}
				h := hs[w.ns]
				if h == nil {
					h = &held{sentence: true, machine: []string{}, shas: map[string][]string{}}
					hs[w.ns] = h
				}
				if ts := xliff.SplitSentences(target); len(ts) == len(spans) {
					h.machine = append(h.machine, strings.TrimSpace(ts[i]))
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// probes returns the words of a normalised sentence the database looks
// for in paragraphs: its three longest (distinct), which survive the white
// space a file may have changed around them.
func probes(ns string) []string {
	words := strings.Fields(ns)
	slices.SortStableFunc(words, func(a, b string) int { return len(b) - len(a) })
	words = slices.Compact(words)
	return words[:min(len(words), 3)]
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// sentenceEdits returns, for a unit in sentence segments whose paragraph
// the memory holds (h) without an approved translation, the sentences an
// editor changed or marked reviewed, as units to approve one by one, and
// true; false when u is not segmented or its sentences do not line up
// with a machine translation of the paragraph (the whole unit is then
// approved).
func (h *held) sentenceEdits(u importUnit, hs map[string]*held) ([]importUnit, bool) {
	if len(u.sentences) < 2 || h.approved != nil || h.sentence {
		return nil, false
	}
	var mt []string
	for _, m := range h.machine {
		if ts := xliff.SplitSentences(m); len(ts) == len(u.sentences) {
			mt = ts
			break
		}
	}
	if mt == nil {
		return nil, false
	}
	for _, s := range u.sentences {
		if strings.TrimSpace(s.Target) == "" || strings.TrimSpace(s.Source) == "" {
			return nil, false
		}
	}
	var out []importUnit
	for i, s := range u.sentences {
		su := u
		su.id, su.source, su.target, su.sentences = u.id+"/"+s.ID, s.Source, s.Target, nil
		if st := State(s.State); st != "" {
			su.state, su.reviewed = st, reviewed(st)
		}
		target := Normalize(s.Target)
		if sh, ok := hs[Normalize(s.Source)]; ok && sh.approved != nil && Normalize(*sh.approved) == target {
			continue // approved already
		}
		if !su.reviewed && Normalize(mt[i]) == target {
			continue // the machine's sentence, unchanged
		}
		out = append(out, su)
	}
	return out, true
}

// sentenceHashes returns the sentences of a source and their hashes, when
// it has more than one.
func sentenceHashes(source string) ([]article.Span, [][]byte) {
	spans := article.Sentences(source)
	if len(spans) < 2 {
		return nil, nil
	}
	hashes := make([][]byte, len(spans))
	for i, sp := range spans {
		hashes[i] = sourceHash(source[sp.Start:sp.End])
	}
	return spans, hashes
}

// fromSentences makes the hit of a paragraph without an approved
// translation from the approved translations of its sentences, if any
// (approved, by sentence hash). Every sentence approved: the paragraph is
// put together from them, approved, with the sentences' least advanced
// state and all their notes. Some: when the machine translation mt (under
// the key, hasMT) splits into as many sentences as the source, the
// approved ones replace the machine's (a memory hit, not approved, whose
// Machine is that translation);
// otherwise found is false and the hit's Sentences say which sentences
// need no backend.
func fromSentences(source string, spans []article.Span, hashes [][]byte, approved map[string]lookupRow, mt lookupRow, hasMT bool) (hit Hit, found bool) {
	sents := make([]Sentence, len(spans))
	n := 0
	var states []string
	for i, sp := range spans {
		sents[i] = Sentence{Start: sp.Start, End: sp.End}
		if a, ok := approved[string(hashes[i])]; ok {
			sents[i].Target, sents[i].Approved = strings.TrimSpace(a.target), true
			states = append(states, a.state)
			for _, note := range splitNotes(a.note) {
				if !slices.Contains(hit.Notes, note) {
					hit.Notes = append(hit.Notes, note)
				}
			}
			n++
		}
	}
	if n == 0 {
		return Hit{}, false
	}
	if hasMT {
		hit.MT, hit.Unknown = mt.mt, splitWords(mt.unknown)
	}
	if n == len(spans) {
		hit.Target, hit.Approved, hit.State, hit.Sentences = JoinSentences(source, sents, nil), true, leastState(states), sents
		if hasMT {
			hit.Machine = mt.target
		}
		return hit, true
	}
	hit.Notes = nil // notes of some sentences do not speak for the paragraph
	hit.Sentences = sents
	if hasMT {
		if ts := xliff.SplitSentences(mt.target); len(ts) == len(spans) {
			hit.Target, hit.Machine = JoinSentences(source, sents, ts), mt.target
			return hit, true
		}
	}
	hit.MT, hit.Unknown = "", nil
	return hit, false
}

// JoinSentences puts a paragraph's translation together: each sentence's
// approved target, else others[i] (trimmed; others may be nil when every
// sentence is approved), joined by spaces (source is the paragraph's
// source, for future use of the white space between its sentences).
func JoinSentences(source string, sents []Sentence, others []string) string {
	var b strings.Builder
	for i, s := range sents {
		if i > 0 {
			b.WriteByte(' ')
		}
		t := s.Target
		if !s.Approved && i < len(others) {
			t = strings.TrimSpace(others[i])
		}
		b.WriteString(t)
	}
	return b.String()
}
