package bitext

import (
	"strconv"
	"strings"

	"github.com/diglot/diglot/xliff"
)

// NotePriority returns the XLIFF note priority (1 is the highest) that
// records an issue of severity: 1 for errors, 3 for warnings, 5 otherwise.
// [SeverityOfPriority] reads it back.
func NotePriority(severity string) int {
	switch severity {
	case SeverityError:
		return 1
	case SeverityWarning:
		return 3
	}
	return 5
}

// SeverityOfPriority returns the severity of an issue recorded as an XLIFF
// note of priority p (see [NotePriority]); an absent priority (0) counts as
// the highest.
func SeverityOfPriority(p int) string {
	switch {
	case p <= NotePriority(SeverityError):
		return SeverityError
	case p <= NotePriority(SeverityWarning):
		return SeverityWarning
	}
	return SeverityInfo
}

// fromXLIFF converts fe, one of x's files, to a bitext document: one segment
// per unit with the unit's text, and, where diglot's writer recorded them,
// the document's metadata, each segment's kind, origin, raw MT, sentences
// (from a unit's XLIFF segments), glossary terms and problems (from notes of
// category "diglot:RULE"). Units of files diglot did not write become
// paragraphs, or code blocks when translate="no".
func fromXLIFF(x *xliff.File, fe *xliff.FileElem) *Document {
	m := fe.Meta
	d := &Document{Schema: Schema}
	d.Source = Source{
		Path: m["source-path"], Lang: x.SrcLang, SHA256: m["source-sha256"], Title: m["source-title"],
		Format: m["source-format"], Encoding: m["source-encoding"],
	}
	if d.Source.Path == "" {
		d.Source.Path = fe.Original
	}
	d.Target = Target{Lang: x.TrgLang, Title: m["target-title"]}
	d.Backend = Backend{Name: m["backend"], Model: m["model"]}
	for i := range fe.Units {
		d.Segments = append(d.Segments, segmentOf(&fe.Units[i]))
	}
	return d
}

// segmentOf converts a unit to a bitext segment.
func segmentOf(u *xliff.Unit) Segment {
	m := u.Meta
	s := Segment{
		ID: u.ID, Kind: m["kind"], Source: u.Source, Target: u.Target,
		MT: m["mt"], Machine: m["machine"], Origin: m["origin"], Marker: m["marker"],
		Unknown: strings.Fields(m["unknown"]),
	}
	s.Line, _ = strconv.Atoi(m["line"])
	s.Level, _ = strconv.Atoi(m["level"])
	if s.Kind == "" {
		s.Kind = KindParagraph
		if !u.Translate {
			s.Kind = KindCode
		}
	}
	if len(u.Segments) > 1 {
		for _, g := range u.Segments {
			s.Sentences = append(s.Sentences, g.Source)
		}
	}
	at := 0
	for _, g := range u.Glossary {
		t := Term{Source: g.Term, Target: g.Translation, Entry: g.Entry, Variant: g.Variant}
		if i := strings.Index(u.Source[at:], g.Term); i >= 0 && g.Term != "" {
			t.Start, t.End = at+i, at+i+len(g.Term)
			at = t.End
		}
		s.Terms = append(s.Terms, t)
	}
	for _, n := range u.NoteInfo {
		rule, ok := strings.CutPrefix(n.Category, xliff.NotePrefix)
		if !ok {
			continue
		}
		s.Issues = append(s.Issues, Issue{Rule: rule, Severity: SeverityOfPriority(n.Priority), Message: n.Text})
	}
	return s
}
