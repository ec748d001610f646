package xliff

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/diglot/diglot/internal/xmlenc"
)

// Doc is what [Write] and [Write12] write: one article, as the single
// <file> of an XLIFF document.
type Doc struct {
	SrcLang, TrgLang string
	Original         string // file/@original: the source file
	Meta             []Meta // the file's diglot metadata, in order; empty values are left out
	Units            []DocUnit
}

// Meta is one value of diglot's metadata.
type Meta struct{ Type, Value string }

// DocUnit is one unit for [Write].
type DocUnit struct {
	ID          string
	NoTranslate bool // translate="no": a block that is never translated
	Meta        []Meta
	Source      string
	Target      string
	Sentences   []string // the source sentences, written one <segment> each when the target splits alike
	Terms       []Term
	Notes       []Note // written with their Category, Priority and Text
	// State and StateQualifier are the XLIFF 1.2 target state
	// ("translated", "signed-off", "final"…) and its qualifier
	// ("leveraged-mt", "exact-match"…); [Write12] writes "translated" when
	// State is empty. Approved sets trans-unit approved="yes". The XLIFF 2.1
	// writer ignores the three.
	State, StateQualifier string
	Approved              bool
	// State2 is the XLIFF 2 state of the unit's segments when it has a
	// target: "translated", "reviewed" or "final" ([Write] writes
	// "translated" when empty). [Write12] ignores it.
	State2 string
	// SourceCodes and TargetCodes are the inline codes of Source and
	// Target, written as <pc> and <ph> (see [Write]).
	SourceCodes, TargetCodes []Code
}

// Term is a glossary match of a unit: the term as written in the source, at
// byte offsets Start to End of the unit's source, the translation required
// and the diglot glossary entry.
type Term struct {
	Source, Target, Entry string
	Start, End            int
	Variant               bool // Source is a variant spelling of the entry
}

// Write writes d as an XLIFF 2.1 document that validates against
// xliff_core_2.0.xsd with the Metadata and Glossary modules:
//
//   - one <file id="f1"> with d's original and d.Meta in a Metadata module
//     group of category "diglot";
//   - one <unit> per unit, translate="no" when NoTranslate, with its Meta in
//     a unit-level metadata group;
//   - one <segment> per sentence when the unit has the source sentences
//     and the target splits into as many ([SplitSentences]); the white space
//     between sentences goes into <ignorable> elements, so that joining a
//     unit's parts gives back the exact text; otherwise one segment;
//   - state State2 (by default "translated") on segments with a target,
//     "initial" (and no <target>) when the target is empty;
//   - notes as <note category="…" priority="…">;
//   - terms as Glossary module entries whose ref points to a <mrk
//     type="term"> around the term in the source when the term lies within
//     one segment;
//   - inline codes (Markdown markup) as <pc> around the text a paired code
//     wraps (bold, italic, links: type="fmt" subType="xlf:b"/"xlf:i",
//     type="link") and <ph/> for a standalone one (code spans, images), ids
//     "c1", "c2"… shared by source and target, the markup as written in
//     <originalData> and in equiv/equivStart/equivEnd and disp attributes,
//     so that a reader that keeps text equivalents (as [Read] does) gets
//     back the text with its markup. Codes that do not fit their text are
//     left out (the text is written as it is); a unit whose codes cross a
//     sentence is written as one segment; a target code with no source
//     counterpart is written as text.
//
// Characters XML cannot hold are written as <cp hex="…"/>.
func Write(w io.Writer, d *Doc) error {
	if err := d.check(); err != nil {
		return err
	}
	x := &writer{w: bufio.NewWriter(w)}
	x.printf(`<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="%s" xmlns:mda="%s" xmlns:gls="%s" xmlns:dg="%s" version="%s" srcLang="%s" trgLang="%s">
 <file id="f1" original="%s" xml:space="preserve">
`, NS2, NSMetadata, NSGlossary, NSDiglot, versionXLF2, attrEscape(d.SrcLang), attrEscape(d.TrgLang), attrEscape(d.Original))
	x.metadata("  ", d.Meta)
	for i := range d.Units {
		x.unit(&d.Units[i])
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
func (x *writer) metadata(indent string, kv []Meta) {
	var b strings.Builder
	for _, p := range kv {
		if p.Value != "" {
			fmt.Fprintf(&b, "%s  <mda:meta type=\"%s\">%s</mda:meta>\n", indent, attrEscape(p.Type), attrEscape(p.Value))
		}
	}
	if b.Len() == 0 {
		return
	}
	x.printf("%s<mda:metadata>\n%s <mda:metaGroup category=\"%s\">\n%s%s </mda:metaGroup>\n%s</mda:metadata>\n",
		indent, indent, MetaDiglot, b.String(), indent, indent)
}

// unit writes one unit.
func (x *writer) unit(s *DocUnit) {
	translate := ""
	if s.NoTranslate {
		translate = ` translate="no"`
	}
	x.printf("  <unit id=\"%s\"%s>\n", s.ID, translate)
	x.metadata("   ", s.Meta)
	parts := split(s)
	marks := termMarks(s, parts)
	x.glossary(s, marks)
	if len(s.Notes) > 0 {
		x.printf("   <notes>\n")
		for _, n := range s.Notes {
			priority := ""
			if n.Priority >= 1 && n.Priority <= 10 {
				priority = fmt.Sprintf(` priority="%d"`, n.Priority)
			}
			category := ""
			if n.Category != "" {
				category = fmt.Sprintf(` category="%s"`, attrEscape(n.Category))
			}
			x.printf("    <note%s%s>%s</note>\n", category, priority, attrEscape(n.Text))
		}
		x.printf("   </notes>\n")
	}
	state := "initial"
	if s.Target != "" {
		state = cmpOr(s.State2, "translated")
	}
	srcCodes, okS := usableCodes(s.Source, s.SourceCodes, nil)
	ids := map[int]bool{}
	for _, c := range srcCodes {
		ids[c.ID] = true
	}
	tgtCodes, okT := usableCodes(s.Target, s.TargetCodes, ids)
	if !okS || !okT {
		srcCodes, tgtCodes = nil, nil
	}
	if len(srcCodes)+len(tgtCodes) > 0 &&
		(!codesWithin(srcCodes, parts, func(p piece) string { return p.source }, func(p piece) int { return p.start }) ||
			!codesWithin(tgtCodes, parts, func(p piece) string { return p.target }, func(p piece) int { return p.tstart })) {
		parts = []piece{{sentence: true, source: s.Source, target: s.Target}}
		marks = termMarks(s, parts)
	}
	var data codeData
	var segs strings.Builder
	n := 0
	for _, p := range parts {
		if !p.sentence && p.source == "" && p.target == "" {
			continue
		}
		if p.sentence {
			n++
			fmt.Fprintf(&segs, "   <segment id=\"s%d\" state=\"%s\">\n    <source>%s</source>\n", n, state, contentWith(p.source, p.start, srcCodes, marks, &data))
		} else {
			fmt.Fprintf(&segs, "   <ignorable>\n    <source>%s</source>\n", content(p.source, p.start, marks))
		}
		if s.Target != "" {
			fmt.Fprintf(&segs, "    <target>%s</target>\n", contentWith(p.target, p.tstart, tgtCodes, nil, &data))
		}
		if p.sentence {
			segs.WriteString("   </segment>\n")
		} else {
			segs.WriteString("   </ignorable>\n")
		}
	}
	if len(data.data) > 0 {
		x.printf("   <originalData>\n")
		for i, d := range data.data {
			x.printf("    <data id=\"d%d\">%s</data>\n", i+1, escape(d))
		}
		x.printf("   </originalData>\n")
	}
	x.printf("%s", segs.String())
	x.printf("  </unit>\n")
}

// glossary writes the unit's glossary matches.
func (x *writer) glossary(s *DocUnit, marks []mark) {
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
	tstart         int // byte offset of target in the unit's target
}

// split cuts a segment into sentences and the white space between them when
// its sentences can be found in order in the source and the target splits
// into as many; otherwise it returns the whole segment as one sentence.
func split(s *DocUnit) []piece {
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
		src[i].target, src[i].tstart = trg[i].source, trg[i].start
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
	term       int // index in DocUnit.Terms
	start, end int
}

// termMarks returns the terms that lie within one sentence piece, in order and
// without overlap.
func termMarks(s *DocUnit, parts []piece) []mark {
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

// check refuses what neither XLIFF version can write: a language that is
// not a tag, a unit id that is empty, repeated or not an XML name token.
func (d *Doc) check() error {
	for _, l := range []string{d.SrcLang, d.TrgLang} {
		if !wellFormedLang(l) {
			return fmt.Errorf("xliff: write: %q is not a language tag", l)
		}
	}
	seen := map[string]bool{}
	for _, u := range d.Units {
		if !nmtoken(u.ID) || seen[u.ID] {
			return fmt.Errorf("xliff: write: unit id %q is empty, not unique or not an XML name token", u.ID)
		}
		seen[u.ID] = true
		if r, ok := stateRank[u.State2]; u.State2 != "" && (!ok || r == 0) {
			return fmt.Errorf("xliff: write: unit %s: state %q, want translated, reviewed or final", u.ID, u.State2)
		}
	}
	return nil
}
