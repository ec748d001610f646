package output

import (
	"io"
	"slices"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/tmx"
)

// WriteTMX writes the translated segments of docs as TMX 1.4 (see
// [TMXDoc] and [tmx.Write]).
func WriteTMX(w io.Writer, docs ...*bitext.Document) error {
	return tmx.Write(w, TMXDoc(docs...))
}

// TMXDoc makes a TMX document of the translated segments of docs: one unit
// per segment with a non-empty target, code and table blocks skipped, with
// tuid "<source path>#<segment id>", the props [tmx.PropOrigin] and
// [tmx.PropBackend] when known, creationid "diglot-ORIGIN" ("diglot-mt",
// "diglot-approved"…), which CAT tools show beside a match, and Markdown
// inline markup as <bpt>/<ept> and <ph> codes (a target code with no source
// counterpart stays text). The source language is the documents' one,
// or "*all*" when they differ.
func TMXDoc(docs ...*bitext.Document) *tmx.Doc {
	d := &tmx.Doc{Version: "1.4", AdminLang: "en", CreationTool: "diglot"}
	for i, doc := range docs {
		switch {
		case i == 0:
			d.SrcLang = doc.Source.Lang
		case doc.Source.Lang != d.SrcLang:
			d.SrcLang = "*all*"
		}
		for _, s := range doc.Segments {
			if s.Target == "" || s.Kind == bitext.KindCode || s.Kind == bitext.KindTable {
				continue
			}
			tu := tmx.TU{
				ID:  doc.Source.Path + "#" + s.ID,
				Pos: len(d.Units) + 1,
				Variants: []tmx.TUV{
					{Lang: doc.Source.Lang, Text: s.Source, Markup: tmxCodes(s.Codes, nil)},
					{Lang: doc.Target.Lang, Text: s.Target, Markup: tmxCodes(s.TargetCodes, s.Codes)},
				},
			}
			if s.Origin != "" {
				tu.CreationID = "diglot-" + s.Origin
			}
			for k, v := range map[string]string{tmx.PropOrigin: s.Origin, tmx.PropBackend: doc.Backend.Name} {
				if v != "" {
					if tu.Props == nil {
						tu.Props = map[string]string{}
					}
					tu.Props[k] = v
				}
			}
			d.Units = append(d.Units, tu)
		}
	}
	return d
}

// tmxCodes converts inline codes for [tmx.Write]; with source, only the
// codes whose id the source has.
func tmxCodes(codes, source []bitext.Code) []tmx.Code {
	var out []tmx.Code
	for _, c := range codes {
		if source != nil && !slices.ContainsFunc(source, func(s bitext.Code) bool { return s.ID == c.ID }) {
			continue
		}
		out = append(out, tmx.Code{ID: c.ID, Kind: c.Kind, Start: c.Start, End: c.End, Open: c.Open, Close: c.Close})
	}
	return out
}
