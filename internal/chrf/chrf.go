package chrf

import (
	"strings"
	"unicode"
)

const (
	// Order is the largest character n-gram.
	Order = 6
	// Beta weighs recall against precision.
	Beta = 2.0
)

// Stats are the n-gram counts of a corpus, per order: n-grams in the
// hypotheses, in the references, and matched (clipped by the reference).
type Stats struct {
	Hyp, Ref, Match [Order]int
}

// Add counts one hypothesis against its reference.
func (s *Stats) Add(hyp, ref string) {
	h, r := []rune(strip(hyp)), []rune(strip(ref))
	for n := 1; n <= Order; n++ {
		hc, rc := ngrams(h, n), ngrams(r, n)
		for g, c := range hc {
			s.Hyp[n-1] += c
			s.Match[n-1] += min(c, rc[g])
		}
		for _, c := range rc {
			s.Ref[n-1] += c
		}
	}
}

// Score is the chrF of the counts, from 0 to 100.
func (s *Stats) Score() float64 {
	const eps = 1e-16
	factor := Beta * Beta
	score, orders := 0.0, 0
	for n := range Order {
		if s.Hyp[n] == 0 || s.Ref[n] == 0 {
			continue
		}
		orders++
		p := float64(s.Match[n]) / float64(s.Hyp[n])
		r := float64(s.Match[n]) / float64(s.Ref[n])
		if d := factor*p + r; d > eps {
			score += (1 + factor) * p * r / d
		}
	}
	if orders == 0 {
		return 0
	}
	return 100 * score / float64(orders)
}

// Corpus is the chrF of hypotheses against references, line by line.
func Corpus(hyps, refs []string) float64 {
	var s Stats
	for i := range min(len(hyps), len(refs)) {
		s.Add(hyps[i], refs[i])
	}
	return s.Score()
}

// Sentence is the chrF of one hypothesis against its reference.
func Sentence(hyp, ref string) float64 {
	var s Stats
	s.Add(hyp, ref)
	return s.Score()
}

func strip(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func ngrams(rs []rune, n int) map[string]int {
	out := map[string]int{}
	for i := 0; i+n <= len(rs); i++ {
		out[string(rs[i:i+n])]++
	}
	return out
}
