package glossary

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/diglot/diglot/internal/xmlenc"
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
// ISO-8859-1…) are decoded; UTF-16 files are recognised by their byte order
// mark or their first bytes. Elements nested deeper than [xmlenc.MaxDepth]
// are refused.

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

// tbx reads a TBX file, through the XML plumbing the XLIFF and TMX readers
// share (encodings, no fetching, no entity expansion, a nesting limit).
func (p *parser) tbx(data []byte) error {
	w := xmlenc.NewWalker(bytes.NewReader(data), p.name)
	root, rootLine, err := w.Root()
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return p.errorf(0, "not a TBX file: no root element")
	}
	if err != nil {
		return err
	}
	if name := root.Name.Local; name != "martif" && name != "tbx" {
		return p.errorf(rootLine, "not a TBX file: root element <%s>, want <martif> or <tbx>", name)
	}
	var (
		concept *tbxConcept
		term    *tbxTerm
		lang    string
		// text capture of the element being read (term, termNote, descrip, note)
		capName  string
		capType  string
		capDepth int
		capText  strings.Builder
	)
	for w.Depth() > 0 {
		tok, err := w.Next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if capName != "" {
				continue // an inline element inside captured text
			}
			switch t.Name.Local {
			case "termEntry", "conceptEntry":
				concept = &tbxConcept{line: w.Line}
			case "langSet", "langSec":
				lang = primaryTag(attr(t, "lang"))
			case "tig", "ntig", "termSec":
				term = &tbxTerm{lang: lang, status: statusAdmitted, line: w.Line}
			case "term", "termNote", "descrip", "note":
				capName, capType, capDepth = t.Name.Local, attr(t, "type"), w.Depth()
				capText.Reset()
			}
		case xml.CharData:
			if capName != "" {
				capText.Write(t)
			}
		case xml.EndElement:
			if capName != "" {
				if w.Depth() >= capDepth {
					continue
				}
				p.captured(concept, &term, lang, capName, capType, capText.String(), w.Line)
				capName = ""
				continue
			}
			switch t.Name.Local {
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
	return w.End()
}

// captured records the text of a term, termNote, descrip or note element
// that ended at line.
func (p *parser) captured(concept *tbxConcept, term **tbxTerm, lang, name, typ, text string, line int) {
	switch {
	case concept == nil:
	case name == "term":
		if *term == nil { // a term straight inside a language section
			*term = &tbxTerm{lang: lang, status: statusAdmitted, line: line}
			concept.terms = append(concept.terms, *term)
		}
		(*term).text = text
	case name == "termNote" && *term != nil:
		switch typ {
		case "administrativeStatus", "usageStatus":
			(*term).status = parseStatus(text)
		case "partOfSpeech":
			(*term).pos = collapseSpace(text)
		}
	case name == "note" || name == "descrip" && typ == "definition":
		if concept.note == "" {
			concept.note = collapseSpace(text)
		}
	}
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
