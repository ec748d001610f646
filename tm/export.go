package tm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

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
)

// Origins written in [tmx.PropOrigin], as in bitext segments.
const (
	OriginApproved = "approved"
	OriginMachine  = "mt"
)

// Export writes the memory as TMX 1.4: approved translations first, then
// machine ones, each in the order they were first stored. A unit's tuid is
// "<source path>#<segment id>" where the memory knows them, and its props
// say where it came from ([tmx.PropOrigin], [tmx.PropBackend],
// [PropSettings], [PropGlossary], [PropMachine]).
func (m *Memory) Export(ctx context.Context, w io.Writer, opt ExportOptions) error {
	if opt.ApprovedOnly && opt.MachineOnly {
		return errors.New("tm: export: approved-only and machine-only exclude each other")
	}
	doc := &tmx.Doc{Version: "1.4", AdminLang: "en", CreationTool: "diglot"}
	names := []string{tmx.PropOrigin, tmx.PropBackend, PropSettings, PropGlossary, PropMachine}
	add := func(r *sql.Rows) error {
		var from, to, source, target, path, id string
		props := make([]string, len(names))
		if err := r.Scan(&from, &to, &source, &target, &path, &id, &props[0], &props[1], &props[2], &props[3], &props[4]); err != nil {
			return err
		}
		switch {
		case len(doc.Units) == 0:
			doc.SrcLang = from
		case doc.SrcLang != from:
			doc.SrcLang = "*all*"
		}
		tu := tmx.TU{
			Pos:      len(doc.Units) + 1,
			Props:    map[string]string{},
			Variants: []tmx.TUV{{Lang: from, Text: source}, {Lang: to, Text: target}},
		}
		if path != "" {
			tu.ID = path + "#" + id
		}
		for i, name := range names {
			if props[i] != "" {
				tu.Props[name] = props[i]
			}
		}
		doc.Units = append(doc.Units, tu)
		return nil
	}
	// One read transaction: both tables as of the same moment.
	tx, err := m.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("tm: export: %w", err)
	}
	defer tx.Rollback()
	if !opt.MachineOnly {
		err = query(ctx, tx, add, `SELECT src_lang, tgt_lang, source, target, path, segment_id,
			'`+OriginApproved+`', '', '', '', machine FROM approved ORDER BY id`)
	}
	if err == nil && !opt.ApprovedOnly {
		err = query(ctx, tx, add, `SELECT src_lang, tgt_lang, source, target, path, segment_id,
			'`+OriginMachine+`', backend, settings, glossary, '' FROM machine ORDER BY id`)
	}
	if err != nil {
		return fmt.Errorf("tm: export: %w", err)
	}
	if err := tmx.Write(w, doc); err != nil {
		return fmt.Errorf("tm: export: %w", err)
	}
	return nil
}
