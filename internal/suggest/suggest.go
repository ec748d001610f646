package suggest

import (
	"fmt"
	"strings"
)

// Nearest returns the name of valid closest to name, by Damerau-Levenshtein
// distance (case ignored), when it is close enough to be what the user
// meant: at most one edit for short names, a third of the length for longer
// ones. ok is false when nothing is that close.
func Nearest(name string, valid []string) (best string, ok bool) {
	name = strings.ToLower(name)
	bound := max(1, len([]rune(name))/3)
	bestD := bound + 1
	for _, v := range valid {
		d := EditDistance(name, strings.ToLower(v))
		if d < bestD || (d == bestD && d <= bound && len(v) < len(best)) {
			best, bestD = v, d
		}
	}
	return best, bestD <= bound
}

// EditDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of two adjacent
// runes each count one.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// DidYouMean is " (did you mean X?)" for the valid name nearest to name,
// quoted by quote, or the list of valid names when none is near.
func DidYouMean(name string, valid []string, quote func(string) string) string {
	if best, ok := Nearest(name, valid); ok {
		return fmt.Sprintf(" (did you mean %s?)", quote(best))
	}
	return " (want one of " + strings.Join(valid, ", ") + ")"
}

// Quoted is s in Go's double quotes, the usual quote for [DidYouMean].
func Quoted(s string) string { return fmt.Sprintf("%q", s) }
