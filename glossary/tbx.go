package glossary

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// TBX is read in both of its versions:
//
//   - v2 (ISO 30042:2008, root <martif>): termEntry/langSet[@xml:lang]/(tig|ntig)/…/term;
//   - v3 (ISO 30042:2019, root <tbx>): conceptEntry/langSec[@xml:lang]/termSec/term.
//
// A term's status comes from termNote type="administrativeStatus"
// (preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts,
// supersededTerm-admn-sts…) or type="usageStatus" (preferred, admitted,
// deprecated, notRecommended, forbidden…). Source-language terms become the
// entry's source forms, the preferred one canonical and deprecated ones
// variants (they still occur in texts). Target-language terms give the target
// (the first preferred one), the other allowed forms, and the forbidden forms
// (deprecated and superseded terms). Concept entries lacking a usable term in
// either language are skipped and counted in [File].Skipped.
//
// The XML is parsed strictly and nothing is fetched: the DOCTYPE (often
// naming an external DTD) is ignored, and entities other than XML's own are
// errors. Files declaring another encoding than UTF-8 (windows-1254,
// ISO-8859-1…) are decoded; UTF-16 files are recognised by their byte order mark.

// termStatus ranks a term's administrative or usage status.
type termStatus int

const (
	statusPreferred termStatus = iota
	statusAdmitted             // also: no status given
	statusDeprecated
)

func parseStatus(s string) termStatus {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.Contains(s, "prefer"), strings.Contains(s, "standardized"), strings.Contains(s, "normative"):
		return statusPreferred
	case strings.Contains(s, "deprecat"), strings.Contains(s, "supersed"), strings.Contains(s, "forbid"),
		strings.Contains(s, "notrecommended"), strings.Contains(s, "obsolete"):
		return statusDeprecated
	}
	return statusAdmitted
}

type tbxTerm struct {
	lang, text, pos string
	status          termStatus
	line            int
}

type tbxConcept struct {
	line  int
	note  string
	terms []*tbxTerm
}

// tbx reads a TBX file.
func (p *parser) tbx(data []byte) error {
	data, utf16 := p.xmlToUTF8(data)
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if utf16 && strings.HasPrefix(strings.ToLower(label), "utf-16") {
			return in, nil // already decoded
		}
		enc, err := ianaindex.IANA.Encoding(label)
		if err != nil || enc == nil {
			return nil, fmt.Errorf("unsupported encoding %q", label)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	var (
		concept *tbxConcept
		term    *tbxTerm
		lang    string
		root    = true
		// text capture of the element being read (term, termNote, descrip, note)
		capName  string
		capType  string
		capDepth int
		capText  strings.Builder
		depth    int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if root {
				return p.errorf(0, "not a TBX file: no root element")
			}
			return nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return p.errorf(se.Line, "%s", se.Msg)
			}
			line, _ := d.InputPos()
			return p.errorf(line, "%v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			name := t.Name.Local
			if root {
				if name != "martif" && name != "tbx" {
					return p.errorf(lineOf(d), "not a TBX file: root element <%s>, want <martif> or <tbx>", name)
				}
				root = false
				continue
			}
			if capName != "" {
				continue // an inline element inside captured text
			}
			switch name {
			case "termEntry", "conceptEntry":
				concept = &tbxConcept{line: lineOf(d)}
			case "langSet", "langSec":
				lang = primaryTag(attr(t, "lang"))
			case "tig", "ntig", "termSec":
				term = &tbxTerm{lang: lang, status: statusAdmitted, line: lineOf(d)}
			case "term", "termNote", "descrip", "note":
				capName, capType, capDepth = name, attr(t, "type"), depth
				capText.Reset()
			}
		case xml.CharData:
			if capName != "" {
				capText.Write(t)
			}
		case xml.EndElement:
			depth--
			name := t.Name.Local
			if capName != "" {
				if depth >= capDepth {
					continue
				}
				text := capText.String()
				switch {
				case concept == nil:
				case capName == "term":
					if term == nil { // a term straight inside a language section
						term = &tbxTerm{lang: lang, status: statusAdmitted, line: lineOf(d)}
						concept.terms = append(concept.terms, term)
					}
					term.text = text
				case capName == "termNote" && term != nil:
					switch capType {
					case "administrativeStatus", "usageStatus":
						term.status = parseStatus(text)
					case "partOfSpeech":
						term.pos = collapseSpace(text)
					}
				case capName == "note" || capName == "descrip" && capType == "definition":
					if concept.note == "" {
						concept.note = collapseSpace(text)
					}
				}
				capName = ""
				continue
			}
			switch name {
			case "tig", "ntig", "termSec":
				if concept != nil && term != nil && !slices.Contains(concept.terms, term) {
					concept.terms = append(concept.terms, term)
				}
				term = nil
			case "langSet", "langSec":
				lang, term = "", nil
			case "termEntry", "conceptEntry":
				if concept != nil {
					p.tbxEntry(concept)
				}
				concept = nil
			}
		}
	}
}

// xmlToUTF8 strips a UTF-8 byte order mark and decodes UTF-16 (recognised by
// its byte order mark) to UTF-8.
func (p *parser) xmlToUTF8(data []byte) ([]byte, bool) {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		dec := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
		if out, err := dec.Bytes(data); err == nil {
			return out, true
		}
	}
	return stripBOM(data), false
}

func lineOf(d *xml.Decoder) int {
	line, _ := d.InputPos()
	return line
}

// attr returns the value of the attribute with the given local name.
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// tbxEntry makes an entry of a concept's terms in the source and target languages.
func (p *parser) tbxEntry(c *tbxConcept) {
	var src, tgt []*tbxTerm
	for _, t := range c.terms {
		t.text = p.term(t.text, t.line, "term")
		if t.text == "" {
			p.finding(t.line, RuleEmptyTerm, "empty term")
			continue
		}
		switch t.lang {
		case p.opts.From:
			src = append(src, t)
		case p.opts.To:
			tgt = append(tgt, t)
		}
	}
	byStatus := func(a, b *tbxTerm) int { return int(a.status) - int(b.status) }
	slices.SortStableFunc(src, byStatus)
	slices.SortStableFunc(tgt, byStatus)
	if len(src) == 0 || len(tgt) == 0 || tgt[0].status == statusDeprecated {
		p.skipped++
		return
	}
	var sources []string
	for _, t := range src {
		sources = appendNew(sources, t.text)
	}
	e := p.newEntry(c.line, sources, tgt[0].text)
	e.Note = c.note
	e.POS = cmp.Or(src[0].pos, tgt[0].pos)
	for _, t := range tgt[1:] {
		if t.status == statusDeprecated {
			e.Forbidden = appendNew(e.Forbidden, t.text)
		} else if foldString(t.text) != foldString(e.Target) {
			e.TargetForms = appendNew(e.TargetForms, t.text)
		}
	}
	p.entries = append(p.entries, e)
}
