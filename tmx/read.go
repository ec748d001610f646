package tmx

import (
	"encoding/xml"
	"io"
	"strings"
	"time"

	"github.com/diglot/diglot/internal/xmlenc"
)

// Read reads a TMX document; name is used in errors. The DOCTYPE is not
// fetched and no entity beyond the predefined ones is expanded. Errors are
// [*ParseError] values naming name and the line.
func Read(r io.Reader, name string) (*Doc, error) {
	w := xmlenc.NewWalker(r, name)
	se, line, err := w.Root()
	if err != nil {
		return nil, err
	}
	if se.Name.Local != "tmx" {
		return nil, w.Errorf(line, "root element is <%s>, not <tmx>", se.Name.Local)
	}
	d := &Doc{Version: xmlenc.Attr(se, "version")}
	body := false
	err = w.Children(func(c xml.StartElement, cl int) error {
		switch c.Name.Local {
		case "header":
			d.SrcLang = xmlenc.Attr(c, "srclang")
			d.AdminLang = xmlenc.Attr(c, "adminlang")
			d.CreationTool = xmlenc.Attr(c, "creationtool")
			return w.Skip()
		case "body":
			body = true
			return w.Children(func(t xml.StartElement, tl int) error {
				if t.Name.Local != "tu" {
					return w.Skip()
				}
				tu, err := readTU(w, t, tl)
				if err != nil {
					return err
				}
				tu.Pos = len(d.Units) + 1
				d.Units = append(d.Units, *tu)
				return nil
			}, nil)
		}
		return w.Skip()
	}, nil)
	if err != nil {
		return nil, err
	}
	if !body {
		return nil, w.Errorf(line, "<tmx> has no <body>")
	}
	return d, w.End()
}

// readTU reads a <tu>.
func readTU(w *xmlenc.Walker, se xml.StartElement, line int) (*TU, error) {
	tu := &TU{ID: xmlenc.Attr(se, "tuid"), Line: line}
	dates := func(e xml.StartElement) {
		if t, err := time.Parse(DateFormat, xmlenc.Attr(e, "creationdate")); err == nil {
			tu.CreationDate = t
		}
		if t, err := time.Parse(DateFormat, xmlenc.Attr(e, "changedate")); err == nil && t.After(tu.ChangeDate) {
			tu.ChangeDate = t
		}
		if v := xmlenc.Attr(e, "creationid"); v != "" {
			tu.CreationID = v
		}
		if v := xmlenc.Attr(e, "changeid"); v != "" {
			tu.ChangeID = v
		}
	}
	dates(se)
	err := w.Children(func(c xml.StartElement, cl int) error {
		switch c.Name.Local {
		case "prop":
			v, err := w.Text()
			if tu.Props == nil {
				tu.Props = map[string]string{}
			}
			tu.Props[xmlenc.Attr(c, "type")] = v
			return err
		case "note":
			v, err := w.Text()
			tu.Notes = append(tu.Notes, v)
			return err
		case "tuv":
			dates(c)
			v, err := readTUV(w, c, cl)
			tu.Variants = append(tu.Variants, v)
			return err
		}
		return w.Skip()
	}, nil)
	return tu, err
}

// readTUV reads a <tuv>: its language (xml:lang, or the deprecated lang) and
// its <seg>.
func readTUV(w *xmlenc.Walker, se xml.StartElement, line int) (TUV, error) {
	v := TUV{}
	v.Lang, _ = xmlenc.Lookup(se, xmlenc.XMLNS, "lang")
	if v.Lang == "" {
		v.Lang = xmlenc.Attr(se, "lang")
	}
	if v.Lang == "" {
		return v, w.Errorf(line, "<tuv> has no xml:lang")
	}
	seg := false
	err := w.Children(func(c xml.StartElement, cl int) error {
		if c.Name.Local != "seg" {
			return w.Skip()
		}
		if seg {
			return w.Errorf(cl, "second <seg> in <tuv>")
		}
		seg = true
		var err error
		v.Text, err = inline(w, &v.Codes)
		return err
	}, nil)
	if err == nil && !seg {
		err = w.Errorf(line, "<tuv xml:lang=%q> has no <seg>", v.Lang)
	}
	return v, err
}

// inline returns the text of <seg> or <hi> content, recording the codes.
func inline(w *xmlenc.Walker, codes *[]string) (string, error) {
	var b strings.Builder
	text := func(s string) { b.WriteString(s) }
	mdOpen := map[string]bool{} // bpt i of Markdown markup whose ept is to come
	var fn func(c xml.StartElement, _ int) error
	fn = func(c xml.StartElement, _ int) error {
		el := c.Name.Local
		id := xmlenc.Attr(c, "x")
		if el == "bpt" || el == "ept" {
			id = xmlenc.Attr(c, "i")
		}
		name := el
		if id != "" {
			name += ":" + id
		}
		switch el {
		case "hi":
			*codes = append(*codes, name)
			return w.Children(fn, text)
		case "bpt", "ept", "ph", "it", "ut":
			*codes = append(*codes, name)
			if strings.HasPrefix(xmlenc.Attr(c, "type"), "x-md-") || el == "ept" && mdOpen[id] {
				// Markdown markup diglot wrote as a code: its native
				// code is the text's own markup
				mdOpen[id] = el == "bpt"
				return w.Children(func(xml.StartElement, int) error { return w.Skip() }, text)
			}
		}
		return w.Skip()
	}
	err := w.Children(fn, text)
	return b.String(), err
}
