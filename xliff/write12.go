package xliff

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Context groups and types [Write12] writes diglot's metadata in, and that
// [Read] reads back into [FileElem.Meta], [Unit.Meta] and [Unit.Glossary].
const (
	// GroupDiglot names the context-group of diglot's metadata on the
	// article's <group>; a <trans-unit>'s is named GroupDiglot + ":" + its
	// id (names are unique in a file). Each value is a <context> of
	// context-type "x-" + its name ("x-source-sha256", "x-origin"…).
	GroupDiglot = "diglot"
	// GroupTerm begins the name of the context-group of one glossary match
	// of a unit (GroupTerm + ":" + unit id + ":" + number), with the
	// contexts "x-term", "x-translation", "x-entry" and "x-variant".
	GroupTerm = "diglot-term"
	// NoteGlossary is the from attribute of the note that tells a translator
	// which terms the glossary requires in a unit.
	NoteGlossary = "diglot-glossary"
)

// Options12 are the choices of [Write12].
type Options12 struct {
	// SourceInTarget writes the source text in every translatable unit's
	// <target> (state "needs-translation"), and the translation nowhere:
	// the shape OmegaT 3.6's XLIFF filter wants, since it translates the
	// content of <target> and takes translations from a TMX beside the
	// file.
	SourceInTarget bool
}

// Write12 writes d as an XLIFF 1.2 document that validates against the
// OASIS XLIFF 1.2 strict schema (xliff-core-1.2-strict.xsd):
//
//   - one <file> (datatype plaintext) with d's original and languages, whose
//     <body> holds one <group> with d.Meta in a context-group named
//     [GroupDiglot], then the units;
//   - one <trans-unit> per unit, translate="no" when NoTranslate, its Meta
//     in a [GroupDiglot] context-group, its terms as <mrk mtype="term"> in
//     the source (comment: the required translation), one [GroupTerm]
//     context-group each and a note for the translator;
//   - a <seg-source> with one <mrk mtype="seg"> per sentence when the unit
//     has the source sentences and the target splits into as many, mirrored
//     in the <target> with the same mid;
//   - the target's state and state-qualifier from the unit, and no
//     <target> when the target is empty;
//   - notes as <note from="…" priority="…">;
//   - inline codes (Markdown markup) as <bpt>/<ept> around the text a
//     paired code wraps (ctype "bold", "italic", "link", "x-md-bold-italic",
//     "x-md-strike") and <ph> for a standalone one (ctype "x-md-code",
//     "image", "x-md-autolink"), ids "c1", "c2"… shared by source and
//     target, each holding its markup as written as native code and as
//     equiv-text, so that [Read] gives back the text with its markup. As in
//     [Write], codes that do not fit their text are left out, a unit whose
//     codes cross a sentence is not split into sentences, a target code with
//     no source counterpart is written as text, and a term mark that would
//     straddle a code's markup is left out (the term's context-group stays).
//
// The strict schema refuses attributes of other namespaces, so everything
// diglot adds is in context-groups and notes. Characters XML cannot hold
// become U+FFFD (XLIFF 1.2 has no <cp>).
func Write12(w io.Writer, d *Doc, opt Options12) error {
	if err := d.check(); err != nil {
		return err
	}
	x := &writer{w: bufio.NewWriter(w)}
	x.printf(`<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="%s" version="1.2">
 <file original="%s" source-language="%s" target-language="%s" datatype="plaintext" tool-id="diglot">
  <header>
   <tool tool-id="diglot" tool-name="diglot"/>
  </header>
  <body>
   <group id="article" restype="x-diglot-article">
`, NS12, attrEscape(d.Original), attrEscape(d.SrcLang), attrEscape(d.TrgLang))
	x.contextGroup("    ", GroupDiglot, d.Meta)
	for i := range d.Units {
		x.unit12(&d.Units[i], opt)
	}
	x.printf("   </group>\n  </body>\n </file>\n</xliff>\n")
	if x.err != nil {
		return fmt.Errorf("xliff: write: %w", x.err)
	}
	if err := x.w.Flush(); err != nil {
		return fmt.Errorf("xliff: write: %w", err)
	}
	return nil
}

// contextGroup writes a context-group of the non-empty values, if any.
func (x *writer) contextGroup(indent, name string, kv []Meta) {
	var b strings.Builder
	for _, p := range kv {
		if p.Value != "" {
			fmt.Fprintf(&b, "%s <context context-type=\"x-%s\">%s</context>\n", indent, attrEscape(p.Type), attrEscape(p.Value))
		}
	}
	if b.Len() > 0 {
		x.printf("%s<context-group name=\"%s\" purpose=\"information\">\n%s%s</context-group>\n", indent, name, b.String(), indent)
	}
}

// unit12 writes one trans-unit.
func (x *writer) unit12(s *DocUnit, opt Options12) {
	translate := ""
	if s.NoTranslate {
		translate = ` translate="no"`
	}
	target, state, qualifier := s.Target, s.State, s.StateQualifier
	if opt.SourceInTarget && !s.NoTranslate {
		target, state, qualifier = s.Source, "needs-translation", ""
	}
	approved := ""
	if s.Approved && target != "" && !opt.SourceInTarget {
		approved = ` approved="yes"`
	}
	x.printf("    <trans-unit id=\"%s\"%s%s xml:space=\"preserve\">\n", s.ID, translate, approved)
	shown := *s
	shown.Target = target
	parts := split(&shown)
	if opt.SourceInTarget && !s.NoTranslate {
		for i := range parts {
			parts[i].target, parts[i].tstart = parts[i].source, parts[i].start
		}
	}
	targetCodes := s.TargetCodes
	if opt.SourceInTarget && !s.NoTranslate {
		targetCodes = s.SourceCodes
	}
	srcCodes, tgtCodes := unitCodes(s.Source, target, s.SourceCodes, targetCodes)
	if len(srcCodes)+len(tgtCodes) > 0 &&
		(!codesWithin(srcCodes, parts, func(p piece) string { return p.source }, func(p piece) int { return p.start }) ||
			!codesWithin(tgtCodes, parts, func(p piece) string { return p.target }, func(p piece) int { return p.tstart })) {
		// A code across a sentence boundary: the unit is not split.
		parts = []piece{{sentence: true, source: s.Source, target: target}}
	}
	marks := termMarks(s, parts)
	src := syntax12{terms: s.Terms}
	x.printf("     <source>%s</source>\n", inline(s.Source, 0, srcCodes, marks, src))
	segmented := len(parts) > 1
	if segmented {
		x.printf("     <seg-source>%s</seg-source>\n", segContent(parts, true, srcCodes, marks, src))
	}
	if target != "" {
		attrs := fmt.Sprintf(` state="%s"`, attrEscape(cmpOr(state, "translated")))
		if qualifier != "" {
			attrs += fmt.Sprintf(` state-qualifier="%s"`, attrEscape(qualifier))
		}
		text := inline(target, 0, tgtCodes, nil, src)
		if segmented {
			text = segContent(parts, false, tgtCodes, nil, src)
		}
		x.printf("     <target%s>%s</target>\n", attrs, text)
	}
	x.contextGroup("     ", GroupDiglot+":"+s.ID, s.Meta)
	for i, t := range s.Terms {
		variant := ""
		if t.Variant {
			variant = "yes"
		}
		x.contextGroup("     ", fmt.Sprintf("%s:%s:%d", GroupTerm, s.ID, i+1), []Meta{{"term", t.Source}, {"translation", t.Target}, {"entry", t.Entry}, {"variant", variant}})
	}
	if len(s.Terms) > 0 {
		var b strings.Builder
		b.WriteString("Glossary:")
		for i, t := range s.Terms {
			if i > 0 {
				b.WriteByte(';')
			}
			fmt.Fprintf(&b, " %s → %s", t.Source, t.Target)
		}
		x.printf("     <note from=\"%s\" priority=\"5\" annotates=\"source\">%s</note>\n", NoteGlossary, attrEscape(b.String()))
	}
	for _, n := range s.Notes {
		attrs := ""
		if n.Category != "" {
			attrs += fmt.Sprintf(` from="%s"`, attrEscape(n.Category))
		}
		if n.Priority >= 1 && n.Priority <= 10 {
			attrs += fmt.Sprintf(` priority="%d"`, n.Priority)
		}
		x.printf("     <note%s>%s</note>\n", attrs, attrEscape(n.Text))
	}
	x.printf("    </trans-unit>\n")
}

// segContent writes the sentences of parts (their sources, or their
// targets) each in a <mrk mtype="seg" mid="N">, with the white space between
// them outside, and the codes and term marks within them.
func segContent(parts []piece, source bool, codes []Code, marks []mark, x syntax12) string {
	var b strings.Builder
	n := 0
	for _, p := range parts {
		text, at := p.target, p.tstart
		if source {
			text, at = p.source, p.start
		}
		if !p.sentence {
			b.WriteString(escape12(text))
			continue
		}
		n++
		fmt.Fprintf(&b, `<mrk mtype="seg" mid="%d">%s</mrk>`, n, inline(text, at, codes, marks, x))
	}
	return b.String()
}

// unitCodes returns the codes of a unit's source and target that can be
// written as inline elements (see [usableCodes]): none when the codes of
// either side do not describe its text.
func unitCodes(source, target string, sourceCodes, targetCodes []Code) (src, tgt []Code) {
	src, okS := usableCodes(source, sourceCodes, nil)
	ids := map[int]bool{}
	for _, c := range src {
		ids[c.ID] = true
	}
	tgt, okT := usableCodes(target, targetCodes, ids)
	if !okS || !okT {
		return nil, nil
	}
	return src, tgt
}

// ctypes12 gives the XLIFF 1.2 ctype of a code kind: the schema's own value
// where it has one, else "x-md-" + kind.
var ctypes12 = map[string]string{"bold": "bold", "italic": "italic", "link": "link", "image": "image"}

func ctype12(kind string) string {
	if t, ok := ctypes12[kind]; ok {
		return t
	}
	return "x-md-" + kind
}

// syntax12 is XLIFF 1.2: a paired code as <bpt>/<ept>, a standalone one as
// <ph>, each holding its Markdown markup as native code and as its
// equiv-text (which [Read] puts back in the text), and terms as <mrk
// mtype="term"> whose comment is the required translation.
type syntax12 struct{ terms []Term }

func (syntax12) text(s string) string { return escape12(s) }

func (syntax12) open(c *Code) string {
	return fmt.Sprintf(`<bpt id="c%d" ctype="%s" equiv-text="%s">%s</bpt>`, c.ID, ctype12(c.Kind), attrEscape(c.Open), escape12(c.Open))
}

func (syntax12) close(c *Code) string {
	return fmt.Sprintf(`<ept id="c%d" equiv-text="%s">%s</ept>`, c.ID, attrEscape(c.Close), escape12(c.Close))
}

func (syntax12) standalone(c *Code) string {
	return fmt.Sprintf(`<ph id="c%d" ctype="%s" equiv-text="%s">%s</ph>`, c.ID, ctype12(c.Kind), attrEscape(c.Open), escape12(c.Open))
}

func (x syntax12) openMark(m mark) string {
	return fmt.Sprintf(`<mrk mtype="term" mid="%s" comment="%s">`, m.id, attrEscape(x.terms[m.term].Target))
}

func (syntax12) closeMark() string { return "</mrk>" }

// escape12 escapes element content; XLIFF 1.2 has no <cp>, so characters
// XML cannot hold become U+FFFD.
func escape12(s string) string { return attrEscape(s) }

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
