package article

import (
	"bytes"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
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
		rare := 0 // a letter rare in French is worth one and a half ("cookies" before "politique")
		for _, l := range lits {
			if strings.ContainsAny(l, rareLetters) {
				rare = 12
			}
		}
		return short*8 - len(lits)*2 + rare // prefer long literals, then fewer
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

// caselessRune is the smallest rune of r's case-folding orbit.
func caselessRune(r rune) rune {
	if r < rune(len(caselessLatin)) {
		return caselessLatin[r]
	}
	return foldMin(r)
}

// maxHead bounds the prefixes of a head, in bytes: longer ones are cut,
// which keeps them necessary conditions.
const maxHead = 16

// heads returns caseless strings one of which every non-empty match of re
// starts with, cut to maxHead bytes, and whether re matches the empty
// string; ok is false when some match may start otherwise.
func heads(re *syntax.Regexp) (prefixes []string, nullable, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil, true, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, true, true
		}
		return []string{cutHead(caseless(string(re.Rune)))}, false, true
	case syntax.OpCharClass:
		lits, ok := required(re)
		return lits, false, ok
	case syntax.OpCapture, syntax.OpPlus:
		return heads(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		p, _, ok := heads(re.Sub[0])
		return p, true, ok
	case syntax.OpRepeat:
		if re.Max == 0 {
			return nil, true, true
		}
		p, n, ok := heads(re.Sub[0])
		return p, n || re.Min == 0, ok
	case syntax.OpConcat:
		nullable = true
		for _, sub := range re.Sub {
			p, n, ok := heads(sub)
			if !ok {
				return nil, false, false
			}
			prefixes = unionOf(prefixes, p)
			if !n {
				nullable = false
				break
			}
		}
		return prefixes, nullable, len(prefixes) <= maxLiterals
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			p, n, ok := heads(sub)
			if !ok {
				return nil, false, false
			}
			prefixes = unionOf(prefixes, p)
			nullable = nullable || n
		}
		return prefixes, nullable, len(prefixes) <= maxLiterals
	}
	return nil, false, false // any character
}

func unionOf(list, more []string) []string {
	for _, s := range more {
		list = appendUnique(list, s)
	}
	return list
}

// cutHead cuts caseless text s to at most maxHead bytes, on a rune boundary.
func cutHead(s string) string {
	if len(s) <= maxHead {
		return s
	}
	n := maxHead
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// A finder tells whether a line holds one caseless literal without making
// the line caseless: it looks for an ASCII byte of the literal (its anchor)
// in each of its case forms (upper and lower case, and the Kelvin sign for
// k, the long s for s), and compares the runes around each one it finds.
type finder struct {
	lit    string
	runes  []rune // lit's runes
	anchor int    // index in runes of the byte looked for; -1: none, make the line caseless
	lo, up byte   // its two ASCII cases
	other  string // the non-ASCII rune that folds to it, "" when none
}

// rareLetters are the ASCII letters least used in French.
const rareLetters = "KWXZYJ"

// anchorRank orders the ASCII letters by how rare they are in French: the
// rarer the anchor, the fewer places to compare.
const anchorRank = rareLetters + "HVBGFQPMCDLUONTRIEAS"

func newFinder(lit string) finder {
	f := finder{lit: lit, runes: []rune(lit), anchor: -1}
	best := len(anchorRank) + 1
	for i, r := range f.runes {
		if r >= utf8.RuneSelf || nonASCIIOrbit(r) > 1 {
			continue
		}
		rank := strings.IndexRune(anchorRank, r)
		if rank < 0 {
			rank = len(anchorRank) // a digit or a sign: common enough
		}
		if rank < best {
			best, f.anchor = rank, i
		}
	}
	if f.anchor >= 0 {
		r := byte(f.runes[f.anchor])
		f.lo, f.up = r, r
		if 'A' <= r && r <= 'Z' {
			f.lo = r + 'a' - 'A'
		}
		for o := unicode.SimpleFold(rune(r)); o != rune(r); o = unicode.SimpleFold(o) {
			if o >= utf8.RuneSelf {
				f.other = string(o)
			}
		}
	}
	return f
}

// nonASCIIOrbit counts the runes of r's case-folding orbit that are not ASCII.
func nonASCIIOrbit(r rune) int {
	n := 0
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f >= utf8.RuneSelf {
			n++
		}
	}
	return n
}

// in reports whether caseless(text) holds the literal.
func (f *finder) in(text string) bool {
	if f.anchor < 0 {
		return strings.Contains(caseless(text), f.lit)
	}
	back := utf8.UTFMax * f.anchor // the literal starts at most this many bytes before its anchor
	nextLo, nextUp, nextOther := -2, -2, -1
	if f.other != "" {
		nextOther = -2
	}
	for from := 0; from < len(text); {
		if nextLo != -1 && nextLo < from {
			nextLo = indexFrom(text, from, f.lo)
		}
		if nextUp != -1 && nextUp < from {
			nextUp = indexFrom(text, from, f.up)
		}
		if nextOther != -1 && nextOther < from {
			nextOther = strings.Index(text[from:], f.other)
			if nextOther >= 0 {
				nextOther += from
			}
		}
		p := -1
		for _, n := range [3]int{nextLo, nextUp, nextOther} {
			if n >= 0 && (p < 0 || n < p) {
				p = n
			}
		}
		if p < 0 {
			return false
		}
		if f.startsAt(text, max(0, p-back), p) {
			return true
		}
		from = p + 1
	}
	return false
}

func indexFrom(s string, from int, c byte) int {
	i := strings.IndexByte(s[from:], c)
	if i < 0 {
		return -1
	}
	return from + i
}

// startsAt reports whether caseless(text) holds the literal with its
// anchor at byte p, decoding text from byte w on.
func (f *finder) startsAt(text string, w, p int) bool {
	// every rune starts at a byte that is no continuation byte, so decoding
	// from one keeps in step with decoding the whole line
	for w > 0 && !utf8.RuneStart(text[w]) {
		w--
	}
	// the starts of the last anchor+1 runes before p, in a ring
	var ring [16]int
	if f.anchor >= len(ring) {
		for q := w; q <= p; {
			if f.at(text[q:]) {
				return true
			}
			_, size := utf8.DecodeRuneInString(text[q:])
			q += size
		}
		return false
	}
	n := 0
	for q := w; q < p; n++ {
		ring[n%len(ring)] = q
		if text[q] < utf8.RuneSelf {
			q++
		} else {
			_, size := utf8.DecodeRuneInString(text[q:])
			q += size
		}
	}
	ring[n%len(ring)] = p
	if n < f.anchor {
		return false // fewer runes before p than before the anchor
	}
	return f.at(text[ring[(n-f.anchor)%len(ring)]:])
}

// at reports whether caseless(s) starts with the literal.
func (f *finder) at(s string) bool {
	i := 0
	for _, want := range f.runes {
		if i >= len(s) {
			return false
		}
		var r rune
		size := 1
		if c := s[i]; c < utf8.RuneSelf {
			r = caselessLatin[c]
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			r = caselessRune(r)
		}
		if r != want {
			return false
		}
		i += size
	}
	return true
}

// quickRules finds the rules that may match a whole line at the cost of
// reading its first bytes and looking for a few bytes: a rule is tried only
// when the line starts as one of its matches does (its heads) and holds one
// of its literals (its finders).
type quickRules struct {
	byFirst  [256]uint64 // rules with a head starting with this caseless byte
	anyStart uint64      // rules with no heads: any start
	heads    [][]string  // by rule; nil for the rules in anyStart
	finders  [][]finder  // by rule; nil: no literal needed
}

// newQuickRules indexes the rules res with their prefilters; ok is false
// when there are more rules than a mask holds.
func newQuickRules(res []*regexp.Regexp, filters []prefilter) (*quickRules, bool) {
	if len(res) > 64 {
		return nil, false
	}
	q := &quickRules{heads: make([][]string, len(res)), finders: make([][]finder, len(res))}
	for i, re := range res {
		r := quickOf(re, filters[i])
		if r.ok {
			q.heads[i] = r.heads
			for _, h := range r.heads {
				q.byFirst[h[0]] |= 1 << i
			}
		} else {
			q.anyStart |= 1 << i
		}
		q.finders[i] = r.finders
	}
	return q, true
}

// quickRule is what quickRules knows of one rule.
type quickRule struct {
	heads   []string
	ok      bool // false: any start
	finders []finder
}

// quicks caches each whole-line pattern's quickRule, by source text: every
// article read builds its cleaner, and parsing a (?i) pattern is costly.
var quicks sync.Map

func quickOf(re *regexp.Regexp, f prefilter) quickRule {
	if v, ok := quicks.Load(re.String()); ok {
		return v.(quickRule)
	}
	var r quickRule
	if tree, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
		r.heads, _, r.ok = heads(tree.Simplify())
	}
	for _, l := range f.lits {
		r.finders = append(r.finders, newFinder(l))
	}
	quicks.Store(re.String(), r)
	return r
}

// candidates returns the rules that may match all of text, non-empty.
func (q *quickRules) candidates(text string) uint64 {
	// the caseless form of text's first runes: caseless keeps or shortens
	// every rune, so 4×maxHead bytes give at least maxHead caseless ones
	var buf [utf8.UTFMax*maxHead + utf8.UTFMax]byte
	n := len(text)
	if n > utf8.UTFMax*maxHead {
		n = utf8.UTFMax * maxHead
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
	}
	head := buf[:0]
	for i := 0; i < n; {
		c := text[i]
		if c < utf8.RuneSelf {
			head = append(head, byte(caselessLatin[c]))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:n])
		head = utf8.AppendRune(head, caselessRune(r))
		i += size
	}
	mask := q.anyStart
	if len(head) > 0 {
		for m := q.byFirst[head[0]]; m != 0; m &= m - 1 {
			i := bits.TrailingZeros64(m)
			for _, h := range q.heads[i] {
				if bytes.HasPrefix(head, []byte(h)) {
					mask |= 1 << i
					break
				}
			}
		}
	}
	for m := mask; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		if !q.holds(i, text) {
			mask &^= 1 << i
		}
	}
	return mask
}

// holds reports whether text holds one of rule i's literals (true when it
// has none).
func (q *quickRules) holds(i int, text string) bool {
	fs := q.finders[i]
	if fs == nil {
		return true
	}
	for j := range fs {
		if fs[j].in(text) {
			return true
		}
	}
	return false
}
