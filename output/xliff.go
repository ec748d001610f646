package output

import (
	"io"
	"strconv"
	"strings"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/xliff"
)

// WriteXLIFF writes d as XLIFF 2.1 for CAT tools ([xliff.Write] says how):
// the document's metadata (schema, source path and SHA-256, backend, model…)
// on the file, one unit per segment (translate="no" for code and table
// blocks) with its kind, origin, raw MT and place as unit metadata, its
// sentences as XLIFF segments, its terms in the Glossary module and its
// issues as notes of category "diglot:RULE" with the priority
// [bitext.NotePriority] gives, and the Markdown inline markup of a .md
// article as <pc>/<ph> codes. [bitext.Open] reads the file back into the
// same document (the markup back in the text, from the codes' equivalents).
func WriteXLIFF(w io.Writer, d *bitext.Document) error {
	return xliff.Write(w, XLIFFDoc(d))
}

// XLIFFDoc converts d to what [xliff.Write] writes.
func XLIFFDoc(d *bitext.Document) *xliff.Doc {
	x := &xliff.Doc{
		SrcLang: d.Source.Lang, TrgLang: d.Target.Lang, Original: d.Source.Path,
		Meta: []xliff.Meta{
			{Type: "schema", Value: d.Schema},
			{Type: "source-path", Value: d.Source.Path},
			{Type: "source-sha256", Value: d.Source.SHA256},
			{Type: "source-title", Value: d.Source.Title},
			{Type: "source-format", Value: d.Source.Format},
			{Type: "source-encoding", Value: d.Source.Encoding},
			{Type: "target-title", Value: d.Target.Title},
			{Type: "backend", Value: d.Backend.Name},
			{Type: "model", Value: d.Backend.Model},
		},
	}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	for _, s := range d.Segments {
		u := xliff.DocUnit{
			ID: s.ID, NoTranslate: s.Kind == bitext.KindCode || s.Kind == bitext.KindTable,
			Meta: []xliff.Meta{
				{Type: "kind", Value: s.Kind},
				{Type: "origin", Value: s.Origin},
				{Type: "mt", Value: s.MT},
				{Type: "machine", Value: s.Machine},
				{Type: "line", Value: num(s.Line)},
				{Type: "level", Value: num(s.Level)},
				{Type: "marker", Value: s.Marker},
				{Type: "unknown", Value: strings.Join(s.Unknown, " ")},
			},
			Source: s.Source, Target: s.Target, Sentences: s.Sentences,
			SourceCodes: xliffCodes(s.Codes), TargetCodes: xliffCodes(s.TargetCodes),
		}
		for _, t := range s.Terms {
			u.Terms = append(u.Terms, xliff.Term{Source: t.Source, Target: t.Target, Entry: t.Entry, Start: t.Start, End: t.End, Variant: t.Variant})
		}
		for _, is := range s.Issues {
			u.Notes = append(u.Notes, xliff.Note{Category: xliff.NotePrefix + is.Rule, Priority: bitext.NotePriority(is.Severity), Text: is.Message})
		}
		x.Units = append(x.Units, u)
	}
	return x
}

// xliffCodes converts inline codes for [xliff.Write].
func xliffCodes(codes []bitext.Code) []xliff.Code {
	var out []xliff.Code
	for _, c := range codes {
		out = append(out, xliff.Code{ID: c.ID, Kind: c.Kind, Start: c.Start, End: c.End, Open: c.Open, Close: c.Close})
	}
	return out
}
