package xliff

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/xmlenc"
)

// Note priorities of problems by severity (1 is the highest).
var severityPriority = map[string]int{
	bitext.SeverityError:   1,
	bitext.SeverityWarning: 3,
	bitext.SeverityInfo:    5,
}

// Write writes d as an XLIFF 2.1 document that validates against
// xliff_core_2.0.xsd with the Metadata and Glossary modules:
//
//   - one <file id="f1"> whose original is the source path, with the
//     document's metadata (schema, source path and SHA-256, backend, model…)
//     in a Metadata module group of category "diglot";
//   - one <unit> per document segment, with the segment id as unit id and
//     translate="no" for code and table blocks, its kind, origin, raw MT and
//     position in a unit-level metadata group;
//   - one <segment> per sentence when the document has the source sentences
//     and the target splits into as many ([SplitSentences]); the white space
//     between sentences goes into <ignorable> elements, so that joining a
//     unit's parts gives back the exact text; otherwise one segment;
//   - state "translated" on segments with a target, "initial" (and no
//     <target>) when the target is empty;
//   - issues as <note category="diglot:RULE" priority="1|3|5">;
//   - glossary matches as Glossary module entries whose ref points to a
//     <mrk type="term"> around the term in the source when the term lies
//     within one segment.
//
// Characters XML cannot hold are written as <cp hex="…"/>.
func Write(w io.Writer, d *bitext.Document) error {
	for _, l := range []string{d.Source.Lang, d.Target.Lang} {
		if !wellFormedLang(l) {
			return fmt.Errorf("xliff: write: %q is not a language tag", l)
		}
	}
	seen := map[string]bool{}
	for _, s := range d.Segments {
		if !nmtoken(s.ID) || seen[s.ID] {
			return fmt.Errorf("xliff: write: segment id %q is empty, not unique or not an XML name token", s.ID)
		}
		seen[s.ID] = true
	}
	x := &writer{w: bufio.NewWriter(w)}
	x.printf(`<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="%s" xmlns:mda="%s" xmlns:gls="%s" xmlns:dg="%s" version="%s" srcLang="%s" trgLang="%s">
 <file id="f1" original="%s" xml:space="preserve">
`, NS2, NSMetadata, NSGlossary, NSDiglot, versionXLF2, attrEscape(d.Source.Lang), attrEscape(d.Target.Lang), attrEscape(d.Source.Path))
	x.metadata("  ", [][2]string{
		{"schema", d.Schema},
		{"source-path", d.Source.Path},
		{"source-sha256", d.Source.SHA256},
		{"source-title", d.Source.Title},
		{"source-format", d.Source.Format},
		{"source-encoding", d.Source.Encoding},
		{"target-title", d.Target.Title},
		{"backend", d.Backend.Name},
		{"model", d.Backend.Model},
	})
	for i := range d.Segments {
		x.unit(&d.Segments[i])
	}
	x.printf(" </file>\n</xliff>\n")
	if x.err != nil {
		return fmt.Errorf("xliff: write: %w", x.err)
	}
	if err := x.w.Flush(); err != nil {
		return fmt.Errorf("xliff: write: %w", err)
	}
	return nil
}

// writer writes XLIFF, keeping the first error.
type writer struct {
	w   *bufio.Writer
	err error
}

func (x *writer) printf(format string, args ...any) {
	if x.err == nil {
		_, x.err = fmt.Fprintf(x.w, format, args...)
	}
}

// metadata writes a metadata block of the non-empty values, if any.
func (x *writer) metadata(indent string, kv [][2]string) {
	var b strings.Builder
	for _, p := range kv {
		if p[1] != "" {
			fmt.Fprintf(&b, "%s  <mda:meta type=\"%s\">%s</mda:meta>\n", indent, p[0], attrEscape(p[1]))
		}
	}
	if b.Len() == 0 {
		return
	}
	x.printf("%s<mda:metadata>\n%s <mda:metaGroup category=\"%s\">\n%s%s </mda:metaGroup>\n%s</mda:metadata>\n",
		indent, indent, MetaDiglot, b.String(), indent, indent)
}

// unit writes one document segment as a <unit>.
func (x *writer) unit(s *bitext.Segment) {
	translate := ""
	if s.Kind == bitext.KindCode || s.Kind == bitext.KindTable {
		translate = ` translate="no"`
	}
	x.printf("  <unit id=\"%s\"%s>\n", s.ID, translate)
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	x.metadata("   ", [][2]string{
		{"kind", s.Kind},
		{"origin", s.Origin},
		{"mt", s.MT},
		{"machine", s.Machine},
		{"line", num(s.Line)},
		{"level", num(s.Level)},
		{"marker", s.Marker},
		{"unknown", strings.Join(s.Unknown, " ")},
	})
	parts := split(s)
	marks := termMarks(s, parts)
	x.glossary(s, marks)
	if len(s.Issues) > 0 {
		x.printf("   <notes>\n")
		for _, is := range s.Issues {
			p := severityPriority[is.Severity]
			if p == 0 {
				p = severityPriority[bitext.SeverityInfo]
			}
			x.printf("    <note category=\"%s%s\" priority=\"%d\">%s</note>\n", NotePrefix, attrEscape(is.Rule), p, attrEscape(is.Message))
		}
		x.printf("   </notes>\n")
	}
	state := "initial"
	if s.Target != "" {
		state = "translated"
	}
	n := 0
	for _, p := range parts {
		if !p.sentence && p.source == "" && p.target == "" {
			continue
		}
		if p.sentence {
			n++
			x.printf("   <segment id=\"s%d\" state=\"%s\">\n    <source>%s</source>\n", n, state, content(p.source, p.start, marks))
		} else {
			x.printf("   <ignorable>\n    <source>%s</source>\n", content(p.source, p.start, marks))
		}
		if s.Target != "" {
			x.printf("    <target>%s</target>\n", content(p.target, -1, nil))
		}
		if p.sentence {
			x.printf("   </segment>\n")
		} else {
			x.printf("   </ignorable>\n")
		}
	}
	x.printf("  </unit>\n")
}

// glossary writes the unit's glossary matches.
func (x *writer) glossary(s *bitext.Segment, marks []mark) {
	if len(s.Terms) == 0 {
		return
	}
	x.printf("   <gls:glossary>\n")
	for i, t := range s.Terms {
		ref := ""
		for _, m := range marks {
			if m.term == i {
				ref = fmt.Sprintf(` ref="#%s"`, m.id)
			}
		}
		variant := ""
		if t.Variant {
			variant = ` dg:variant="yes"`
		}
		x.printf("    <gls:glossEntry%s dg:entry=\"%s\"%s>\n     <gls:term>%s</gls:term>\n     <gls:translation>%s</gls:translation>\n    </gls:glossEntry>\n",
			ref, attrEscape(t.Entry), variant, attrEscape(t.Source), attrEscape(t.Target))
	}
	x.printf("   </gls:glossary>\n")
}

// piece is a sentence or the white space around sentences, with its byte
// offset in the segment source.
type piece struct {
	sentence       bool
	source, target string
	start          int
}

// split cuts a segment into sentences and the white space between them when
// its sentences can be found in order in the source and the target splits
// into as many; otherwise it returns the whole segment as one sentence.
func split(s *bitext.Segment) []piece {
	whole := []piece{{sentence: true, source: s.Source, target: s.Target}}
	if len(s.Sentences) < 2 {
		return whole
	}
	src, ok := locate(s.Source, s.Sentences)
	if !ok {
		return whole
	}
	var trg []piece
	if s.Target != "" {
		var sents []string
		for _, t := range SplitSentences(s.Target) {
			sents = append(sents, strings.TrimRightFunc(t, unicode.IsSpace))
		}
		if trg, ok = locate(s.Target, sents); !ok || len(trg) != len(src) {
			return whole
		}
	}
	for i := range trg {
		src[i].target = trg[i].source
	}
	return src
}

// locate finds sentences in order in text and returns text cut into
// alternating white space and sentence pieces (white space pieces possibly
// empty: one before each sentence and one at the end). It fails when text
// holds more than white space between the sentences.
func locate(text string, sentences []string) ([]piece, bool) {
	var out []piece
	at := 0
	for _, sent := range sentences {
		sent = strings.TrimSpace(sent)
		i := strings.Index(text[at:], sent)
		if sent == "" || i < 0 || strings.TrimSpace(text[at:at+i]) != "" {
			return nil, false
		}
		out = append(out, piece{source: text[at : at+i], start: at},
			piece{sentence: true, source: sent, start: at + i})
		at += i + len(sent)
	}
	if strings.TrimSpace(text[at:]) != "" {
		return nil, false
	}
	return append(out, piece{source: text[at:], start: at}), true
}

// mark is a term to wrap in <mrk type="term">: a byte range of the source.
type mark struct {
	id         string
	term       int // index in Segment.Terms
	start, end int
}

// termMarks returns the terms that lie within one sentence piece, in order and
// without overlap.
func termMarks(s *bitext.Segment, parts []piece) []mark {
	var marks []mark
	last := 0
	for i, t := range s.Terms {
		if t.Start < last || t.End <= t.Start || t.End > len(s.Source) || s.Source[t.Start:t.End] != t.Source {
			continue
		}
		for _, p := range parts {
			if p.sentence && t.Start >= p.start && t.End <= p.start+len(p.source) {
				marks = append(marks, mark{id: fmt.Sprintf("m%d", len(marks)+1), term: i, start: t.Start, end: t.End})
				last = t.End
				break
			}
		}
	}
	return marks
}

// content escapes text for element content, wrapping the marks that fall in
// it; start is the byte offset of text in the source (-1 for a target).
func content(text string, start int, marks []mark) string {
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if start < 0 || m.start < start || m.end > start+len(text) {
			continue
		}
		b.WriteString(escape(text[at : m.start-start]))
		fmt.Fprintf(&b, `<mrk id="%s" type="term">%s</mrk>`, m.id, escape(text[m.start-start:m.end-start]))
		at = m.end - start
	}
	b.WriteString(escape(text[at:]))
	return b.String()
}

// escape escapes element content, writing characters XML cannot hold as
// <cp hex="…"/>.
func escape(s string) string {
	return xmlenc.Escape(s, false, func(r rune) string { return fmt.Sprintf(`<cp hex="%04X"/>`, r) })
}

// attrEscape escapes an attribute value or text where <cp> is not allowed;
// characters XML cannot hold become U+FFFD.
func attrEscape(s string) string { return xmlenc.Escape(s, true, nil) }
