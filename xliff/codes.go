package xliff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Code is an inline code of a unit's source or target (the Markdown markup
// diglot carries as codes): Text[Start:End] is the whole code, Open and
// Close the markup around the text it wraps (a standalone code has only
// Open, all of it). IDs pair a target code with the source code of the same
// id; 0 is a code with no counterpart, written as text.
type Code struct {
	ID         int
	Kind       string // bold, italic, bold-italic, strike, link, code, image, autolink
	Start, End int
	Open       string
	Close      string
}

// kindTypes gives the XLIFF 2 type and subType of a code kind.
var kindTypes = map[string][2]string{
	"bold":        {"fmt", "xlf:b"},
	"italic":      {"fmt", "xlf:i"},
	"bold-italic": {"fmt", ""},
	"strike":      {"fmt", ""},
	"link":        {"link", ""},
	"code":        {"fmt", ""},
	"image":       {"image", ""},
	"autolink":    {"link", ""},
}

// inlineItem is something wrapped in an element in a segment's content: a
// code or a term mark, over [start, end) of the text.
type inlineItem struct {
	start, end int
	code       *Code // else a term mark
	mark       mark
}

// codeData collects the <originalData> of a unit: each distinct piece of
// markup once.
type codeData struct {
	ids  map[string]string
	data []string
}

func (d *codeData) ref(markup string) string {
	if id, ok := d.ids[markup]; ok {
		return id
	}
	if d.ids == nil {
		d.ids = map[string]string{}
	}
	id := fmt.Sprintf("d%d", len(d.data)+1)
	d.ids[markup] = id
	d.data = append(d.data, markup)
	return id
}

// usableCodes returns the codes that can be written as elements: valid
// offsets, nested, each within one of the pieces (sentences) of text that
// start at the given offsets; for a target, only codes whose id the source
// has, once each.
func usableCodes(text string, codes []Code, sourceIDs map[int]bool) ([]Code, bool) {
	var out []Code
	seen := map[int]bool{}
	for _, c := range codes {
		if c.Start < 0 || c.End > len(text) || c.Start+len(c.Open)+len(c.Close) > c.End || c.Open == "" ||
			text[c.Start:c.Start+len(c.Open)] != c.Open || text[c.End-len(c.Close):c.End] != c.Close {
			return nil, false // codes that do not describe the text: none is used
		}
		if c.ID <= 0 || seen[c.ID] || sourceIDs != nil && !sourceIDs[c.ID] {
			continue
		}
		seen[c.ID] = true
		out = append(out, c)
	}
	return out, true
}

// codesWithin reports whether every code lies inside one of the sentence
// pieces of parts (offsets from at(p) to at(p)+len(text(p))).
func codesWithin(codes []Code, parts []piece, text func(piece) string, at func(piece) int) bool {
	for _, c := range codes {
		ok := false
		for _, p := range parts {
			if p.sentence && c.Start >= at(p) && c.End <= at(p)+len(text(p)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// syntax writes inline content in one XLIFF version: its text, codes and
// term marks.
type syntax interface {
	text(s string) string
	// open and close write a paired code's markup around the text it
	// wraps; standalone writes a standalone code.
	open(c *Code) string
	close(c *Code) string
	standalone(c *Code) string
	openMark(m mark) string
	closeMark() string
}

// syntax2 is XLIFF 2: <pc>, <ph/> and <mrk type="term">, the markup in
// the unit's <originalData>.
type syntax2 struct{ data *codeData }

func (x syntax2) text(s string) string { return escape(s) }

// typeAttrs gives the type and subType attributes of a code kind.
func typeAttrs(kind string) string {
	t := kindTypes[kind]
	typ := ""
	if t[0] != "" {
		typ = fmt.Sprintf(` type="%s"`, t[0])
		if t[1] != "" {
			typ += fmt.Sprintf(` subType="%s"`, t[1])
		}
	}
	return typ
}

func (x syntax2) open(c *Code) string {
	return fmt.Sprintf(`<pc id="c%d" dataRefStart="%s" dataRefEnd="%s"%s equivStart="%s" equivEnd="%s" dispStart="%s" dispEnd="%s">`,
		c.ID, x.data.ref(c.Open), x.data.ref(c.Close), typeAttrs(c.Kind), attrEscape(c.Open), attrEscape(c.Close), attrEscape(c.Open), attrEscape(c.Close))
}

func (x syntax2) close(*Code) string { return "</pc>" }

func (x syntax2) standalone(c *Code) string {
	return fmt.Sprintf(`<ph id="c%d" dataRef="%s"%s equiv="%s" disp="%s"/>`, c.ID, x.data.ref(c.Open), typeAttrs(c.Kind), attrEscape(c.Open), attrEscape(c.Open))
}

func (x syntax2) openMark(m mark) string { return fmt.Sprintf(`<mrk id="%s" type="term">`, m.id) }
func (x syntax2) closeMark() string      { return "</mrk>" }

// contentWith escapes text (at byte offset start of its side's text) for
// XLIFF 2 element content, writing the codes that fall in it as <pc> and
// <ph> and the term marks as <mrk type="term">.
func contentWith(text string, start int, codes []Code, marks []mark, data *codeData) string {
	return inline(text, start, codes, marks, syntax2{data})
}

// inline escapes text (at byte offset start of its side's text) for element
// content in syntax x, writing the codes that fall in it and the term
// marks; a mark that would straddle a code's markup is left out.
func inline(text string, start int, codes []Code, marks []mark, x syntax) string {
	end := start + len(text)
	var items []inlineItem
	for i := range codes {
		if c := &codes[i]; c.Start >= start && c.End <= end {
			items = append(items, inlineItem{start: c.Start, end: c.End, code: c})
		}
	}
	for _, m := range marks {
		if m.start < start || m.end > end {
			continue
		}
		if slices.ContainsFunc(items, func(it inlineItem) bool { return !nests(it, m.start, m.end) }) {
			continue
		}
		items = append(items, inlineItem{start: m.start, end: m.end, mark: m})
	}
	slices.SortFunc(items, func(a, b inlineItem) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	var b strings.Builder
	var open []inlineItem
	at := start
	text2 := func(to int) {
		if to > at {
			b.WriteString(x.text(text[at-start : to-start]))
			at = to
		}
	}
	closeTo := func(pos int) {
		for len(open) > 0 && open[len(open)-1].end <= pos {
			it := open[len(open)-1]
			open = open[:len(open)-1]
			if it.code != nil {
				text2(it.end - len(it.code.Close))
				b.WriteString(x.close(it.code))
				at = it.end
			} else {
				text2(it.end)
				b.WriteString(x.closeMark())
			}
		}
	}
	for _, it := range items {
		closeTo(it.start)
		text2(it.start)
		if it.code == nil {
			b.WriteString(x.openMark(it.mark))
			open = append(open, it)
			continue
		}
		c := it.code
		if !c.Paired() {
			b.WriteString(x.standalone(c))
			at = c.End
			continue
		}
		b.WriteString(x.open(c))
		at = c.Start + len(c.Open)
		open = append(open, it)
	}
	closeTo(end)
	text2(end)
	return b.String()
}

// Paired reports whether c wraps text.
func (c *Code) Paired() bool { return c.Close != "" }

// nests reports whether [s, e) and the item nest (one inside the other's
// wrapped text, or apart) without touching a code's markup.
func nests(it inlineItem, s, e int) bool {
	if e <= it.start || s >= it.end {
		return true
	}
	if it.code == nil {
		return s >= it.start && e <= it.end || it.start >= s && it.end <= e
	}
	if !it.code.Paired() {
		return false
	}
	is, ie := it.start+len(it.code.Open), it.end-len(it.code.Close)
	return s >= is && e <= ie || it.start >= s && it.end <= e
}
