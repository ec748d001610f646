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
// headers, bin-units and alt-trans proposals are skipped. The diglot
// context-group of a <group> (see [Write12]) becomes the file's Meta.
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
		case in12(c, "context-group") && attr(c, "name") == GroupDiglot:
			if fe.Meta == nil {
				fe.Meta = map[string]string{}
			}
			return p.contextGroup(fe.Meta)
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

// contextGroup reads the contexts of a context-group into m, by their
// context-type without the "x-" prefix.
func (p *parser) contextGroup(m map[string]string) error {
	return p.Children(func(c xml.StartElement, _ int) error {
		if !in12(c, "context") {
			return p.Skip()
		}
		v, err := p.Text()
		if k, ok := strings.CutPrefix(attr(c, "context-type"), "x-"); ok && err == nil {
			m[k] = v
		}
		return err
	}, nil)
}

// transUnit reads a <trans-unit>: its source, seg-source (sentences in
// <mrk mtype="seg">, become [Seg] values), target, notes, and the
// context-groups [Write12] writes.
func (p *parser) transUnit(se xml.StartElement, line int, translate bool) (*Unit, error) {
	u := &Unit{ID: attr(se, "id"), Line: line, Translate: translateAttr(se, translate), Approved: attr(se, "approved") == "yes"}
	if u.ID == "" {
		return nil, p.Errorf(line, "<trans-unit> has no id")
	}
	hasSource := false
	var srcSegs, trgSegs []mid
	err := p.Children(func(c xml.StartElement, cl int) error {
		var err error
		switch {
		case in12(c, "source") && !hasSource:
			hasSource = true
			u.Source, _, err = p.inline12(&u.SourceCodes)
		case in12(c, "seg-source") && srcSegs == nil:
			var discard []string
			_, srcSegs, err = p.inline12(&discard)
			if srcSegs == nil {
				srcSegs = []mid{}
			}
		case in12(c, "target") && !u.HasTarget:
			u.HasTarget = true
			u.State, u.StateQualifier = attr(c, "state"), attr(c, "state-qualifier")
			u.Target, trgSegs, err = p.inline12(&u.TargetCodes)
		case in12(c, "note"):
			n := Note{Priority: priority(attr(c, "priority")), AppliesTo: attr(c, "annotates"), Category: attr(c, "from")}
			n.Text, err = p.Text()
			u.Notes = append(u.Notes, n.Text)
			u.NoteInfo = append(u.NoteInfo, n)
		case in12(c, "context-group") && strings.HasPrefix(attr(c, "name"), GroupDiglot+":"):
			if u.Meta == nil {
				u.Meta = map[string]string{}
			}
			err = p.contextGroup(u.Meta)
		case in12(c, "context-group") && strings.HasPrefix(attr(c, "name"), GroupTerm+":"):
			m := map[string]string{}
			err = p.contextGroup(m)
			u.Glossary = append(u.Glossary, GlossEntry{Term: m["term"], Translation: m["translation"], Entry: m["entry"], Variant: m["variant"] == "yes"})
		case in12(c, "source") || in12(c, "target"):
			return p.Errorf(cl, "second <%s> in <trans-unit>", c.Name.Local)
		default:
			return p.Skip() // alt-trans, other context-groups, extensions
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
	if len(srcSegs) > 1 {
		// One segment per sentence; a target sentence is matched by mid.
		byMid := map[string]string{}
		for _, t := range trgSegs {
			byMid[t.id] = t.text
		}
		u.Segments = u.Segments[:0]
		for _, s := range srcSegs {
			u.Segments = append(u.Segments, Seg{ID: s.id, Source: s.text, Target: byMid[s.id], State: u.State})
		}
	}
	return u, nil
}

// mid is the text of a <mrk mtype="seg"> and its mid.
type mid struct{ id, text string }

// inline12 returns the plain text of XLIFF 1.2 inline content, recording the
// codes, and the <mrk mtype="seg"> sentences at its top level. A code
// contributes its equiv-text, if any; the native code carried by bpt, ept,
// ph and it is not text.
func (p *parser) inline12(codes *[]string) (string, []mid, error) {
	var b strings.Builder
	var segs []mid
	var fn func(c xml.StartElement, line int) error
	text := func(s string) { b.WriteString(s) }
	depth := 0
	fn = func(c xml.StartElement, _ int) error {
		if c.Name.Space != NS12 && c.Name.Space != "" {
			return p.Skip()
		}
		el := c.Name.Local
		switch el {
		case "g":
			*codes = append(*codes, "g:"+attr(c, "id"))
			depth++
			defer func() { depth-- }()
			return p.Children(fn, text)
		case "mrk":
			if depth == 0 && attr(c, "mtype") == "seg" {
				start := b.Len()
				depth++
				defer func() { depth-- }()
				err := p.Children(fn, text)
				segs = append(segs, mid{id: attr(c, "mid"), text: b.String()[start:]})
				return err
			}
			depth++
			defer func() { depth-- }()
			return p.Children(fn, text)
		case "x", "bx", "ex", "ph", "bpt", "ept", "it":
			*codes = append(*codes, el+":"+attr(c, "id"))
			// The text equivalent: the Markdown markup for a code diglot
			// wrote (see [Write12]).
			text(attr(c, "equiv-text"))
		}
		return p.Skip()
	}
	err := p.Children(fn, text)
	return b.String(), segs, err
}
