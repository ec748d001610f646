package tm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/diglot/diglot/tmx"
)

// ExportOptions selects what [Memory.Export] writes: everything by default.
type ExportOptions struct {
	ApprovedOnly bool // only editors' translations
	MachineOnly  bool // only machine translations
}

// Props [Memory.Export] sets besides [tmx.PropOrigin] ("approved" or "mt")
// and [tmx.PropBackend].
const (
	PropSettings = "x-diglot-settings" // the backend settings of a machine translation
	PropGlossary = "x-diglot-glossary" // the glossary fingerprint of a machine translation
	PropMachine  = "x-diglot-machine"  // the machine translation an approved one replaced
	PropState    = "x-diglot-state"    // the editor's state of an approved translation (see [State])
)

// exportProps are the props of an exported unit, in the order of
// exportRow.props.
var exportProps = [6]string{tmx.PropOrigin, tmx.PropBackend, PropSettings, PropGlossary, PropMachine, PropState}

// Origins written in [tmx.PropOrigin], as in bitext segments.
const (
	OriginApproved = "approved"
	OriginMachine  = "mt"
)

// Export writes the memory as TMX 1.4 for CAT tools: approved translations
// first, then machine ones, each in the order they were first stored. A
// machine translation an approved one replaced is left out (it is in the
// approved unit's [PropMachine]) unless opt.MachineOnly, so that a tool
// finds one translation per source, the editor's. A unit's tuid is
// "<source path>#<segment id>" where the memory knows them; its
// creationdate and changedate are when it was first stored and last
// changed; its creationid says who made it ("diglot-approved" for an
// editor's translation, "diglot-mt" for a machine one); its props say where
// it came from ([tmx.PropOrigin], [tmx.PropBackend], [PropSettings],
// [PropGlossary], [PropMachine], and for an approved one the editor's
// state, [PropState]); the notes kept with an approved translation are its
// <note> elements.
func (m *Memory) Export(ctx context.Context, w io.Writer, opt ExportOptions) error {
	if opt.ApprovedOnly && opt.MachineOnly {
		return errors.New("tm: export: approved-only and machine-only exclude each other")
	}
	doc := &tmx.Doc{Version: "1.4", AdminLang: "en", CreationTool: "diglot"}
	err := m.d.export(ctx, opt, func(r *exportRow) error {
		switch {
		case len(doc.Units) == 0:
			doc.SrcLang = r.from
		case doc.SrcLang != r.from:
			doc.SrcLang = "*all*"
		}
		tu := tmx.TU{
			Pos:      len(doc.Units) + 1,
			Props:    map[string]string{},
			Variants: []tmx.TUV{{Lang: r.from, Text: r.source}, {Lang: r.to, Text: r.target}},
		}
		if r.path != "" {
			tu.ID = r.path + "#" + r.segmentID
		}
		if r.created > 0 {
			tu.CreationDate = time.Unix(r.created, 0).UTC()
		}
		if r.updated > 0 {
			tu.ChangeDate = time.Unix(r.updated, 0).UTC()
		}
		tu.CreationID = "diglot-" + r.props[0]
		for i, name := range exportProps {
			if r.props[i] != "" {
				tu.Props[name] = r.props[i]
			}
		}
		tu.Notes = splitNotes(r.note)
		doc.Units = append(doc.Units, tu)
		return nil
	})
	if err != nil {
		return fmt.Errorf("tm: export: %w", err)
	}
	if err := tmx.Write(w, doc); err != nil {
		return fmt.Errorf("tm: export: %w", err)
	}
	return nil
}

// supersededFilter is the WHERE clause of the machine rows [Memory.Export]
// writes: those with no approved translation of their source and pair,
// unless opt.MachineOnly. The machine table is aliased m.
func supersededFilter(opt ExportOptions) string {
	if opt.MachineOnly {
		return ""
	}
	return ` WHERE NOT EXISTS (SELECT 1 FROM approved a WHERE a.src_lang = m.src_lang AND a.tgt_lang = m.tgt_lang AND a.source_hash = m.source_hash)`
}
