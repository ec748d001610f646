package output

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/xliff"
)

// The values of [Options.XLIFFVersion].
const (
	XLIFF12     = "1.2"    // XLIFF 1.2, strict schema: what CAT tools read (the default)
	XLIFF21     = "2.1"    // XLIFF 2.1 with the Metadata and Glossary modules
	XLIFFOmegaT = "omegat" // XLIFF 1.2 with the source in <target>, for OmegaT 3.6 (see docs/cat.md)
)

// LookupXLIFFVersion checks a --xliff-version value: "" and "1.2" give
// [XLIFF12], "2.1" (or "2", "2.0") [XLIFF21], "omegat" [XLIFFOmegaT].
func LookupXLIFFVersion(v string) (string, error) {
	switch v {
	case "", XLIFF12:
		return XLIFF12, nil
	case XLIFF21, "2", "2.0":
		return XLIFF21, nil
	case XLIFFOmegaT:
		return XLIFFOmegaT, nil
	}
	return "", fmt.Errorf("unknown XLIFF version %q (want 1.2, 2.1 or omegat)", v)
}

// WriteXLIFF12 writes d as XLIFF 1.2 valid against the OASIS strict schema
// ([xliff.Write12] says how), with what [WriteXLIFF] records for XLIFF 2.1:
// diglot's metadata in context-groups, sentences as <mrk mtype="seg">,
// terms as <mrk mtype="term"> and notes, issues as notes from "diglot:RULE".
// The target state says where the target came from: a machine translation
// is "translated" with state-qualifier "leveraged-mt", a memory hit
// "leveraged-tm", an editor's approved translation "exact-match" and
// approved="yes", with the state the editor gave it (translated,
// signed-off for reviewed, final; "signed-off" when the memory does not
// know) and the notes kept with it. [bitext.Open] reads it back.
func WriteXLIFF12(w io.Writer, d *bitext.Document, opt xliff.Options12) error {
	return xliff.Write12(w, XLIFFDoc(d), opt)
}

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
		u.State, u.StateQualifier, u.Approved = State12(s.Origin)
		if s.Origin == "approved" {
			// The editor's own state, kept by the memory; approved with no
			// state is reviewed (1.2 signed-off).
			u.State2 = "reviewed"
			switch s.State {
			case "translated", "final":
				u.State, u.State2 = s.State, s.State
			case "reviewed":
				u.State = "signed-off"
			}
			for _, n := range s.Notes {
				u.Notes = append(u.Notes, xliff.Note{Text: n})
			}
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

// State12 returns the XLIFF 1.2 target state, state-qualifier and approved
// flag of a segment's origin.
func State12(origin string) (state, qualifier string, approved bool) {
	switch origin {
	case "approved":
		return "signed-off", "exact-match", true
	case "tm":
		return "translated", "leveraged-tm", false
	case "copy":
		return "final", "", false
	}
	return "translated", "leveraged-mt", false
}

// xliffCodes converts inline codes for [xliff.Write].
func xliffCodes(codes []bitext.Code) []xliff.Code {
	var out []xliff.Code
	for _, c := range codes {
		out = append(out, xliff.Code{ID: c.ID, Kind: c.Kind, Start: c.Start, End: c.End, Open: c.Open, Close: c.Close})
	}
	return out
}
