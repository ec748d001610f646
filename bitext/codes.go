package bitext

// Code kinds: the Markdown inline markup diglot carries as inline codes.
const (
	CodeBold   = "bold"   // **x** or __x__
	CodeItalic = "italic" // *x* or _x_
	// CodeBoldItalic is ***x***: one code, its markup both at once.
	CodeBoldItalic = "bold-italic"
	CodeStrike     = "strike" // ~~x~~
	CodeLink       = "link"   // [x](url): the link text is translated
	CodeSpan       = "code"   // `x`: never translated
	CodeImage      = "image"  // ![alt](src): kept whole
	CodeAutolink   = "autolink"
)

// Code is one inline code of a segment's text: markup that must come
// through translation as written. A paired code (bold, italic, strike,
// link) wraps translatable text between its opening and closing markup; a
// standalone code (code span, image, autolink) is kept whole, and its Open
// is all of it.
type Code struct {
	// ID numbers the codes of a text from 1 in order of their start; a
	// target code has the ID of the source code it corresponds to (the same
	// kind, in the same order), or 0 when the source has none.
	ID    int    `json:"id"`
	Kind  string `json:"kind"`  // one of the Code* kinds
	Start int    `json:"start"` // byte offset of the opening markup in the text
	End   int    `json:"end"`   // byte offset just after the closing markup
	Open  string `json:"open"`  // the opening markup as written ("**", "["), or the whole standalone code
	// Close is the closing markup as written ("**", "](https://…)"); empty
	// for a standalone code.
	Close string `json:"close,omitempty"`
	// URL is the destination of a link, image or autolink.
	URL string `json:"url,omitempty"`
}

// Paired reports whether c wraps text (it has closing markup).
func (c Code) Paired() bool { return c.Close != "" }

// Inner returns the offsets of the text c wraps (for a standalone code, an
// empty range at its end).
func (c Code) Inner() (start, end int) {
	if !c.Paired() {
		return c.End, c.End
	}
	return c.Start + len(c.Open), c.End - len(c.Close)
}

// CodesFit reports whether codes describe text: each code's markup stands
// at its offsets, in order of start, and codes nest without overlapping.
// A text edited after its codes were found (an editor's post-edit) no
// longer fits them, and is then written without codes.
func CodesFit(text string, codes []Code) bool {
	var open []Code // enclosing codes
	last := -1
	for _, c := range codes {
		inner := c.Start + len(c.Open)
		if c.Paired() {
			inner += len(c.Close)
		}
		if c.Start < last || c.Start < 0 || c.End > len(text) || inner > c.End || c.Open == "" ||
			!c.Paired() && inner != c.End ||
			text[c.Start:c.Start+len(c.Open)] != c.Open || text[c.End-len(c.Close):c.End] != c.Close {
			return false
		}
		for len(open) > 0 && open[len(open)-1].End <= c.Start {
			open = open[:len(open)-1]
		}
		if len(open) > 0 {
			ps, pe := open[len(open)-1].Inner()
			if c.Start < ps || c.End > pe {
				return false
			}
		}
		open = append(open, c)
		last = c.Start
	}
	return true
}
