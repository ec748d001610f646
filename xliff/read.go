package xliff

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/diglot/diglot/internal/xmlenc"
)

// parser reads one document. Each element method is called with the
// element's start tag already read and returns after its end tag.
type parser struct {
	*xmlenc.Walker
	ns string // the core namespace of an XLIFF 2 document
}

func newParser(r io.Reader, name string) *parser {
	return &parser{Walker: xmlenc.NewWalker(r, name)}
}

// document reads the root element and dispatches on its version.
func (p *parser) document() (*File, error) {
	se, line, err := p.Root()
	if err != nil {
		return nil, err
	}
	if se.Name.Local != "xliff" {
		return nil, p.Errorf(line, "root element is <%s>, not <xliff>", se.Name.Local)
	}
	version := attr(se, "version")
	var f *File
	switch {
	case se.Name.Space == NS2 || se.Name.Space == NS22 || strings.HasPrefix(version, "2."):
		if want := map[bool]string{true: NS22, false: NS2}[version == "2.2"]; se.Name.Space != want {
			return nil, p.Errorf(line, "XLIFF %s root not in namespace %s", version, want)
		}
		p.ns = se.Name.Space
		f, err = p.xliff2(se, line)
	case se.Name.Space == NS12 || se.Name.Space == "" || strings.HasPrefix(version, "1."):
		f, err = p.xliff12(se, line)
	default:
		return nil, p.Errorf(line, "unknown XLIFF namespace %q", se.Name.Space)
	}
	if err != nil {
		return nil, err
	}
	return f, p.End()
}

// attr returns the value of the attribute local (in no namespace) or "".
func attr(se xml.StartElement, local string) string { return xmlenc.Attr(se, local) }

// lookup finds the attribute space:local.
func lookup(se xml.StartElement, space, local string) (string, bool) {
	return xmlenc.Lookup(se, space, local)
}

// xmlLang returns the xml:lang attribute.
func xmlLang(se xml.StartElement) (string, bool) {
	return lookup(se, xmlenc.XMLNS, "lang")
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
