package xmlenc

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// Walker reads the element tree of one document as a recursive descent: each
// element method of a reader is called with the element's start tag read and
// returns after its end tag, consuming children with [Walker.Children].
//
// A Walker refuses a document whose elements nest deeper than MaxDepth, so
// that the recursion of a reader stays bounded whatever the input.
type Walker struct {
	Name string // the file name used in errors
	Line int    // line of the start of the token last read
	// MaxDepth is the deepest element nesting accepted, the root element
	// being at depth 1; [NewWalker] sets it to [MaxDepth].
	MaxDepth int
	d        *xml.Decoder
	depth    int // depth of the token last read
}

// MaxDepth is the default nesting limit of a [Walker]. Real XLIFF, TMX and TBX
// files nest a few dozen levels at most; a thousand leaves room for deep
// inline markup while keeping the readers' recursion small.
const MaxDepth = 1000

// ErrTooDeep is the error wrapped by the [*Error] of a document nested deeper
// than the limit.
var ErrTooDeep = errors.New("too deeply nested")

// NewWalker returns a Walker over r, decoded by [NewDecoder].
func NewWalker(r io.Reader, name string) *Walker {
	return &Walker{Name: name, MaxDepth: MaxDepth, d: NewDecoder(r)}
}

// Next returns the next token, recording the line where it starts. A start
// tag deeper than MaxDepth is an [*Error] wrapping [ErrTooDeep].
func (w *Walker) Next() (xml.Token, error) {
	line, _ := w.d.InputPos()
	t, err := w.d.Token()
	if err == io.EOF {
		line, _ = w.d.InputPos()
		return nil, &Error{File: w.Name, Line: line, Msg: "unexpected end of file", Err: io.ErrUnexpectedEOF}
	}
	if err != nil {
		return nil, Wrap(w.Name, err)
	}
	w.Line = line
	switch t := t.(type) {
	case xml.StartElement:
		w.depth++
		if w.depth > w.MaxDepth {
			return nil, &Error{File: w.Name, Line: line, Err: ErrTooDeep,
				Msg: fmt.Sprintf("<%s> too deeply nested: more than %d levels of elements", t.Name.Local, w.MaxDepth)}
		}
	case xml.EndElement:
		w.depth--
	}
	return t, nil
}

// Depth returns the number of elements open after the token last read: 1
// after the root's start tag, 0 after its end tag.
func (w *Walker) Depth() int { return w.depth }

// Errorf returns an [*Error] at line of the walked file.
func (w *Walker) Errorf(line int, format string, args ...any) error {
	return Errorf(w.Name, line, format, args...)
}

// Root reads up to the root element's start tag and returns it with its line.
func (w *Walker) Root() (xml.StartElement, int, error) {
	for {
		t, err := w.Next()
		if err != nil {
			return xml.StartElement{}, 0, err
		}
		if se, ok := t.(xml.StartElement); ok {
			return se, w.Line, nil
		}
	}
}

// End checks that nothing but comments, processing instructions and white
// space follow the root element.
func (w *Walker) End() error {
	for {
		t, err := w.d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return Wrap(w.Name, err)
		}
		if _, ok := t.(xml.StartElement); ok {
			line, _ := w.d.InputPos()
			return w.Errorf(line, "element after the root element")
		}
	}
}

// Skip consumes the rest of the element whose start tag was just read.
func (w *Walker) Skip() error {
	for depth := 1; depth > 0; {
		t, err := w.Next()
		if err != nil {
			return err
		}
		switch t.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// Children calls fn for each child element of the element just opened, with
// the line of its start tag, and text (if not nil) for each run of character
// data, until the element's end tag. fn must consume the child through its end
// tag.
func (w *Walker) Children(fn func(se xml.StartElement, line int) error, text func(string)) error {
	for {
		t, err := w.Next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := fn(t, w.Line); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		case xml.CharData:
			if text != nil {
				text(string(t))
			}
		}
	}
}

// Text returns the character data of the element just opened and of its
// descendants.
func (w *Walker) Text() (string, error) {
	var b []byte
	var collect func(xml.StartElement, int) error
	collect = func(xml.StartElement, int) error {
		return w.Children(collect, func(s string) { b = append(b, s...) })
	}
	err := collect(xml.StartElement{}, 0)
	return string(b), err
}

// Attr returns the value of the attribute local in no namespace, or "".
func Attr(se xml.StartElement, local string) string {
	v, _ := Lookup(se, "", local)
	return v
}

// Lookup finds the attribute space:local.
func Lookup(se xml.StartElement, space, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

// XMLNS is the namespace of the xml: prefix.
const XMLNS = "http://www.w3.org/XML/1998/namespace"
