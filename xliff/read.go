package xliff

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/diglot/diglot/xliff/xmlenc"
)

// parser walks the token stream of one document. Each element method is
// called with the element's start tag already read and returns after its end
// tag.
type parser struct {
	d    *xml.Decoder
	name string
	line int    // line of the start of the token last read
	ns   string // the core namespace of an XLIFF 2 document
}

func newParser(r io.Reader, name string) *parser {
	return &parser{d: xmlenc.NewDecoder(r), name: name}
}

// next returns the next token, recording the line where it starts.
func (p *parser) next() (xml.Token, error) {
	line, _ := p.d.InputPos()
	t, err := p.d.Token()
	if err == io.EOF {
		line, _ = p.d.InputPos()
		return nil, &xmlenc.Error{File: p.name, Line: line, Msg: "unexpected end of file", Err: io.ErrUnexpectedEOF}
	}
	if err != nil {
		return nil, xmlenc.Wrap(p.name, err)
	}
	p.line = line
	return t, nil
}

// errorf reports a problem at line.
func (p *parser) errorf(line int, format string, args ...any) error {
	return xmlenc.Errorf(p.name, line, format, args...)
}

// skip consumes the rest of the element whose start tag was just read.
func (p *parser) skip() error {
	for depth := 1; depth > 0; {
		t, err := p.next()
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

// children calls fn for each child element of the element just opened, with
// the line of its start tag, and text for each run of character data, until
// the element's end tag. fn must consume the child, through its end tag.
func (p *parser) children(fn func(se xml.StartElement, line int) error, text func(string)) error {
	for {
		t, err := p.next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := fn(t, p.line); err != nil {
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

// document reads the root element and dispatches on its version.
func (p *parser) document() (*File, error) {
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		line := p.line
		if se.Name.Local != "xliff" {
			return nil, p.errorf(line, "root element is <%s>, not <xliff>", se.Name.Local)
		}
		version := attr(se, "version")
		var f *File
		switch {
		case se.Name.Space == NS2 || se.Name.Space == NS22 || strings.HasPrefix(version, "2."):
			if want := map[bool]string{true: NS22, false: NS2}[version == "2.2"]; se.Name.Space != want {
				return nil, p.errorf(line, "XLIFF %s root not in namespace %s", version, want)
			}
			p.ns = se.Name.Space
			f, err = p.xliff2(se, line)
		case se.Name.Space == NS12 || se.Name.Space == "" || strings.HasPrefix(version, "1."):
			f, err = p.xliff12(se, line)
		default:
			return nil, p.errorf(line, "unknown XLIFF namespace %q", se.Name.Space)
		}
		if err != nil {
			return nil, err
		}
		return f, p.trailer()
	}
}

// trailer checks that nothing but comments and white space follow the root.
func (p *parser) trailer() error {
	for {
		t, err := p.d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlenc.Wrap(p.name, err)
		}
		if _, ok := t.(xml.StartElement); ok {
			line, _ := p.d.InputPos()
			return p.errorf(line, "element after the root element")
		}
	}
}

// attr returns the value of the attribute local (in no namespace) or "".
func attr(se xml.StartElement, local string) string {
	v, _ := lookup(se, "", local)
	return v
}

// lookup finds the attribute space:local.
func lookup(se xml.StartElement, space, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

// xmlLang returns the xml:lang attribute.
func xmlLang(se xml.StartElement) (string, bool) {
	return lookup(se, "http://www.w3.org/XML/1998/namespace", "lang")
}

// translateAttr returns the translate value inherited from parent.
func translateAttr(se xml.StartElement, parent bool) bool {
	switch attr(se, "translate") {
	case "no":
		return false
	case "yes":
		return true
	}
	return parent
}

// priority parses a note priority, 0 when absent or not a number.
func priority(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// stateRank orders the XLIFF 2 states from least to most advanced.
var stateRank = map[string]int{"initial": 0, "translated": 1, "reviewed": 2, "final": 3}

// unitState returns the least advanced state of segs, "" when none has one;
// a segment without a state counts as initial.
func unitState(segs []Seg) string {
	state := ""
	for _, s := range segs {
		if s.State != "" {
			state = "final"
		}
	}
	if state == "" {
		return ""
	}
	for _, s := range segs {
		st := s.State
		if st == "" {
			st = "initial"
		}
		if stateRank[st] < stateRank[state] {
			state = st
		}
	}
	return state
}
