package output

import (
	"slices"

	"github.com/diglot/diglot/bitext"
)

// The page shows Markdown inline markup as what it means: bold as <strong>,
// italic as <em>, strikethrough as <del>, code spans as <code>, links and
// autolinks as <a> (the template sanitises the URL), images as their markup.
// A code whose markup falls inside a glossary term or an unknown word's
// mark, or that no longer fits its text, is shown as text.

// codeTags are the piece tags of a paired code's opening and closing markup.
var codeTags = map[string][2]string{
	bitext.CodeBold:       {"b", "/b"},
	bitext.CodeItalic:     {"i", "/i"},
	bitext.CodeBoldItalic: {"bi", "/bi"},
	bitext.CodeStrike:     {"s", "/s"},
	bitext.CodeLink:       {"a", "/a"},
}

// region is markup of text[start:end] shown as the pieces with.
type region struct {
	start, end int
	with       []piece
}

// withCodes splits the plain pieces of text at the markup of codes and
// renders it as elements.
func withCodes(pieces []piece, text string, codes []bitext.Code) []piece {
	if len(codes) == 0 || !bitext.CodesFit(text, codes) {
		return pieces
	}
	// where each piece starts in text
	starts := make([]int, len(pieces))
	at := 0
	for i, p := range pieces {
		starts[i] = at
		at += len(p.Text)
	}
	if at != len(text) {
		return pieces
	}
	inPlain := func(s, e int) bool {
		for i, p := range pieces {
			if s >= starts[i] && e <= starts[i]+len(p.Text) {
				return !p.Term && !p.Unknown
			}
		}
		return false
	}
	var regions []region
	for _, c := range codes {
		var rs []region
		switch tags, paired := codeTags[c.Kind]; {
		case paired && c.Paired():
			open := piece{Tag: tags[0]}
			if c.Kind == bitext.CodeLink {
				open.Href = c.URL
			}
			rs = []region{{c.Start, c.Start + len(c.Open), []piece{open}}, {c.End - len(c.Close), c.End, []piece{{Tag: tags[1]}}}}
		case c.Kind == bitext.CodeSpan:
			inner := c.Open
			for len(inner) > 1 && inner[0] == '`' && inner[len(inner)-1] == '`' {
				inner = inner[1 : len(inner)-1]
			}
			rs = []region{{c.Start, c.End, []piece{{Tag: "code", Text: trimCodeSpace(inner)}}}}
		case c.Kind == bitext.CodeAutolink:
			rs = []region{{c.Start, c.End, []piece{{Tag: "a", Href: c.URL}, {Text: c.URL}, {Tag: "/a"}}}}
		}
		if len(rs) > 0 && !slices.ContainsFunc(rs, func(r region) bool { return !inPlain(r.start, r.end) }) {
			regions = append(regions, rs...)
		}
	}
	slices.SortFunc(regions, func(a, b region) int { return a.start - b.start })
	var out []piece
	ri := 0
	for i, p := range pieces {
		s, e := starts[i], starts[i]+len(p.Text)
		if p.Term || p.Unknown {
			out = append(out, p)
			continue
		}
		pos := s
		for ; ri < len(regions) && regions[ri].end <= e; ri++ {
			r := regions[ri]
			if r.start > pos {
				out = append(out, piece{Text: text[pos:r.start]})
			}
			out = append(out, r.with...)
			pos = r.end
		}
		if pos < e {
			out = append(out, piece{Text: text[pos:e]})
		}
	}
	return out
}

// trimCodeSpace strips the one space CommonMark strips from each end of a
// code span that has one on both.
func trimCodeSpace(s string) string {
	if len(s) >= 2 && s[0] == ' ' && s[len(s)-1] == ' ' {
		return s[1 : len(s)-1]
	}
	return s
}
