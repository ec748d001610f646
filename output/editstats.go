package output

import "strings"

// EditStats counts word edits between a machine translation and its
// post-edited version, the way HTER (human-targeted translation edit rate)
// does: Edits is the number of word insertions, deletions and substitutions
// that turn the hypothesis into the reference, Words the number of words of
// the reference (the post-edit).
//
// Words are the runs of text between white space, compared exactly (case and
// punctuation count), as TER does without normalisation. TER also counts a
// shift of a block of words as one edit; EditStats does not search for
// shifts, so a moved word costs a deletion and an insertion. The rate is
// therefore an upper bound of TER's, exact whenever no words moved, which is
// the common case for post-edits of news paragraphs.
type EditStats struct {
	Edits int `json:"edits"`
	Words int `json:"words"`
}

// Add returns the sum of s and o, for totals over a document.
func (s EditStats) Add(o EditStats) EditStats {
	return EditStats{Edits: s.Edits + o.Edits, Words: s.Words + o.Words}
}

// Rate is Edits / Words: 0 for identical texts. An empty reference with edits
// (every word deleted) has rate 1, so a rate is never infinite.
func (s EditStats) Rate() float64 {
	switch {
	case s.Edits == 0:
		return 0
	case s.Words == 0:
		return 1
	}
	return float64(s.Edits) / float64(s.Words)
}

// WordEdits counts the word edits from hyp (the machine translation, or an
// older edition) to ref (the post-edit, or the newer edition). See [EditStats].
func WordEdits(hyp, ref string) EditStats {
	h, r := strings.Fields(hyp), strings.Fields(ref)
	return EditStats{Edits: levenshtein(h, r), Words: len(r)}
}

// levenshtein is the edit distance between two word sequences, with unit
// costs for insertion, deletion and substitution, in O(len(b)) space.
func levenshtein(a, b []string) int {
	// Common prefix and suffix cost nothing; trimming them keeps the usual
	// post-edit (a few words changed in a long paragraph) cheap.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) == 0 || len(b) == 0 {
		return len(a) + len(b)
	}
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0] // distance a[:i-1] -> b[:0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := diag
			if a[i-1] != b[j-1] {
				cost = 1 + min(diag, row[j], row[j-1])
			}
			diag, row[j] = row[j], cost
		}
	}
	return row[len(b)]
}
