package article

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/bitext"
)

// InlineCodes finds the Markdown inline markup of a block's text, as the
// inline codes diglot carries through translation: emphasis (*x*, _x_,
// **x**, __x__, ***x***), strikethrough (~~x~~), links ([x](url)), code
// spans (`x`), images (![alt](src)) and autolinks (<https://…>), in order
// of their start, numbered from 1.
//
// It follows CommonMark where articles need it: backslash escapes, code
// spans of any backtick run, link brackets nested, emphasis delimiter runs
// that must be left- or right-flanking (no intraword _), with one
// simplification: an emphasis closes only on a run of the same character
// and length as its opening (**a *b* c** is found, **a* is not). What does
// not match is text, as in CommonMark.
//
// It takes time linear in the length of text (up to a logarithm): backtick
// runs and link brackets are indexed once, and emphasis openers are looked
// up by character and length.
func InlineCodes(text string) []bitext.Code {
	var out []bitext.Code
	sc := newScan(text)
	sc.inline(0, len(text), &out)
	slices.SortFunc(out, func(a, b bitext.Code) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	for i := range out {
		out[i].ID = i + 1
	}
	return out
}

// delim is an emphasis delimiter run waiting for its closer.
type delim struct {
	pos, n int
	ch     byte
}

// scan holds what InlineCodes indexes of a text once.
type scan struct {
	text string
	// ticks lists the starts of the backtick runs of each length, in order.
	ticks map[int][]int
	// closer maps the offset of a "[" to that of its matching "]" (code
	// spans and backslash escapes skipped).
	closer map[int]int
}

func newScan(text string) *scan {
	sc := &scan{text: text, ticks: map[int][]int{}, closer: map[int]int{}}
	for i := 0; i < len(text); {
		if text[i] == '`' {
			n := run(text, i, len(text), '`')
			sc.ticks[n] = append(sc.ticks[n], i)
			i += n
			continue
		}
		i++
	}
	var open []int
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '`':
			n := run(text, i, len(text), '`')
			if j := sc.closingTicks(i+n, len(text), n); j >= 0 {
				i = j + n - 1
			} else {
				i += n - 1
			}
		case '[':
			open = append(open, i)
		case ']':
			if len(open) > 0 {
				sc.closer[open[len(open)-1]] = i
				open = open[:len(open)-1]
			}
		}
	}
	return sc
}

// closingTicks finds the start of a run of exactly n backticks in
// text[from:hi], or -1.
func (sc *scan) closingTicks(from, hi, n int) int {
	starts := sc.ticks[n]
	k, _ := slices.BinarySearch(starts, from)
	if k < len(starts) && starts[k]+n <= hi {
		return starts[k]
	}
	return -1
}

// inline finds the codes of text[lo:hi].
func (sc *scan) inline(lo, hi int, out *[]bitext.Code) {
	text := sc.text
	var stack []delim
	// openers of each run (character and length): indices in stack
	byRun := map[[2]int][]int{}
	for i := lo; i < hi; {
		switch c := text[i]; c {
		case '\\':
			if i+1 < hi && isASCIIPunct(text[i+1]) {
				i += 2
				continue
			}
		case '`':
			n := run(text, i, hi, '`')
			if j := sc.closingTicks(i+n, hi, n); j >= 0 {
				*out = append(*out, bitext.Code{Kind: bitext.CodeSpan, Start: i, End: j + n, Open: text[i : j+n]})
				i = j + n
			} else {
				i += n
			}
			continue
		case '!', '[':
			at := i
			if c == '!' {
				if i+1 >= hi || text[i+1] != '[' {
					break
				}
				at = i + 1
			}
			if mid, end, url, ok := sc.link(at, hi); ok {
				if c == '!' {
					*out = append(*out, bitext.Code{Kind: bitext.CodeImage, Start: i, End: end, Open: text[i:end], URL: url})
				} else {
					*out = append(*out, bitext.Code{Kind: bitext.CodeLink, Start: i, End: end, Open: "[", Close: text[mid:end], URL: url})
					sc.inline(i+1, mid, out)
				}
				i = end
				continue
			}
		case '<':
			if end := strings.IndexAny(text[i+1:min(i+2048, hi)], "> \t\n<") + 1; end > 0 && text[i+end] == '>' {
				inner := text[i+1 : i+end]
				if isAutolink(inner) {
					*out = append(*out, bitext.Code{Kind: bitext.CodeAutolink, Start: i, End: i + end + 1, Open: text[i : i+end+1], URL: inner})
					i += end + 1
					continue
				}
			}
		case '*', '_', '~':
			n := run(text, i, hi, c)
			if c == '~' && n != 2 || n > 3 {
				i += n
				continue
			}
			open, closing := flanking(text, i, i+n, lo, hi, c)
			if closing {
				key := [2]int{int(c), n}
				if ks := byRun[key]; len(ks) > 0 {
					k := ks[len(ks)-1] // the innermost opener of the same run closes
					d := stack[k]
					m := text[i : i+n]
					*out = append(*out, bitext.Code{Kind: emphasisKind(c, n), Start: d.pos, End: i + n, Open: m, Close: m})
					// the openers inside are text now
					stack = stack[:k]
					for key, ks := range byRun {
						for len(ks) > 0 && ks[len(ks)-1] >= k {
							ks = ks[:len(ks)-1]
						}
						byRun[key] = ks
					}
					i += n
					continue
				}
			}
			if open {
				key := [2]int{int(c), n}
				byRun[key] = append(byRun[key], len(stack))
				stack = append(stack, delim{pos: i, n: n, ch: c})
			}
			i += n
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
}

func emphasisKind(c byte, n int) string {
	switch {
	case c == '~':
		return bitext.CodeStrike
	case n == 1:
		return bitext.CodeItalic
	case n == 2:
		return bitext.CodeBold
	}
	return bitext.CodeBoldItalic
}

// run is the length of the run of c at text[i:hi].
func run(text string, i, hi int, c byte) int {
	n := 0
	for i+n < hi && text[i+n] == c {
		n++
	}
	return n
}

// link reads "[text](destination)" at text[at] == '[' within text[:hi]:
// mid is the offset of the closing "]", end just after ")", url the
// destination (without a title or angle brackets).
func (sc *scan) link(at, hi int) (mid, end int, url string, ok bool) {
	text := sc.text
	mid, found := sc.closer[at]
	if !found || mid+1 >= hi || text[mid+1] != '(' {
		return 0, 0, "", false
	}
	depth := 0
	for i := mid + 1; i < hi && i < mid+1+2048; i++ {
		switch text[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
		case '\n':
			return 0, 0, "", false
		}
		if depth == 0 {
			dest := strings.TrimSpace(text[mid+2 : i])
			if j := strings.IndexAny(dest, " \t"); j >= 0 {
				dest = dest[:j] // a title follows
			}
			dest = strings.TrimSuffix(strings.TrimPrefix(dest, "<"), ">")
			return mid, i + 1, dest, true
		}
	}
	return 0, 0, "", false
}

func isAutolink(s string) bool {
	if strings.ContainsAny(s, " \t\n<>") {
		return false
	}
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || rest == "" || len(scheme) < 2 {
		return false
	}
	for i := 0; i < len(scheme); i++ {
		c := scheme[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-')) {
			return false
		}
	}
	return true
}

// flanking says whether the delimiter run text[i:j] (inside text[lo:hi])
// can open and can close emphasis, as CommonMark defines it.
func flanking(text string, i, j, lo, hi int, c byte) (open, closing bool) {
	prev, next := ' ', ' '
	if i > lo {
		prev, _ = utf8.DecodeLastRuneInString(text[lo:i])
	}
	if j < hi {
		next, _ = utf8.DecodeRuneInString(text[j:hi])
	}
	left := !unicode.IsSpace(next) && (!isPunct(next) || unicode.IsSpace(prev) || isPunct(prev))
	right := !unicode.IsSpace(prev) && (!isPunct(prev) || unicode.IsSpace(next) || isPunct(next))
	if c == '_' {
		return left && (!right || isPunct(prev)), right && (!left || isPunct(next))
	}
	return left, right
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func isASCIIPunct(c byte) bool { return c < utf8.RuneSelf && c > ' ' && isPunct(rune(c)) }
