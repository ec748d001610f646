package xliff

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// in12 reports whether c is an XLIFF 1.2 element named local (documents
// without a namespace are accepted as 1.2).
func in12(c xml.StartElement, local string) bool {
	return (c.Name.Space == NS12 || c.Name.Space == "") && c.Name.Local == local
}

// xliff12 reads an XLIFF 1.x root element. Elements of other namespaces,
// headers, bin-units and alt-trans proposals are skipped.
func (p *parser) xliff12(se xml.StartElement, line int) (*File, error) {
	f := &File{Version: attr(se, "version")}
	if f.Version == "" {
		return nil, p.Errorf(line, "<xliff> has no version")
	}
	err := p.Children(func(c xml.StartElement, cl int) error {
		if !in12(c, "file") {
			return p.Skip()
		}
		fe := FileElem{ID: fmt.Sprintf("f%d", len(f.Files)+1), Original: attr(c, "original")}
		if f.SrcLang == "" {
			f.SrcLang, f.TrgLang = attr(c, "source-language"), attr(c, "target-language")
		}
		ids := map[string]bool{}
		err := p.Children(func(b xml.StartElement, bl int) error {
			if !in12(b, "body") {
				return p.Skip()
			}
			return p.body12(&fe, ids, translateAttr(c, true))
		}, nil)
		f.Files = append(f.Files, fe)
		return err
	}, nil)
	if err != nil {
		return nil, err
	}
	if len(f.Files) == 0 {
		return nil, p.Errorf(line, "<xliff> has no <file>")
	}
	return f, nil
}

// body12 reads the trans-units of a <body> or <group>.
func (p *parser) body12(fe *FileElem, ids map[string]bool, translate bool) error {
	return p.Children(func(c xml.StartElement, line int) error {
		switch {
		case in12(c, "group"):
			return p.body12(fe, ids, translateAttr(c, translate))
		case in12(c, "trans-unit"):
			u, err := p.transUnit(c, line, translate)
			if err != nil {
				return err
			}
			if ids[u.ID] {
				return p.Errorf(line, "duplicate trans-unit id %q", u.ID)
			}
			ids[u.ID] = true
			fe.Units = append(fe.Units, *u)
			return nil
		}
		return p.Skip()
	}, nil)
}

// transUnit reads a <trans-unit>.
func (p *parser) transUnit(se xml.StartElement, line int, translate bool) (*Unit, error) {
	u := &Unit{ID: attr(se, "id"), Line: line, Translate: translateAttr(se, translate)}
	if u.ID == "" {
		return nil, p.Errorf(line, "<trans-unit> has no id")
	}
	hasSource := false
	err := p.Children(func(c xml.StartElement, cl int) error {
		var err error
		switch {
		case in12(c, "source") && !hasSource:
			hasSource = true
			u.Source, err = p.inline12(&u.SourceCodes)
		case in12(c, "target") && !u.HasTarget:
			u.HasTarget = true
			u.State = attr(c, "state")
			u.Target, err = p.inline12(&u.TargetCodes)
		case in12(c, "note"):
			n := Note{Priority: priority(attr(c, "priority")), AppliesTo: attr(c, "annotates"), Category: attr(c, "from")}
			n.Text, err = p.Text()
			u.Notes = append(u.Notes, n.Text)
			u.NoteInfo = append(u.NoteInfo, n)
		case in12(c, "source") || in12(c, "target"):
			return p.Errorf(cl, "second <%s> in <trans-unit>", c.Name.Local)
		default:
			return p.Skip() // seg-source, alt-trans, context-group, extensions
		}
		return err
	}, nil)
	if err != nil {
		return nil, err
	}
	if !hasSource {
		return nil, p.Errorf(line, "<trans-unit id=%q> has no <source>", u.ID)
	}
	u.Segments = []Seg{{ID: u.ID, Source: u.Source, Target: u.Target, State: u.State}}
	return u, nil
}

// inline12 returns the plain text of XLIFF 1.2 inline content, recording the
// codes. The native code carried by bpt, ept, ph and it is not text.
func (p *parser) inline12(codes *[]string) (string, error) {
	var b strings.Builder
	var fn func(c xml.StartElement, line int) error
	text := func(s string) { b.WriteString(s) }
	fn = func(c xml.StartElement, _ int) error {
		if c.Name.Space != NS12 && c.Name.Space != "" {
			return p.Skip()
		}
		el := c.Name.Local
		switch el {
		case "g":
			*codes = append(*codes, "g:"+attr(c, "id"))
			return p.Children(fn, text)
		case "mrk":
			return p.Children(fn, text)
		case "x", "bx", "ex", "ph", "bpt", "ept", "it":
			*codes = append(*codes, el+":"+attr(c, "id"))
		}
		return p.Skip()
	}
	err := p.Children(fn, text)
	return b.String(), err
}
