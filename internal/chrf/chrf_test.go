package chrf

import (
	"math"
	"testing"
)

func TestKnownValues(t *testing.T) {
	for _, c := range []struct {
		name, hyp, ref string
		want           float64
	}{
		{"identical", "Niemand hat die Absicht, eine Mauer zu errichten", "Niemand hat die Absicht, eine Mauer zu errichten", 100},
		{"disjoint", "abc", "xyz", 0},
		{"whitespace ignored", "a b c", "abc", 100},
		// hyp "ab", ref "abc": order 1 P=2/2 R=2/3, order 2 P=1/1 R=1/2; order 3
		// has no hypothesis n-gram and does not count.
		// F1 = 5·(2/3)/(4+2/3) = 10/14, F2 = 5·(1/2)/4.5 = 5/9; mean ·100.
		{"hand computed", "ab", "abc", 100 * (10.0/14 + 5.0/9) / 2},
		{"empty hypothesis", "", "abc", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Sentence(c.hyp, c.ref); math.Abs(got-c.want) > 1e-9 {
				t.Errorf("chrF(%q, %q) = %.6f, want %.6f", c.hyp, c.ref, got, c.want)
			}
		})
	}
}

// Recall weighs more than precision (β = 2): a hypothesis holding all of the
// reference and more scores higher than one holding half of it exactly.
func TestRecallWeighsMore(t *testing.T) {
	long, short := Sentence("abcdxyz", "abcd"), Sentence("ab", "abcd")
	if long <= short {
		t.Errorf("all of the reference and more scores %.2f, part of it %.2f", long, short)
	}
}

// The corpus score sums the counts; it is not the mean of sentence scores.
func TestCorpusSumsStatistics(t *testing.T) {
	hyps, refs := []string{"abc", "x"}, []string{"abc", "yyyyyyyy"}
	var s Stats
	s.Add(hyps[0], refs[0])
	s.Add(hyps[1], refs[1])
	if got := Corpus(hyps, refs); got != s.Score() || got == (Sentence(hyps[0], refs[0])+Sentence(hyps[1], refs[1]))/2 {
		t.Errorf("corpus chrF %.4f", got)
	}
}
