package engine

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/diglot/diglot/translate"
)

// Tags is how a markup wire format (Google's format=html, DeepL's
// tag_handling=xml) sends a segment's protected spans: each paired inline
// code ([translate.Span.Pair]) as one element wrapping the text between its
// two sides, translated and moved by the engine with the words it wraps;
// every other span (a glossary term, an unpaired code) as an element the
// engine keeps verbatim.
type Tags struct {
	name   string
	keep   func(escaped string) string
	escape func(string) string
	tag    *regexp.Regexp
}

// NewTags returns the tags of a format whose paired element is name ("b"
// gives <b id="N">…</b>, N being the index of the pair's opening span in
// the segment), whose other spans are keep(escaped replacement), and whose
// text is escaped by escape.
func NewTags(name string, keep, escape func(string) string) *Tags {
	return &Tags{name: name, keep: keep, escape: escape,
		// The element's tags as an engine may give them back: any case,
		// spaces, other attributes, quotes or none.
		tag: regexp.MustCompile(`(?i)<(/?)\s*` + regexp.QuoteMeta(name) + `(\s[^>]*)?>`)}
}

// Partners returns, for each span, the index of the other side of its pair,
// or -1 for a span sent unpaired: one with Pair 0, one whose Pair is not
// shared by exactly one other span, and the inner one of two pairs that
// cross (which well-formed markup cannot say).
func Partners(spans []translate.Span) []int {
	out := make([]int, len(spans))
	var count map[int]int
	for i, sp := range spans {
		out[i] = -1
		if sp.Pair != 0 {
			if count == nil {
				count = map[int]int{}
			}
			count[sp.Pair]++
		}
	}
	if count == nil {
		return out
	}
	seen := map[int]bool{}
	var open []int // indexes of the pairs opened and not yet closed
	for i, sp := range spans {
		if sp.Pair == 0 || count[sp.Pair] != 2 {
			continue
		}
		if !seen[sp.Pair] {
			seen[sp.Pair] = true
			open = append(open, i)
			continue
		}
		k := len(open) - 1
		for k >= 0 && spans[open[k]].Pair != sp.Pair {
			k--
		}
		if k < 0 {
			continue // its opening side was dropped as crossing
		}
		// Pairs opened inside this one and still open cross it: unpaired.
		out[i], out[open[k]] = open[k], i
		open = open[:k]
	}
	return out
}

// Encode returns s's text escaped, with its pairs as elements and its other
// spans kept.
func (t *Tags) Encode(s translate.Segment) string {
	partner := Partners(s.Protected)
	var b strings.Builder
	last := 0
	for i, sp := range s.Protected {
		b.WriteString(t.escape(s.Text[last:sp.Start]))
		switch p := partner[i]; {
		case p > i:
			b.WriteString("<" + t.name + ` id="` + strconv.Itoa(i) + `">`)
		case p >= 0:
			b.WriteString("</" + t.name + ">")
		default:
			b.WriteString(t.keep(t.escape(sp.Replace)))
		}
		last = sp.End
	}
	b.WriteString(t.escape(s.Text[last:]))
	return b.String()
}

var idAttr = regexp.MustCompile(`(?i)(?:^|\s)id\s*=\s*["']?(\d+)`)

// Decode replaces the paired elements of reply by their spans' escaped
// replacements: the opening span's where the engine left the opening tag,
// the closing span's where it left the closing one. An element the engine
// broke leaves no tag and no replacement, only its text: an opening tag with
// no id or an unknown one, a closing tag with nothing open, an opening tag
// never closed. An element the engine duplicated gives its replacements
// again, as the engine placed it. Either way the pipeline finds the markup
// lost or added, and records it. The keep elements and escapes are the
// caller's to remove.
func (t *Tags) Decode(s translate.Segment, reply string) string {
	partner := Partners(s.Protected)
	tags := t.tag.FindAllStringSubmatchIndex(reply, -1)
	if len(tags) == 0 {
		return reply
	}
	out := make([]string, len(tags)) // what each tag becomes
	type opened struct{ tag, span int }
	var stack []opened
	for k, m := range tags {
		closing := m[3] > m[2]
		attrs := ""
		if m[4] >= 0 {
			attrs = reply[m[4]:m[5]]
		}
		switch {
		case closing:
			if len(stack) == 0 {
				continue
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if o.span >= 0 {
				out[o.tag] = t.escape(s.Protected[o.span].Replace)
				out[k] = t.escape(s.Protected[partner[o.span]].Replace)
			}
		case strings.HasSuffix(strings.TrimSpace(attrs), "/"):
			// An empty element <b id="0"/>: the engine emptied the pair.
		default:
			span := -1
			if id := idAttr.FindStringSubmatch(attrs); id != nil {
				if i, err := strconv.Atoi(id[1]); err == nil && i >= 0 && i < len(partner) && partner[i] > i {
					span = i
				}
			}
			stack = append(stack, opened{tag: k, span: span})
		}
	}
	var b strings.Builder
	last := 0
	for k, m := range tags {
		b.WriteString(reply[last:m[0]])
		b.WriteString(out[k])
		last = m[1]
	}
	b.WriteString(reply[last:])
	return b.String()
}
