package xliff

import (
	"encoding/xml"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/diglot/diglot/internal/xmlenc"
)

// doc2 is the state of an XLIFF 2 document being read.
type doc2 struct {
	*parser
	f    *File
	root xml.StartElement
}

// inherited holds the attributes a structural element passes to its content.
type inherited struct {
	translate bool
	lang      string // xml:lang, "" when none
}

// from returns the values inherited by the content of se.
func (in inherited) from(se xml.StartElement) inherited {
	in.translate = translateAttr(se, in.translate)
	if l, ok := xmlLang(se); ok {
		in.lang = l
	}
	return in
}

// fileScope holds the ids that must be unique within one <file>.
type fileScope struct {
	fe     *FileElem
	units  map[string]bool
	groups map[string]bool
}

// xliff2 reads an XLIFF 2.x root element.
func (p *parser) xliff2(se xml.StartElement, line int) (*File, error) {
	d := &doc2{parser: p, root: se, f: &File{Version: attr(se, "version"), SrcLang: attr(se, "srcLang"), TrgLang: attr(se, "trgLang")}}
	if err := p.checkAttrs(se, line); err != nil {
		return nil, err
	}
	for _, a := range []struct{ name, v string }{{"version", d.f.Version}, {"srcLang", d.f.SrcLang}} {
		if a.v == "" {
			return nil, p.Errorf(line, "<xliff> has no %s", a.name)
		}
	}
	for _, l := range []string{d.f.SrcLang, d.f.TrgLang} {
		if l != "" && !wellFormedLang(l) {
			return nil, p.Errorf(line, "<xliff> language %q is not a language tag", l)
		}
	}
	ids := map[string]bool{}
	err := p.Children(func(c xml.StartElement, cl int) error {
		if c.Name.Space == NS22 && c.Name.Local == "notes" && len(d.f.Files) == 0 {
			_, err := d.notes(c, cl) // XLIFF 2.2 allows document-level notes
			return err
		}
		if c.Name.Space != d.ns || c.Name.Local != "file" {
			return p.Errorf(cl, "<%s> not allowed in <xliff>", c.Name.Local)
		}
		fe, err := d.file(c, cl)
		if err != nil {
			return err
		}
		if ids[fe.ID] {
			return p.Errorf(cl, "duplicate file id %q", fe.ID)
		}
		ids[fe.ID] = true
		d.f.Files = append(d.f.Files, *fe)
		return nil
	}, nil)
	if err != nil {
		return nil, err
	}
	if len(d.f.Files) == 0 {
		return nil, p.Errorf(line, "<xliff> has no <file>")
	}
	return d.f, nil
}

// Content stages of <file>, <group> and <unit>: children must come in this
// order, and skeleton, notes and originalData at most once.
const (
	stageSkeleton = iota
	stageForeign
	stageNotes
	stageOriginalData
	stageParts
)

// stage returns the content stage of a child of a structural element.
func (p *parser) stage(c xml.StartElement) int {
	if c.Name.Space != p.ns {
		return stageForeign
	}
	switch c.Name.Local {
	case "skeleton":
		return stageSkeleton
	case "notes":
		return stageNotes
	case "originalData":
		return stageOriginalData
	}
	return stageParts
}

// ordered checks that child c may follow the children seen so far.
func (p *parser) ordered(parent string, c xml.StartElement, line int, cur *int) error {
	s := p.stage(c)
	if s < *cur || s == *cur && s != stageForeign && s != stageParts {
		return p.Errorf(line, "<%s> out of place in <%s>", c.Name.Local, parent)
	}
	*cur = s
	return nil
}

// file reads a <file>.
func (d *doc2) file(se xml.StartElement, line int) (*FileElem, error) {
	if err := d.checkAttrs(se, line); err != nil {
		return nil, err
	}
	fe := &FileElem{ID: attr(se, "id"), Original: attr(se, "original")}
	if fe.ID == "" {
		return nil, d.Errorf(line, "<file> has no id")
	}
	sc := &fileScope{fe: fe, units: map[string]bool{}, groups: map[string]bool{}}
	in := inherited{translate: true}.from(se)
	if root, ok := xmlLang(d.root); ok {
		in = inherited{translate: true, lang: root}.from(se)
	}
	cur, n := stageSkeleton-1, 0
	err := d.Children(func(c xml.StartElement, cl int) error {
		if err := d.ordered("file", c, cl, &cur); err != nil {
			return err
		}
		switch {
		case c.Name.Space == NSMetadata && c.Name.Local == "metadata":
			fe.Meta = map[string]string{}
			return d.metadata(fe.Meta)
		case c.Name.Space != d.ns:
			return d.Skip()
		case c.Name.Local == "skeleton":
			return d.skeleton(c, cl)
		case c.Name.Local == "notes":
			_, err := d.notes(c, cl)
			return err
		}
		n++
		return d.container(sc, c, cl, in)
	}, nil)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, d.Errorf(line, "<file id=%q> has no <unit> or <group>", fe.ID)
	}
	return fe, nil
}

// container reads a <unit> or <group> child of a file or group.
func (d *doc2) container(sc *fileScope, c xml.StartElement, line int, in inherited) error {
	switch c.Name.Local {
	case "unit":
		u, err := d.unit(sc, c, line, in)
		if err != nil {
			return err
		}
		sc.fe.Units = append(sc.fe.Units, *u)
		return nil
	case "group":
		return d.group(sc, c, line, in)
	}
	return d.Errorf(line, "<%s> not allowed here", c.Name.Local)
}

// skeleton reads a <skeleton>, which has either an href or content.
func (d *doc2) skeleton(se xml.StartElement, line int) error {
	if err := d.checkAttrs(se, line); err != nil {
		return err
	}
	content := false
	err := d.Children(func(xml.StartElement, int) error {
		content = true
		return d.Skip()
	}, func(s string) {
		content = content || strings.TrimSpace(s) != ""
	})
	if err != nil {
		return err
	}
	if _, href := lookup(se, "", "href"); href == content {
		return d.Errorf(line, "<skeleton> needs either an href or content, not both or neither")
	}
	return nil
}

// group reads a <group>.
func (d *doc2) group(sc *fileScope, se xml.StartElement, line int, in inherited) error {
	if err := d.checkAttrs(se, line); err != nil {
		return err
	}
	id := attr(se, "id")
	if id == "" {
		return d.Errorf(line, "<group> has no id")
	}
	if sc.groups[id] {
		return d.Errorf(line, "duplicate group id %q", id)
	}
	sc.groups[id] = true
	in = in.from(se)
	cur := stageForeign
	return d.Children(func(c xml.StartElement, cl int) error {
		if err := d.ordered("group", c, cl, &cur); err != nil {
			return err
		}
		switch {
		case c.Name.Space != d.ns:
			return d.Skip()
		case c.Name.Local == "notes":
			_, err := d.notes(c, cl)
			return err
		}
		return d.container(sc, c, cl, in)
	}, nil)
}

// notes reads a <notes> element: one or more <note> with unique ids.
func (d *doc2) notes(se xml.StartElement, line int) ([]Note, error) {
	if err := d.checkAttrs(se, line); err != nil {
		return nil, err
	}
	var notes []Note
	ids := map[string]bool{}
	err := d.Children(func(c xml.StartElement, cl int) error {
		if c.Name.Space != d.ns || c.Name.Local != "note" {
			return d.Errorf(cl, "<%s> not allowed in <notes>", c.Name.Local)
		}
		if err := d.checkAttrs(c, cl); err != nil {
			return err
		}
		n := Note{ID: attr(c, "id"), Category: attr(c, "category"), Priority: priority(attr(c, "priority")), AppliesTo: attr(c, "appliesTo")}
		if n.ID != "" && ids[n.ID] {
			return d.Errorf(cl, "duplicate note id %q", n.ID)
		}
		ids[n.ID] = true
		text, err := d.Text()
		n.Text = text
		notes = append(notes, n)
		return err
	}, nil)
	if err == nil && len(notes) == 0 {
		err = d.Errorf(line, "<notes> has no <note>")
	}
	return notes, err
}

// metadata reads a Metadata module element, keeping the meta values of the
// metaGroups of category "diglot".
func (p *parser) metadata(m map[string]string) error {
	var group func(diglot bool) func(xml.StartElement, int) error
	group = func(diglot bool) func(xml.StartElement, int) error {
		return func(c xml.StartElement, _ int) error {
			switch {
			case c.Name.Space != NSMetadata:
				return p.Skip()
			case c.Name.Local == "metaGroup":
				return p.Children(group(diglot || attr(c, "category") == MetaDiglot), nil)
			case c.Name.Local == "meta" && diglot:
				v, err := p.Text()
				m[attr(c, "type")] = v
				return err
			}
			return p.Skip()
		}
	}
	return p.Children(group(false), nil)
}

// glossary reads a Glossary module <gls:glossary>.
func (p *parser) glossary() ([]GlossEntry, error) {
	var out []GlossEntry
	err := p.Children(func(c xml.StartElement, _ int) error {
		if c.Name.Space != NSGlossary || c.Name.Local != "glossEntry" {
			return p.Skip()
		}
		e := GlossEntry{Ref: attr(c, "ref")}
		e.Entry, _ = lookup(c, NSDiglot, "entry")
		v, _ := lookup(c, NSDiglot, "variant")
		e.Variant = v == "yes"
		err := p.Children(func(t xml.StartElement, _ int) error {
			if t.Name.Space != NSGlossary {
				return p.Skip()
			}
			s, err := p.Text()
			switch t.Name.Local {
			case "term":
				e.Term = s
			case "translation":
				if e.Translation == "" {
					e.Translation = s
				}
			}
			return err
		}, nil)
		out = append(out, e)
		return err
	}, nil)
	return out, err
}

// part is a <segment> or <ignorable> as read.
type part struct {
	seg            bool
	id, state      string
	source, target string
	hasTarget      bool
	order          int // target/@order, 0 when absent
	line           int
}

// unitReader holds the state of one <unit> being read.
type unitReader struct {
	*doc2
	u     *Unit
	lang  string          // xml:lang inherited from enclosing elements
	data  map[string]bool // originalData ids
	parts map[string]bool // segment and ignorable ids
	src   *side
	trg   *side
}

// side tracks the inline codes of the sources or the targets of a unit.
type side struct {
	name   string
	codes  *[]string
	ids    map[string]bool
	openSC map[string]bool // non-isolated sc not yet closed
	openSM map[string]bool
	// ecRefs and emRefs are checked at the end of the unit for targets,
	// whose segments may be displayed in another order.
	ecRefs, emRefs []string
	strict         bool // check sc/ec and sm/em order (sources)
}

func newSide(name string, codes *[]string, strict bool) *side {
	return &side{name: name, codes: codes, ids: map[string]bool{}, openSC: map[string]bool{}, openSM: map[string]bool{}, strict: strict}
}

// unit reads a <unit>.
func (d *doc2) unit(sc *fileScope, se xml.StartElement, line int, in inherited) (*Unit, error) {
	if err := d.checkAttrs(se, line); err != nil {
		return nil, err
	}
	in = in.from(se)
	u := &Unit{ID: attr(se, "id"), Line: line, Translate: in.translate}
	if u.ID == "" {
		return nil, d.Errorf(line, "<unit> has no id")
	}
	if sc.units[u.ID] {
		return nil, d.Errorf(line, "duplicate unit id %q in file %q", u.ID, sc.fe.ID)
	}
	sc.units[u.ID] = true
	ur := &unitReader{doc2: d, u: u, lang: in.lang, data: map[string]bool{}, parts: map[string]bool{}}
	ur.src = newSide("source", &u.SourceCodes, true)
	ur.trg = newSide("target", &u.TargetCodes, false)
	var parts []part
	cur := stageForeign
	err := d.Children(func(c xml.StartElement, cl int) error {
		if err := d.ordered("unit", c, cl, &cur); err != nil {
			return err
		}
		var err error
		switch {
		case c.Name.Space == NSMetadata && c.Name.Local == "metadata":
			u.Meta = map[string]string{}
			return d.metadata(u.Meta)
		case c.Name.Space == NSGlossary && c.Name.Local == "glossary":
			u.Glossary, err = d.glossary()
			return err
		case c.Name.Space != d.ns:
			return d.Skip()
		case c.Name.Local == "notes":
			u.NoteInfo, err = d.notes(c, cl)
			for _, n := range u.NoteInfo {
				u.Notes = append(u.Notes, n.Text)
			}
			return err
		case c.Name.Local == "originalData":
			return ur.originalData(c, cl)
		case c.Name.Local == "segment" || c.Name.Local == "ignorable":
			pt, err := ur.part(c, cl)
			parts = append(parts, pt)
			return err
		}
		return d.Errorf(cl, "<%s> not allowed in <unit>", c.Name.Local)
	}, nil)
	if err != nil {
		return nil, err
	}
	if len(ur.parts) == 0 && !slices.ContainsFunc(parts, func(pt part) bool { return pt.seg }) {
		return nil, d.Errorf(line, "<unit id=%q> has no <segment>", u.ID)
	}
	if err := ur.finish(parts); err != nil {
		return nil, err
	}
	return u, nil
}

// originalData reads the <data> elements codes refer to.
func (ur *unitReader) originalData(se xml.StartElement, line int) error {
	if err := ur.checkAttrs(se, line); err != nil {
		return err
	}
	err := ur.Children(func(c xml.StartElement, cl int) error {
		if c.Name.Space != ur.ns || c.Name.Local != "data" {
			return ur.Errorf(cl, "<%s> not allowed in <originalData>", c.Name.Local)
		}
		if err := ur.checkAttrs(c, cl); err != nil {
			return err
		}
		id := attr(c, "id")
		if id == "" || ur.data[id] {
			return ur.Errorf(cl, "<data> id %q missing or not unique", id)
		}
		ur.data[id] = true
		return ur.Children(func(cp xml.StartElement, cpl int) error {
			if cp.Name.Space != ur.ns || cp.Name.Local != "cp" {
				return ur.Errorf(cpl, "<%s> not allowed in <data>", cp.Name.Local)
			}
			_, err := ur.codePoint(cp, cpl)
			return err
		}, nil)
	}, nil)
	if err == nil && len(ur.data) == 0 {
		err = ur.Errorf(line, "<originalData> has no <data>")
	}
	return err
}

// part reads a <segment> or an <ignorable>.
func (ur *unitReader) part(se xml.StartElement, line int) (part, error) {
	pt := part{seg: se.Name.Local == "segment", id: attr(se, "id"), state: attr(se, "state"), line: line}
	if err := ur.checkAttrs(se, line); err != nil {
		return pt, err
	}
	if pt.id != "" {
		if ur.parts[pt.id] {
			return pt, ur.Errorf(line, "duplicate segment or ignorable id %q in unit %q", pt.id, ur.u.ID)
		}
		ur.parts[pt.id] = true
	}
	sources := 0
	err := ur.Children(func(c xml.StartElement, cl int) error {
		if c.Name.Space == ur.ns && (c.Name.Local == "source" || c.Name.Local == "target") {
			if err := ur.checkAttrs(c, cl); err != nil {
				return err
			}
		}
		lang, hasLang := xmlLang(c)
		if !hasLang && ur.lang != "" {
			lang, hasLang = ur.lang, true
		}
		var err error
		switch {
		case c.Name.Space != ur.ns:
		case c.Name.Local == "source" && sources == 0 && !pt.hasTarget:
			sources++
			if hasLang && !strings.EqualFold(lang, ur.f.SrcLang) {
				return ur.Errorf(cl, "<source> xml:lang=%q differs from srcLang %q", lang, ur.f.SrcLang)
			}
			pt.source, err = ur.inline(ur.src)
			return err
		case c.Name.Local == "target" && sources == 1 && !pt.hasTarget:
			pt.hasTarget = true
			if ur.f.TrgLang == "" {
				return ur.Errorf(cl, "<target> in a document without trgLang")
			}
			if hasLang && !strings.EqualFold(lang, ur.f.TrgLang) {
				return ur.Errorf(cl, "<target> xml:lang=%q differs from trgLang %q", lang, ur.f.TrgLang)
			}
			if o, ok := lookup(c, "", "order"); ok {
				if pt.order, err = strconv.Atoi(o); err != nil || pt.order < 1 {
					return ur.Errorf(cl, "<target> order=%q is not a positive integer", o)
				}
			}
			pt.target, err = ur.inline(ur.trg)
			return err
		}
		return ur.Errorf(cl, "<%s> not allowed or out of place in <%s>", c.Name.Local, se.Name.Local)
	}, nil)
	if err == nil && sources == 0 {
		err = ur.Errorf(line, "<%s> has no <source>", se.Name.Local)
	}
	return pt, err
}

// inline reads the inline content of the element just opened and returns its
// plain text, recording codes on s.
func (ur *unitReader) inline(s *side) (string, error) {
	var b strings.Builder
	var fn func(c xml.StartElement, line int) error
	text := func(t string) { b.WriteString(t) }
	fn = func(c xml.StartElement, line int) error {
		if c.Name.Space != ur.ns {
			return ur.Errorf(line, "<%s> not allowed in <%s>", c.Name.Local, s.name)
		}
		if err := ur.checkAttrs(c, line); err != nil {
			return err
		}
		el, id := c.Name.Local, attr(c, "id")
		switch el {
		case "cp":
			r, err := ur.codePoint(c, line)
			b.WriteRune(r)
			return err
		case "ph", "pc", "sc", "mrk", "sm":
			if err := ur.newID(s, el, id, line); err != nil {
				return err
			}
		}
		if err := ur.dataRefs(c, line); err != nil {
			return err
		}
		switch el {
		case "ph", "sc":
			*s.codes = append(*s.codes, el+":"+id)
			b.WriteString(attr(c, "equiv"))
			if el == "sc" && attr(c, "isolated") != "yes" {
				s.openSC[id] = true
			}
			return ur.empty(c, line)
		case "ec":
			ref, err := ur.endCode(s, c, line)
			*s.codes = append(*s.codes, "ec:"+ref)
			b.WriteString(attr(c, "equiv"))
			if err != nil {
				return err
			}
			return ur.empty(c, line)
		case "pc":
			*s.codes = append(*s.codes, "pc:"+id)
			b.WriteString(attr(c, "equivStart"))
			err := ur.Children(fn, text)
			b.WriteString(attr(c, "equivEnd"))
			return err
		case "mrk":
			return ur.Children(fn, text)
		case "sm":
			s.openSM[id] = true
			return ur.empty(c, line)
		case "em":
			ref := attr(c, "startRef")
			if s.strict && !s.openSM[ref] {
				return ur.Errorf(line, "<em startRef=%q> has no open <sm> before it", ref)
			}
			delete(s.openSM, ref)
			s.emRefs = append(s.emRefs, ref)
			return ur.empty(c, line)
		}
		return ur.Errorf(line, "<%s> not allowed in <%s>", el, s.name)
	}
	err := ur.Children(fn, text)
	return b.String(), err
}

// newID records the id of an inline element, which must be present and unique
// within the unit's sources (or targets).
func (ur *unitReader) newID(s *side, el, id string, line int) error {
	if id == "" {
		return ur.Errorf(line, "<%s> has no id", el)
	}
	if s.ids[id] || ur.parts[id] {
		return ur.Errorf(line, "<%s> id %q is not unique in unit %q", el, id, ur.u.ID)
	}
	s.ids[id] = true
	return nil
}

// endCode checks an <ec> and returns the id of the code it closes.
func (ur *unitReader) endCode(s *side, c xml.StartElement, line int) (string, error) {
	id, ref := attr(c, "id"), attr(c, "startRef")
	if attr(c, "isolated") == "yes" {
		if ref != "" || id == "" {
			return id, ur.Errorf(line, "isolated <ec> needs an id and no startRef")
		}
		return id, ur.newID(s, "ec", id, line)
	}
	if ref == "" || id != "" {
		return ref, ur.Errorf(line, "<ec> needs a startRef and no id unless isolated=\"yes\"")
	}
	if s.strict && !s.openSC[ref] {
		return ref, ur.Errorf(line, "<ec startRef=%q> has no open <sc> before it", ref)
	}
	delete(s.openSC, ref)
	s.ecRefs = append(s.ecRefs, ref)
	return ref, nil
}

// dataRefs checks that the dataRef attributes of a code name <data> elements.
func (ur *unitReader) dataRefs(c xml.StartElement, line int) error {
	for _, n := range []string{"dataRef", "dataRefStart", "dataRefEnd"} {
		if v, ok := lookup(c, "", n); ok && !ur.data[v] {
			return ur.Errorf(line, "<%s> %s=%q names no <data> in the unit", c.Name.Local, n, v)
		}
	}
	return nil
}

// empty consumes an element that must have no content.
func (ur *unitReader) empty(c xml.StartElement, line int) error {
	content := false
	err := ur.Children(func(xml.StartElement, int) error {
		content = true
		return ur.Skip()
	}, func(s string) { content = content || s != "" })
	if err == nil && content {
		err = ur.Errorf(line, "<%s> must be empty", c.Name.Local)
	}
	return err
}

// codePoint decodes a <cp hex="…"/>: a code point that XML cannot hold.
func (ur *unitReader) codePoint(c xml.StartElement, line int) (rune, error) {
	if err := ur.checkAttrs(c, line); err != nil {
		return 0, err
	}
	h := attr(c, "hex")
	n, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h)%2 != 0 || n > utf8.MaxRune {
		return 0, ur.Errorf(line, "<cp hex=%q> is not a code point", h)
	}
	r := rune(n)
	if xmlenc.IsChar(r) {
		return 0, ur.Errorf(line, "<cp hex=%q> encodes a character valid in XML", h)
	}
	if !utf8.ValidRune(r) {
		r = utf8.RuneError // a surrogate: Go strings cannot hold it
	}
	return r, ur.empty(c, line)
}

// finish checks the codes left open and assembles the unit text, placing
// targets in their display order.
func (ur *unitReader) finish(parts []part) error {
	u := ur.u
	for _, open := range []map[string]bool{ur.src.openSC, ur.src.openSM} {
		for id := range open {
			return ur.Errorf(u.Line, "unit %q: <sc> or <sm> id %q is never closed (isolated=\"yes\" missing?)", u.ID, id)
		}
	}
	for _, ref := range append(ur.trg.ecRefs, ur.trg.emRefs...) {
		if !ur.trg.ids[ref] {
			return ur.Errorf(u.Line, "unit %q: a target end marker refers to %q, which no target code has", u.ID, ref)
		}
	}
	slots := make([]*part, len(parts))
	var src strings.Builder
	for i := range parts {
		pt := &parts[i]
		src.WriteString(pt.source)
		u.HasTarget = u.HasTarget || pt.hasTarget
		if pt.order > len(parts) {
			return ur.Errorf(pt.line, "unit %q: target order %d beyond the %d parts", u.ID, pt.order, len(parts))
		}
		if pt.seg {
			u.Segments = append(u.Segments, Seg{ID: pt.id, Source: pt.source, Target: pt.target, State: pt.state})
		}
	}
	for pass := range 2 {
		for i := range parts {
			pt := &parts[i]
			pos := i
			if pt.order > 0 {
				pos = pt.order - 1
			}
			if (pt.order > 0) != (pass == 0) {
				continue
			}
			if slots[pos] != nil {
				return ur.Errorf(pt.line, "unit %q: two targets at position %d", u.ID, pos+1)
			}
			slots[pos] = pt
		}
	}
	var trg strings.Builder
	for _, pt := range slots {
		switch {
		case pt.hasTarget:
			trg.WriteString(pt.target)
		case !pt.seg:
			trg.WriteString(pt.source) // white space between segments
		}
	}
	u.Source = src.String()
	if u.HasTarget {
		u.Target = trg.String()
	}
	u.State = unitState(u.Segments)
	return nil
}
