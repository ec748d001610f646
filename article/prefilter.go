package article

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A prefilter is a necessary condition for a regexp to match a line: every
// match holds one of its literals. Lines are tested in caseless form (every
// rune replaced by the smallest rune of its case-folding orbit, the orbit
// that (?i) matches), so the test never rejects a line the regexp matches,
// with or without (?i). It spares the regexps most lines: two default rules
// shaped (?i).*…X….* backtrack over every line they are tried on.
type prefilter struct {
	lits []string // caseless literals; nil: no prefilter, try the regexp
}

// maxLiterals bounds the literals of one prefilter: beyond, the test would
// cost about what it saves.
const maxLiterals = 64

// maxClassLiterals bounds the runes of a character class taken as literals.
const maxClassLiterals = 8

// newPrefilter derives the prefilter of re; it has no literals when some
// match of re holds none.
func newPrefilter(re *regexp.Regexp) prefilter {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return prefilter{}
	}
	lits, ok := required(tree.Simplify())
	if !ok {
		return prefilter{}
	}
	return prefilter{lits: lits}
}

// mayMatch reports whether caseless text holds one of the literals.
func (p prefilter) mayMatch(caseless string) bool {
	if p.lits == nil {
		return true
	}
	for _, l := range p.lits {
		if strings.Contains(caseless, l) {
			return true
		}
	}
	return false
}

// required returns caseless strings one of which every match of re holds, or
// false when there are none (re matches some string that holds none of them).
func required(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{caseless(string(re.Rune))}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == maxClassLiterals {
					return nil, false // a wide class: a poor filter
				}
				out = appendUnique(out, caseless(string(r)))
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil, false
	case syntax.OpConcat:
		return requiredConcat(re.Sub)
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			lits, ok := required(sub)
			if !ok {
				return nil, false
			}
			for _, l := range lits {
				out = appendUnique(out, l)
			}
			if len(out) > maxLiterals {
				return nil, false
			}
		}
		return out, true
	}
	// empty strings, anchors, boundaries, any character, stars and questions:
	// some match holds no literal of them
	return nil, false
}

// requiredConcat returns the best literals of a concatenation: every match
// holds a match of each part, so the literals of any one part will do; the
// part whose shortest literal is longest is chosen. Adjacent literal parts
// are joined first ("tous" "droits" are two parts around \s+, "ab" "c" one).
func requiredConcat(subs []*syntax.Regexp) ([]string, bool) {
	var best []string
	score := func(lits []string) int {
		short := -1
		for _, l := range lits {
			if short < 0 || len(l) < short {
				short = len(l)
			}
		}
		return short*4 - len(lits) // prefer long literals, then fewer
	}
	consider := func(lits []string, ok bool) {
		if ok && (best == nil || score(lits) > score(best)) {
			best = lits
		}
	}
	for i := 0; i < len(subs); i++ {
		if subs[i].Op == syntax.OpLiteral {
			var run []rune
			for ; i < len(subs) && subs[i].Op == syntax.OpLiteral; i++ {
				run = append(run, subs[i].Rune...)
			}
			i--
			consider([]string{caseless(string(run))}, true)
			continue
		}
		consider(required(subs[i]))
	}
	return best, best != nil
}

func appendUnique(list []string, s string) []string {
	for _, l := range list {
		if l == s {
			return list
		}
	}
	return append(list, s)
}

// caselessLatin maps the runes below U+0250 to their caseless form.
var caselessLatin = func() (t [0x250]rune) {
	for r := range rune(len(t)) {
		t[r] = foldMin(r)
	}
	return t
}()

// foldMin returns the smallest rune of r's simple case-folding orbit.
func foldMin(r rune) rune {
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

// caseless replaces every rune of s by the smallest rune of its case-folding
// orbit: two strings that (?i) finds equal are equal caseless. An invalid
// byte becomes U+FFFD, as the regexp engine reads it.
func caseless(s string) string {
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = caselessLatin[c]
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			if r < rune(len(caselessLatin)) {
				r = caselessLatin[r]
			} else {
				r = foldMin(r)
			}
		}
		b = utf8.AppendRune(b, r)
		i += size
	}
	return string(b)
}

// literalScan finds, in one pass over a caseless line, which rules' literals
// it holds: one table lookup per byte pair rules most positions out, so the
// line is read once whatever the number of rules and literals.
type literalScan struct {
	lits  []string // every literal of every rule
	rules []uint64 // the rules (bits, by index) each literal stands for
	// pairs has a bit set for the first two bytes of every literal of two
	// bytes or more; single holds the one-byte literals' bytes
	pairs  [1 << 16 / 64]uint64
	single [256]bool
	byPair map[uint16][]int32 // literal indexes by their first two bytes
	byByte [256][]int32       // one-byte literal indexes
	always uint64             // rules with no prefilter: always tried
}

// newLiteralScan indexes the literals of filters; ok is false when there are
// more rules than a mask holds.
func newLiteralScan(filters []prefilter) (*literalScan, bool) {
	if len(filters) > 64 {
		return nil, false
	}
	s := &literalScan{byPair: make(map[uint16][]int32)}
	for r, f := range filters {
		if f.lits == nil {
			s.always |= 1 << r
			continue
		}
		for _, l := range f.lits {
			i := slicesIndex(s.lits, l)
			if i < 0 {
				i = len(s.lits)
				s.lits = append(s.lits, l)
				s.rules = append(s.rules, 0)
				if len(l) == 1 {
					s.single[l[0]] = true
					s.byByte[l[0]] = append(s.byByte[l[0]], int32(i))
				} else {
					k := uint16(l[0])<<8 | uint16(l[1])
					s.pairs[k/64] |= 1 << (k % 64)
					s.byPair[k] = append(s.byPair[k], int32(i))
				}
			}
			s.rules[i] |= 1 << r
		}
	}
	return s, true
}

// scan returns the rules that may match caseless: those with no prefilter
// and those one of whose literals it holds.
func (s *literalScan) scan(caseless string) uint64 {
	mask := s.always
	for i := 0; i < len(caseless); i++ {
		c := caseless[i]
		if s.single[c] {
			for _, li := range s.byByte[c] {
				mask |= s.rules[li]
			}
		}
		if i+1 == len(caseless) {
			break
		}
		k := uint16(c)<<8 | uint16(caseless[i+1])
		if s.pairs[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, li := range s.byPair[k] {
			if strings.HasPrefix(caseless[i:], s.lits[li]) {
				mask |= s.rules[li]
			}
		}
	}
	return mask
}

func slicesIndex(list []string, s string) int {
	for i, l := range list {
		if l == s {
			return i
		}
	}
	return -1
}
