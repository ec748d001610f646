package xliff

import (
	"strconv"
	"strings"

	"github.com/diglot/diglot/bitext"
)

// Bitext converts the first <file> of f to a bitext document, for diglot diff
// and translation memory import. See [File.BitextOf].
func (f *File) Bitext() *bitext.Document {
	if len(f.Files) == 0 {
		return f.BitextOf(nil)
	}
	return f.BitextOf(&f.Files[0])
}

// BitextOf converts fe, one of f's files, to a bitext document: one segment
// per unit with the unit's text, and, where [Write] recorded them, the
// document's metadata, each segment's kind, origin, raw MT, sentences (from a
// unit's XLIFF segments), glossary terms and problems (from notes of
// category "diglot:RULE"). Units of files diglot did not write become
// paragraphs, or code blocks when translate="no".
func (f *File) BitextOf(fe *FileElem) *bitext.Document {
	d := &bitext.Document{Schema: bitext.Schema}
	d.Source.Lang, d.Target.Lang = f.SrcLang, f.TrgLang
	if fe == nil {
		return d
	}
	m := fe.Meta
	d.Source = bitext.Source{
		Path: m["source-path"], Lang: f.SrcLang, SHA256: m["source-sha256"], Title: m["source-title"],
		Format: m["source-format"], Encoding: m["source-encoding"],
	}
	if d.Source.Path == "" {
		d.Source.Path = fe.Original
	}
	d.Target.Title = m["target-title"]
	d.Backend = bitext.Backend{Name: m["backend"], Model: m["model"]}
	for i := range fe.Units {
		d.Segments = append(d.Segments, fe.Units[i].segment())
	}
	return d
}

// segment converts a unit to a bitext segment.
func (u *Unit) segment() bitext.Segment {
	m := u.Meta
	s := bitext.Segment{
		ID: u.ID, Kind: m["kind"], Source: u.Source, Target: u.Target,
		MT: m["mt"], Machine: m["machine"], Origin: m["origin"], Marker: m["marker"],
		Unknown: strings.Fields(m["unknown"]),
	}
	s.Line, _ = strconv.Atoi(m["line"])
	s.Level, _ = strconv.Atoi(m["level"])
	if s.Kind == "" {
		s.Kind = bitext.KindParagraph
		if !u.Translate {
			s.Kind = bitext.KindCode
		}
	}
	if len(u.Segments) > 1 {
		for _, g := range u.Segments {
			s.Sentences = append(s.Sentences, g.Source)
		}
	}
	at := 0
	for _, g := range u.Glossary {
		t := bitext.Term{Source: g.Term, Target: g.Translation, Entry: g.Entry, Variant: g.Variant}
		if i := strings.Index(u.Source[at:], g.Term); i >= 0 && g.Term != "" {
			t.Start, t.End = at+i, at+i+len(g.Term)
			at = t.End
		}
		s.Terms = append(s.Terms, t)
	}
	for _, n := range u.NoteInfo {
		rule, ok := strings.CutPrefix(n.Category, NotePrefix)
		if !ok {
			continue
		}
		sev := bitext.SeverityInfo
		switch {
		case n.Priority <= severityPriority[bitext.SeverityError]:
			sev = bitext.SeverityError
		case n.Priority <= severityPriority[bitext.SeverityWarning]:
			sev = bitext.SeverityWarning
		}
		s.Issues = append(s.Issues, bitext.Issue{Rule: rule, Severity: sev, Message: n.Text})
	}
	return s
}
