package tm

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
)

// Lookup returns one [Hit] per source, found[i] false when the memory has no
// translation of sources[i]. An approved translation of the same normalised
// source and language pair takes precedence over machine ones, whatever the
// backend, settings or glossary of k; otherwise the machine translation made
// under exactly k is used.
func (m *Memory) Lookup(ctx context.Context, k Key, sources []string) (hits []Hit, found []bool, err error) {
	hits, found = make([]Hit, len(sources)), make([]bool, len(sources))
	if len(sources) == 0 {
		return hits, found, nil
	}
	// One prepared query for the whole batch: the hashes go in as one JSON
	// array, so the statement, and SQLite's plan, never change.
	index := make(map[string][]int, len(sources))
	var list strings.Builder
	list.WriteByte('[')
	for i, s := range sources {
		h := string(sourceHash(s))
		if _, dup := index[h]; !dup {
			if len(index) > 0 {
				list.WriteByte(',')
			}
			list.WriteString(`"` + hex.EncodeToString([]byte(h)) + `"`)
		}
		index[h] = append(index[h], i)
	}
	list.WriteByte(']')
	from, to := lang(k.From), lang(k.To)

	// Machine and approved rows come in one query; an approved row wins.
	type row struct{ target, mt, machine string }
	machine, approved := map[string]row{}, map[string]row{}
	rows, err := m.lookup.QueryContext(ctx, from, to, k.Backend, k.Settings, k.Glossary, list.String())
	if err != nil {
		return nil, nil, fmt.Errorf("tm: lookup: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var isApproved bool
		var h []byte
		var r row
		if err := rows.Scan(&isApproved, &h, &r.target, &r.mt, &r.machine); err != nil {
			return nil, nil, fmt.Errorf("tm: lookup: %w", err)
		}
		if isApproved {
			approved[string(h)] = r
		} else {
			machine[string(h)] = r
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("tm: lookup: %w", err)
	}
	for h, is := range index {
		var hit Hit
		mt, hasMT := machine[h]
		switch a, ok := approved[h]; {
		case ok:
			hit = Hit{Target: a.target, MT: a.mt, Approved: true, Machine: a.machine}
			// What the approved translation replaces is, where this key
			// made one, its own machine translation; else the one it was
			// approved over.
			if hasMT {
				hit.Machine, hit.MT = mt.target, mt.mt
			}
		case hasMT:
			hit = Hit{Target: mt.target, MT: mt.mt}
		default:
			continue
		}
		for _, i := range is {
			hits[i], found[i] = hit, true
		}
	}
	return hits, found, nil
}

// lookupQuery is the statement of [Memory.Lookup]: the machine translations
// under a key and the approved ones for its pair, of a JSON array of
// hex-encoded source hashes.
const lookupQuery = `
	SELECT 0, source_hash, target, mt, '' FROM machine
	WHERE src_lang = ?1 AND tgt_lang = ?2 AND backend = ?3 AND settings = ?4 AND glossary = ?5
		AND source_hash IN (SELECT unhex(value) FROM json_each(?6))
	UNION ALL
	SELECT 1, source_hash, target, mt, machine FROM approved
	WHERE src_lang = ?1 AND tgt_lang = ?2
		AND source_hash IN (SELECT unhex(value) FROM json_each(?6))`

// querier is a *sql.DB or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// query runs a query and calls row for each result row.
func query(ctx context.Context, q querier, row func(*sql.Rows) error, text string, args ...any) error {
	rows, err := q.QueryContext(ctx, text, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Put stores machine translations made under k, in one transaction:
// either all of entries are stored or none. An entry replaces the one with
// the same key and normalised source.
func (m *Memory) Put(ctx context.Context, k Key, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	from, to := lang(k.From), lang(k.To)
	err := m.write(ctx, func(tx *sql.Tx, now int64) error {
		put, err := tx.PrepareContext(ctx, `INSERT INTO machine
			(src_lang, tgt_lang, source_hash, backend, settings, glossary, source, target, mt, path, segment_id, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET source = excluded.source, target = excluded.target, mt = excluded.mt,
				path = excluded.path, segment_id = excluded.segment_id, updated = excluded.updated`)
		if err != nil {
			return err
		}
		defer put.Close()
		for i, e := range entries {
			h := sourceHash(e.Source)
			if _, err := put.ExecContext(ctx, from, to, h, k.Backend, k.Settings, k.Glossary,
				e.Source, e.Target, e.MT, e.Path, e.SegmentID, now, now); err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
			if err := seen(ctx, tx, from, to, h, e, now); err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("tm: put: %w", err)
	}
	return nil
}

// Approve stores editors' translations for the pair from, to in one
// transaction and returns how many were new or changed. An approved
// translation is used for its source whatever the backend; it replaces an
// earlier approved one.
func (m *Memory) Approve(ctx context.Context, from, to string, entries []Entry) (int, error) {
	from, to = lang(from), lang(to)
	n := 0
	err := m.write(ctx, func(tx *sql.Tx, now int64) error {
		n = 0
		for i, e := range entries {
			changed, err := approve(ctx, tx, from, to, e, now)
			if err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
			if changed {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("tm: approve: %w", err)
	}
	return n, nil
}

// approve stores one approved translation and reports whether it was new
// or changed.
func approve(ctx context.Context, tx *sql.Tx, from, to string, e Entry, now int64) (bool, error) {
	h := sourceHash(e.Source)
	var old string
	switch err := tx.QueryRowContext(ctx, `SELECT target FROM approved WHERE src_lang = ? AND tgt_lang = ? AND source_hash = ?`,
		from, to, h).Scan(&old); {
	case err == sql.ErrNoRows:
	case err != nil:
		return false, err
	case old == e.Target:
		return false, seen(ctx, tx, from, to, h, e, now)
	}
	machine, mt := e.Machine, e.MT
	if machine == "" || mt == "" {
		var target, raw string
		err := tx.QueryRowContext(ctx, `SELECT target, mt FROM machine WHERE src_lang = ? AND tgt_lang = ? AND source_hash = ?
			ORDER BY updated DESC, id DESC LIMIT 1`, from, to, h).Scan(&target, &raw)
		if err != nil && err != sql.ErrNoRows {
			return false, err
		}
		machine, mt = cmp.Or(machine, target), cmp.Or(mt, raw)
	}
	// An approved translation that is replaced keeps the machine translation
	// it was first made from.
	if _, err := tx.ExecContext(ctx, `INSERT INTO approved
		(src_lang, tgt_lang, source_hash, source, target, mt, machine, path, segment_id, created, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET source = excluded.source, target = excluded.target,
			mt = CASE WHEN mt = '' THEN excluded.mt ELSE mt END,
			machine = CASE WHEN machine = '' THEN excluded.machine ELSE machine END,
			path = excluded.path, segment_id = excluded.segment_id, updated = excluded.updated`,
		from, to, h, e.Source, e.Target, mt, machine, e.Path, e.SegmentID, now, now); err != nil {
		return false, err
	}
	return true, seen(ctx, tx, from, to, h, e, now)
}

// seen records that e's source occurs in the article at e.Path.
func seen(ctx context.Context, tx *sql.Tx, from, to string, h []byte, e Entry, now int64) error {
	if e.Path == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO occurrence (src_lang, tgt_lang, source_hash, path, sha256, segment_id, seen)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET segment_id = excluded.segment_id, seen = excluded.seen`,
		from, to, h, e.Path, e.SHA256, e.SegmentID, now)
	return err
}

// write runs fn in a write transaction, committing when it returns nil.
func (m *Memory) write(ctx context.Context, fn func(tx *sql.Tx, now int64) error) error {
	tx, err := m.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx, m.now().Unix()); err != nil {
		return err
	}
	return tx.Commit()
}
