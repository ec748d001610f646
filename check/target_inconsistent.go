package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var targetInconsistent = Rule{
	ID: TargetInconsistent,
	Doc: "One source segment is translated two different ways\n\n" +
		"The same source text (whitespace normalised) has different translations in the files checked; " +
		"each translation that differs from the most frequent one is reported.",
	Help: "Use one translation for the repeated segment, or add a note containing " +
		"\"diglot-ignore: target-inconsistent\" where the context requires another.",
	// Check is nil: the rule looks across the files of a run, in
	// checker.remember and checker.inconsistencies.
}

// occurrence is a translation of a source segment, for target-inconsistent.
type occurrence struct {
	target string // normalised
	site   site
}

// remember records the translation at s, checked by p, for
// target-inconsistent.
func (c *checker) remember(d *document, s site, p *Pass) {
	key := primaryLang(d.tgtLang) + "\x00" + p.collapsedSource()
	c.seen[key] = append(c.seen[key], occurrence{target: p.normalisedTarget(), site: s})
}

// inconsistencies reports the translations of each repeated source segment
// that differ from its most frequent translation (the first seen on a tie).
func (c *checker) inconsistencies() {
	for _, occ := range c.seen {
		if len(occ) < 2 {
			continue
		}
		count := map[string]int{}
		ref := occ[0]
		for _, o := range occ {
			count[o.target]++
			if count[o.target] > count[ref.target] {
				ref = o
			}
		}
		if count[ref.target] == len(occ) {
			continue
		}
		for _, o := range occ {
			if o.target != ref.target {
				c.emit(o.site, Finding{Rule: TargetInconsistent,
					Message: fmt.Sprintf("the same source is translated %q at %s", ref.site.base.Target, ref.site.where())})
			}
		}
	}
}

// collapse is s in NFC with runs of white space as one space, trimmed.
func collapse(s string) string {
	s = norm.NFC.String(s)
	if collapsed(s) {
		return s // what most texts are: no need to split and join them
	}
	return joinFields(s)
}

// joinFields is strings.Join(strings.Fields(s), " ") in one copy, without
// the slice of fields (FuzzJoinFields).
func joinFields(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := -1 // of the field being read
	for i := 0; i < len(s); {
		c := s[i]
		space, size := false, 1
		if c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[start:i])
			start = -1
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[start:])
	}
	return b.String()
}

// collapsed reports whether s has no white space but single spaces between
// other characters, and so is its own strings.Fields joined by spaces. It
// looks for each kind of white space in a scan of its own, at the pace of
// strings.Index or eight bytes at a time (FuzzCollapsed).
func collapsed(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || strings.Contains(s, "  ") {
		return false
	}
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			// x-0x0E… borrows into the high bit of a byte below 0x0E (the
			// lowest at least); x&0x80… has the high bits of non-ASCII bytes
			if (x-0x0e*ones)&^x&highs == 0 && x&highs == 0 {
				i += 8 // ASCII without a tab or a line break
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= '\t' && c <= '\r' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// typographic are the apostrophes, quotation marks and spaces that vary
// with style alone, each with the one form that stands for them all.
var typographic = []string{"’", "'", "‘", "'", "ʼ", "'", "“", `"`, "”", `"`, "\u00a0", " ", "\u202f", " "}

// typography maps the typographic characters to their one form.
var typography = strings.NewReplacer(typographic...)

// hasTypographic reports whether s holds one of the characters typography
// replaces (none is ASCII), so that a text holding none is left as it is
// without the replacer's copy.
func hasTypographic(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '’', '‘', 'ʼ', '“', '”', '\u00a0', '\u202f':
			return true
		}
		i += n - 1
	}
	return false
}

// normalise is s as translations are compared: collapsed, case folded, one
// apostrophe and one double quotation mark.
func normalise(s string) string {
	if hasTypographic(s) {
		s = typography.Replace(s)
	}
	return strings.ToLower(collapse(s))
}

// normaliseCollapsed is normalise(s) from collapse(s): the source of a
// segment is collapsed for target-inconsistent and normalised for
// untranslated, and is decomposed and scanned once. The typographic
// characters compose with nothing in NFC, and the spaces among them are
// white space that collapse already made single spaces, so the two orders
// give the same text (FuzzNormaliseCollapsed).
// isNormalisedCollapsed reports whether normaliseCollapsed(collapsed) is
// normalised, without making that text: typography maps rune to rune and
// strings.ToLower is unicode.ToLower of each rune (an invalid byte giving
// U+FFFD), so the two texts compare rune by rune, and most segments differ
// at their first runes (FuzzIsNormalisedCollapsed).
func isNormalisedCollapsed(collapsed, normalised string) bool {
	i, j := 0, 0
	for i < len(collapsed) && j < len(normalised) {
		a, b := collapsed[i], normalised[j]
		if a < utf8.RuneSelf && b < utf8.RuneSelf {
			if 'A' <= a && a <= 'Z' {
				a += 'a' - 'A'
			}
			if a != b {
				return false
			}
			i, j = i+1, j+1
			continue
		}
		r, n := utf8.DecodeRuneInString(collapsed[i:])
		s, m := utf8.DecodeRuneInString(normalised[j:])
		if s == utf8.RuneError && m == 1 {
			return normaliseCollapsed(collapsed) == normalised // not a text normalise makes
		}
		if unicode.ToLower(typographicRune(r)) != s {
			return false
		}
		i, j = i+n, j+m
	}
	return i == len(collapsed) && j == len(normalised)
}

// typographicRune is r as typography replaces it.
func typographicRune(r rune) rune {
	switch r {
	case '’', '‘', 'ʼ':
		return '\''
	case '“', '”':
		return '"'
	case '\u00a0', '\u202f':
		return ' '
	}
	return r
}

func normaliseCollapsed(collapsed string) string {
	if hasTypographic(collapsed) {
		collapsed = typography.Replace(collapsed)
	}
	return strings.ToLower(collapsed)
}
