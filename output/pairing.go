package output

import "github.com/diglot/diglot/bitext"

// pairSegments pairs the segments of an older edition with those of a newer
// one. It returns, for each new segment, the index of its old partner or -1,
// and the indexes of the old segments left without a partner (in order).
//
// Ids are stable across runs of the same source, but inserting a paragraph in
// the source renumbers those after it, and an XLIFF file may use other ids
// altogether. So pairing runs in three passes, each only over what is still
// unpaired:
//
//  1. same id and same source text;
//  2. same source text, in document order (moved or renumbered paragraphs);
//  3. same id (a paragraph whose source was edited).
func pairSegments(old, cur []bitext.Segment) (match []int, gone []int) {
	match = make([]int, len(cur))
	for i := range match {
		match[i] = -1
	}
	taken := make([]bool, len(old))
	byID := make(map[string]int, len(old))
	bySource := make(map[string][]int, len(old))
	for i, s := range old {
		byID[s.ID] = i
		bySource[s.Source] = append(bySource[s.Source], i)
	}
	pair := func(n, o int) {
		match[n], taken[o] = o, true
	}
	for n, s := range cur {
		if o, ok := byID[s.ID]; ok && old[o].Source == s.Source {
			pair(n, o)
		}
	}
	for n, s := range cur {
		if match[n] >= 0 {
			continue
		}
		for _, o := range bySource[s.Source] {
			if !taken[o] {
				pair(n, o)
				break
			}
		}
	}
	for n, s := range cur {
		if o, ok := byID[s.ID]; ok && match[n] < 0 && !taken[o] {
			pair(n, o)
		}
	}
	for o, t := range taken {
		if !t {
			gone = append(gone, o)
		}
	}
	return match, gone
}
