package tm

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// CopyReport counts the rows [Copy] read from the source memory.
type CopyReport struct {
	Machine, Approved, History, Occurrences int
}

// Copy copies everything src holds into dst, in one transaction of dst:
// machine and approved translations with their timestamps, the history of
// approvals and where each source was seen. Into an empty memory it is an
// exact copy (an export of either gives the same TMX). Into one that holds
// entries already, a row replaces the one with the same key only when it is
// newer, and histories are merged: copying twice changes nothing.
func Copy(ctx context.Context, dst, src *Memory) (CopyReport, error) {
	var rep CopyReport
	if dst.location == src.location {
		return rep, fmt.Errorf("tm: copy: %s onto itself", src.location)
	}
	err := dst.d.load(ctx, func(put func(*record) error) error {
		rep = CopyReport{}
		return src.d.dump(ctx, func(r *record) error {
			switch r.table {
			case "machine":
				rep.Machine++
			case "approved":
				rep.Approved++
			case "history":
				rep.History++
			case "occurrence":
				rep.Occurrences++
			}
			return put(r)
		})
	})
	if err != nil {
		return CopyReport{}, fmt.Errorf("tm: copy %s to %s: %w", src.location, dst.location, err)
	}
	return rep, nil
}

// record is one row of any table, as dump reads and load writes it; the
// columns a table lacks are empty. For history rows created and updated are
// the time of the approval; for occurrences, the time last seen.
type record struct {
	table                       string // machine, approved, history or occurrence
	from, to                    string
	hash                        []byte
	backend, settings, glossary string
	source, target, mt, machine string
	unknown                     string // machine rows: unknown words, one a line
	state, note                 string // approved rows: the editor's state and notes
	path, segmentID, sha256     string
	created, updated            int64
}

// dumpQueries read every table in the columns of record, in the same SQL
// for both drivers.
var dumpQueries = []string{
	`SELECT 'machine', src_lang, tgt_lang, source_hash, backend, settings, glossary, source, target, mt, '',
		path, segment_id, '', created, updated, unknown, '', '' FROM machine ORDER BY id`,
	`SELECT 'approved', src_lang, tgt_lang, source_hash, '', '', '', source, target, mt, machine,
		path, segment_id, '', created, updated, '', state, note FROM approved ORDER BY id`,
	`SELECT 'history', src_lang, tgt_lang, source_hash, '', '', '', source, target, '', '',
		path, segment_id, '', approved, approved, '', '', '' FROM history ORDER BY id`,
	`SELECT 'occurrence', src_lang, tgt_lang, source_hash, '', '', '', '', '', '', '',
		path, segment_id, sha256, seen, seen, '', '', '' FROM occurrence ORDER BY seen, path, segment_id`,
}

// fields are the scan targets of a dump row into r.
func (r *record) fields() []any {
	return []any{&r.table, &r.from, &r.to, &r.hash, &r.backend, &r.settings, &r.glossary,
		&r.source, &r.target, &r.mt, &r.machine, &r.path, &r.segmentID, &r.sha256, &r.created, &r.updated, &r.unknown, &r.state, &r.note}
}

// loadStatements store a record of each table, with ? placeholders
// (numbered for PostgreSQL by [dollars]); args gives their values.
var loadStatements = map[string]struct {
	sql  string
	args func(r *record) []any
}{
	"machine": {`INSERT INTO machine
		(src_lang, tgt_lang, source_hash, backend, settings, glossary, source, target, mt, unknown, path, segment_id, created, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (src_lang, tgt_lang, source_hash, backend, settings, glossary) DO UPDATE SET
			source = excluded.source, target = excluded.target, mt = excluded.mt, unknown = excluded.unknown,
			path = excluded.path, segment_id = excluded.segment_id, updated = excluded.updated
		WHERE excluded.updated > machine.updated`, func(r *record) []any {
		return []any{r.from, r.to, r.hash, r.backend, r.settings, r.glossary, r.source, r.target, r.mt, r.unknown, r.path, r.segmentID, r.created, r.updated}
	}},
	"approved": {`INSERT INTO approved
		(src_lang, tgt_lang, source_hash, source, target, mt, machine, path, segment_id, created, updated, state, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (src_lang, tgt_lang, source_hash) DO UPDATE SET source = excluded.source, target = excluded.target,
			mt = CASE WHEN approved.mt = '' THEN excluded.mt ELSE approved.mt END,
			machine = CASE WHEN approved.machine = '' THEN excluded.machine ELSE approved.machine END,
			path = excluded.path, segment_id = excluded.segment_id, updated = excluded.updated,
			state = excluded.state, note = excluded.note
		WHERE excluded.updated > approved.updated`, func(r *record) []any {
		return []any{r.from, r.to, r.hash, r.source, r.target, r.mt, r.machine, r.path, r.segmentID, r.created, r.updated, r.state, r.note}
	}},
	"history": {`INSERT INTO history (src_lang, tgt_lang, source_hash, source, target, path, segment_id, approved)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, func(r *record) []any {
		return []any{r.from, r.to, r.hash, r.source, r.target, r.path, r.segmentID, r.updated}
	}},
	"occurrence": {`INSERT INTO occurrence (src_lang, tgt_lang, source_hash, path, sha256, segment_id, seen)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (src_lang, tgt_lang, source_hash, path, sha256) DO UPDATE SET
			segment_id = excluded.segment_id, seen = excluded.seen
		WHERE excluded.seen > occurrence.seen`, func(r *record) []any {
		return []any{r.from, r.to, r.hash, r.path, r.sha256, r.segmentID, r.updated}
	}},
}

// dollars numbers the ? placeholders of q as PostgreSQL's $1, $2…
func dollars(q string) string {
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (d *sqliteDB) dump(ctx context.Context, put func(*record) error) error {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range dumpQueries {
		var r record
		if err := query(ctx, tx, func(rows *sql.Rows) error {
			if err := rows.Scan(r.fields()...); err != nil {
				return err
			}
			return put(&r)
		}, q); err != nil {
			return err
		}
	}
	return nil
}

func (d *sqliteDB) load(ctx context.Context, fill func(put func(*record) error) error) error {
	return d.write(ctx, func(tx *sql.Tx) error {
		stmts := map[string]*sql.Stmt{}
		defer func() {
			for _, s := range stmts {
				s.Close()
			}
		}()
		return fill(func(r *record) error {
			ls, ok := loadStatements[r.table]
			if !ok {
				return fmt.Errorf("no table %q", r.table)
			}
			s := stmts[r.table]
			if s == nil {
				var err error
				if s, err = tx.PrepareContext(ctx, ls.sql); err != nil {
					return err
				}
				stmts[r.table] = s
			}
			_, err := s.ExecContext(ctx, ls.args(r)...)
			return err
		})
	})
}

func (d *pgDB) dump(ctx context.Context, put func(*record) error) error {
	return d.snapshot(ctx, func(tx pgx.Tx) error {
		for _, q := range dumpQueries {
			rows, err := tx.Query(ctx, q)
			if err != nil {
				return err
			}
			var r record
			if _, err := pgx.ForEachRow(rows, r.fields(), func() error { return put(&r) }); err != nil {
				return err
			}
		}
		return nil
	})
}

// pgLoadBatch is how many records go to the server in one round trip.
const pgLoadBatch = 500

func (d *pgDB) load(ctx context.Context, fill func(put func(*record) error) error) error {
	return d.write(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		send := func() error {
			if b.Len() == 0 {
				return nil
			}
			err := tx.SendBatch(ctx, b).Close()
			b = &pgx.Batch{}
			return err
		}
		err := fill(func(r *record) error {
			ls, ok := loadStatements[r.table]
			if !ok {
				return fmt.Errorf("no table %q", r.table)
			}
			b.Queue(dollars(ls.sql), ls.args(r)...)
			if b.Len() >= pgLoadBatch {
				return send()
			}
			return nil
		})
		if err != nil {
			return err
		}
		return send()
	})
}
