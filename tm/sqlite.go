package tm

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
)

// sqliteDB is the driver of a memory in an SQLite file.
type sqliteDB struct {
	db         *sql.DB
	lookupStmt *sql.Stmt // sqliteLookup, prepared once
	path       string
}

var _ driver = (*sqliteDB)(nil)

// openSQLite opens the memory in the file at path, creating the file and
// its folder if needed.
func openSQLite(path string) (*sqliteDB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("tm: %w", err)
		}
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("tm: open %s: %w", path, err)
	}
	d := &sqliteDB{db: db, path: path}
	err = d.migrate(context.Background())
	if err == nil {
		d.lookupStmt, err = db.Prepare(sqliteLookup)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("tm: open %s: %w", path, err)
	}
	return d, nil
}

// dsn is the driver's data source name for the file at path: a file: URI
// (so that any character of the path is escaped) with the pragmas every
// connection needs (see the package comment). Write transactions begin IMMEDIATE, taking the write
// lock at once so that the busy timeout applies to them.
func dsn(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), OmitHost: true}
	q := url.Values{"_pragma": {
		"busy_timeout(5000)",
		"journal_mode(WAL)",
		"synchronous(NORMAL)",
		"foreign_keys(1)",
		// Reads through a shared 64 MiB map rather than each connection's
		// own page cache: a third faster lookups, and bounded memory.
		"mmap_size(67108864)",
	}, "_txlock": {"immediate"}}
	return u.String() + "?" + q.Encode()
}

// close closes the file, first letting SQLite refresh its query planner
// statistics.
func (d *sqliteDB) close() error {
	_, err := d.db.Exec("PRAGMA optimize")
	return errors.Join(err, d.lookupStmt.Close(), d.db.Close())
}

// migrations bring the schema from version i to i+1 (PRAGMA user_version).
// Append new ones; never edit a released one. postgresMigrations holds the
// same schema for PostgreSQL, version for version.
var migrations = []string{
	// 1: machine and approved translations, and where each source was seen.
	`CREATE TABLE machine (
		id          INTEGER PRIMARY KEY,
		src_lang    TEXT NOT NULL,
		tgt_lang    TEXT NOT NULL,
		source_hash BLOB NOT NULL, -- SHA-256 of the normalised source
		backend     TEXT NOT NULL,
		settings    TEXT NOT NULL,
		glossary    TEXT NOT NULL,
		source      TEXT NOT NULL,
		target      TEXT NOT NULL, -- after term repair
		mt          TEXT NOT NULL, -- raw backend output
		path        TEXT NOT NULL,
		segment_id  TEXT NOT NULL,
		created     INTEGER NOT NULL, -- Unix seconds
		updated     INTEGER NOT NULL,
		UNIQUE (src_lang, tgt_lang, source_hash, backend, settings, glossary)
	);
	CREATE TABLE approved (
		id          INTEGER PRIMARY KEY,
		src_lang    TEXT NOT NULL,
		tgt_lang    TEXT NOT NULL,
		source_hash BLOB NOT NULL,
		source      TEXT NOT NULL,
		target      TEXT NOT NULL,
		mt          TEXT NOT NULL,
		machine     TEXT NOT NULL, -- the machine translation it replaced
		path        TEXT NOT NULL,
		segment_id  TEXT NOT NULL,
		created     INTEGER NOT NULL,
		updated     INTEGER NOT NULL,
		UNIQUE (src_lang, tgt_lang, source_hash)
	);
	CREATE TABLE occurrence (
		src_lang    TEXT NOT NULL,
		tgt_lang    TEXT NOT NULL,
		source_hash BLOB NOT NULL,
		path        TEXT NOT NULL,
		sha256      TEXT NOT NULL, -- of the source file, '' when unknown
		segment_id  TEXT NOT NULL,
		seen        INTEGER NOT NULL,
		PRIMARY KEY (src_lang, tgt_lang, source_hash, path, sha256)
	) WITHOUT ROWID;`,
	// 2: every approved translation ever made, the replaced ones included;
	// the approved ones so far are its first rows.
	`CREATE TABLE history (
		id          INTEGER PRIMARY KEY,
		src_lang    TEXT NOT NULL,
		tgt_lang    TEXT NOT NULL,
		source_hash BLOB NOT NULL,
		source      TEXT NOT NULL,
		target      TEXT NOT NULL,
		path        TEXT NOT NULL,
		segment_id  TEXT NOT NULL,
		approved    INTEGER NOT NULL, -- Unix seconds
		UNIQUE (src_lang, tgt_lang, source_hash, approved, target)
	);
	INSERT INTO history (src_lang, tgt_lang, source_hash, source, target, path, segment_id, approved)
		SELECT src_lang, tgt_lang, source_hash, source, target, path, segment_id, updated FROM approved ORDER BY id;`,
	// 3: claims on sources being translated, so that workers sharing the
	// memory send each once (see claim.go). Never copied: they live for
	// seconds.
	`CREATE TABLE claim (
		key_hash BLOB PRIMARY KEY, -- SHA-256 of the key and the source hash
		owner    TEXT NOT NULL,    -- the claim's random token
		expires  INTEGER NOT NULL  -- Unix milliseconds
	) WITHOUT ROWID;`,
	// 4: the words the backend did not know, one a line, shown again when a
	// translation comes from the memory.
	`ALTER TABLE machine ADD COLUMN unknown TEXT NOT NULL DEFAULT '';`,
	// 5: the state an editor gave an approved translation (translated,
	// reviewed or final: see [State]) and the notes on it, one a line, so
	// that they come back out in exports and a diglot-ignore note is
	// honoured by the next translate.
	`ALTER TABLE approved ADD COLUMN state TEXT NOT NULL DEFAULT '';
	ALTER TABLE approved ADD COLUMN note TEXT NOT NULL DEFAULT '';`,
}

// migrate applies the migrations the file lacks, each in a transaction
// that re-reads the version, so that processes opening a new file at the
// same time apply each one once.
func (d *sqliteDB) migrate(ctx context.Context) error {
	for {
		done, err := d.migrateOne(ctx)
		if err != nil || done {
			return err
		}
	}
}

func (d *sqliteDB) migrateOne(ctx context.Context) (done bool, err error) {
	var v int
	if err := d.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("schema version: %w", err)
	}
	if done, err := versionCheck(v); err != nil || done {
		return done, err
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("schema version: %w", err)
	}
	if v >= len(migrations) {
		return false, nil // another process migrated meanwhile; look again
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migrate to schema %d: %w", v+1, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, fmt.Errorf("migrate to schema %d: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate to schema %d: %w", v+1, err)
	}
	return false, nil
}

// versionCheck says whether a memory of schema v is up to date, and fails
// when it is newer than this diglot knows.
func versionCheck(v int) (done bool, err error) {
	switch {
	case v == len(migrations):
		return true, nil
	case v > len(migrations):
		return false, fmt.Errorf("schema version %d is newer than this diglot knows (%d): upgrade diglot", v, len(migrations))
	}
	return false, nil
}

// sqliteLookup is the statement of lookup: the machine translations under
// a key and the approved ones for its pair, of a JSON array of hex-encoded
// source hashes, so that the statement, and SQLite's plan, never change.
const sqliteLookup = `
	SELECT 0, source_hash, target, mt, '', unknown, '', '' FROM machine
	WHERE src_lang = ?1 AND tgt_lang = ?2 AND backend = ?3 AND settings = ?4 AND glossary = ?5
		AND source_hash IN (SELECT unhex(value) FROM json_each(?6))
	UNION ALL
	SELECT 1, source_hash, target, mt, machine, '', state, note FROM approved
	WHERE src_lang = ?1 AND tgt_lang = ?2
		AND source_hash IN (SELECT unhex(value) FROM json_each(?6))`

func (d *sqliteDB) lookup(ctx context.Context, k Key, hashes [][]byte) ([]lookupRow, error) {
	var out []lookupRow
	err := query(ctx, d.lookupStmt, func(r *sql.Rows) error {
		var row lookupRow
		if err := r.Scan(&row.approved, &row.hash, &row.target, &row.mt, &row.machine, &row.unknown, &row.state, &row.note); err != nil {
			return err
		}
		out = append(out, row)
		return nil
	}, "", k.From, k.To, k.Backend, k.Settings, k.Glossary, hexList(hashes))
	return out, err
}

func (d *sqliteDB) glossaries(ctx context.Context, k Key, hashes [][]byte) ([]glossaryRow, error) {
	var out []glossaryRow
	err := query(ctx, d.db, func(r *sql.Rows) error {
		var row glossaryRow
		if err := r.Scan(&row.hash, &row.glossary); err != nil {
			return err
		}
		out = append(out, row)
		return nil
	}, `SELECT source_hash, glossary FROM machine
		WHERE src_lang = ?1 AND tgt_lang = ?2 AND backend = ?3 AND settings = ?4
			AND source_hash IN (SELECT unhex(value) FROM json_each(?5))`,
		k.From, k.To, k.Backend, k.Settings, hexList(hashes))
	return out, err
}

// hexList is hashes as a JSON array of hex strings, for json_each.
func hexList(hashes [][]byte) string {
	var list strings.Builder
	list.WriteByte('[')
	for i, h := range hashes {
		if i > 0 {
			list.WriteByte(',')
		}
		list.WriteString(`"` + hex.EncodeToString(h) + `"`)
	}
	list.WriteByte(']')
	return list.String()
}

// querier is a *sql.DB or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// query runs a query (text on a querier, or a prepared *sql.Stmt, text
// unused) and calls row for each result row.
func query(ctx context.Context, q any, row func(*sql.Rows) error, text string, args ...any) error {
	var rows *sql.Rows
	var err error
	switch q := q.(type) {
	case *sql.Stmt:
		rows, err = q.QueryContext(ctx, args...)
	case querier:
		rows, err = q.QueryContext(ctx, text, args...)
	default:
		panic(fmt.Sprintf("tm: query on a %T", q))
	}
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

func (d *sqliteDB) put(ctx context.Context, k Key, entries []Entry, now int64) error {
	return d.write(ctx, func(tx *sql.Tx) error {
		put, err := tx.PrepareContext(ctx, `INSERT INTO machine
			(src_lang, tgt_lang, source_hash, backend, settings, glossary, source, target, mt, unknown, path, segment_id, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET source = excluded.source, target = excluded.target, mt = excluded.mt, unknown = excluded.unknown,
				path = excluded.path, segment_id = excluded.segment_id, updated = excluded.updated`)
		if err != nil {
			return err
		}
		defer put.Close()
		for i, e := range entries {
			h := sourceHash(e.Source)
			if _, err := put.ExecContext(ctx, k.From, k.To, h, k.Backend, k.Settings, k.Glossary,
				e.Source, e.Target, e.MT, joinWords(e.Unknown), e.Path, e.SegmentID, now, now); err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
			if err := d.seen(ctx, tx, k.From, k.To, h, e, now); err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
		}
		return nil
	})
}

func (d *sqliteDB) approve(ctx context.Context, from, to string, entries []Entry, now int64) (int, error) {
	n := 0
	err := d.write(ctx, func(tx *sql.Tx) error {
		n = 0
		for i, e := range entries {
			changed, err := d.approveOne(ctx, tx, from, to, e, now)
			if err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
			if changed {
				n++
			}
		}
		return nil
	})
	return n, err
}

// approveOne stores one approved translation and reports whether it was new
// or changed.
func (d *sqliteDB) approveOne(ctx context.Context, tx *sql.Tx, from, to string, e Entry, now int64) (bool, error) {
	h := sourceHash(e.Source)
	var old, oldState, oldNote string
	switch err := tx.QueryRowContext(ctx, `SELECT target, state, note FROM approved WHERE src_lang = ? AND tgt_lang = ? AND source_hash = ?`,
		from, to, h).Scan(&old, &oldState, &oldNote); {
	case err == sql.ErrNoRows:
	case err != nil:
		return false, err
	case old == e.Target && oldState == e.State && oldNote == joinNotes(e.Notes):
		return false, d.seen(ctx, tx, from, to, h, e, now)
	}
	machine, mt := e.Machine, e.MT
	if machine == "" || mt == "" {
		var target, raw string
		err := tx.QueryRowContext(ctx, `SELECT target, mt FROM machine WHERE src_lang = ? AND tgt_lang = ? AND source_hash = ?
			ORDER BY updated DESC, id DESC LIMIT 1`, from, to, h).Scan(&target, &raw)
		if err != nil && err != sql.ErrNoRows {
			return false, err
		}
		machine, mt = machineFor(e, target, raw)
	}
	// An approved translation that is replaced keeps the machine translation
	// it was first made from.
	if _, err := tx.ExecContext(ctx, `INSERT INTO approved
		(src_lang, tgt_lang, source_hash, source, target, mt, machine, path, segment_id, created, updated, state, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET source = excluded.source, target = excluded.target,
			mt = CASE WHEN mt = '' THEN excluded.mt ELSE mt END,
			machine = CASE WHEN machine = '' THEN excluded.machine ELSE machine END,
			path = excluded.path, segment_id = excluded.segment_id, updated = excluded.updated,
			state = excluded.state, note = excluded.note`,
		from, to, h, e.Source, e.Target, mt, machine, e.Path, e.SegmentID, now, now, e.State, joinNotes(e.Notes)); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO history (src_lang, tgt_lang, source_hash, source, target, path, segment_id, approved)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		from, to, h, e.Source, e.Target, e.Path, e.SegmentID, now); err != nil {
		return false, err
	}
	return true, d.seen(ctx, tx, from, to, h, e, now)
}

// seen records that e's source occurs in the article at e.Path.
func (d *sqliteDB) seen(ctx context.Context, tx *sql.Tx, from, to string, h []byte, e Entry, now int64) error {
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
func (d *sqliteDB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func (d *sqliteDB) stats(ctx context.Context, s *Stats) (int64, error) {
	var updated int64
	err := d.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM machine),
		(SELECT count(*) FROM approved),
		(SELECT count(*) FROM history),
		(SELECT count(DISTINCT path) FROM occurrence),
		coalesce(max((SELECT max(updated) FROM machine), (SELECT max(updated) FROM approved)), 0)`).
		Scan(&s.Machine, &s.Approved, &s.History, &s.Articles, &updated)
	if err == nil {
		err = d.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&s.Schema)
	}
	if err == nil {
		err = query(ctx, d.db, func(r *sql.Rows) error {
			var p string
			err := r.Scan(&p)
			s.Pairs = append(s.Pairs, p)
			return err
		}, `SELECT src_lang || '-' || tgt_lang FROM machine
			UNION SELECT src_lang || '-' || tgt_lang FROM approved ORDER BY 1`)
	}
	if err == nil {
		err = query(ctx, d.db, func(r *sql.Rows) error {
			var b string
			var n int
			err := r.Scan(&b, &n)
			s.Backends[b] = n
			return err
		}, `SELECT backend, count(*) FROM machine GROUP BY backend`)
	}
	if err != nil {
		return 0, err
	}
	for _, f := range []string{d.path, d.path + "-wal"} {
		if fi, err := os.Stat(f); err == nil {
			s.SizeBytes += fi.Size()
		}
	}
	return updated, nil
}

func (d *sqliteDB) export(ctx context.Context, opt ExportOptions, row func(*exportRow) error) error {
	add := func(r *sql.Rows) error {
		var e exportRow
		if err := r.Scan(&e.from, &e.to, &e.source, &e.target, &e.path, &e.segmentID,
			&e.props[0], &e.props[1], &e.props[2], &e.props[3], &e.props[4], &e.props[5], &e.created, &e.updated, &e.note); err != nil {
			return err
		}
		return row(&e)
	}
	// One read transaction: both tables as of the same moment.
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if !opt.MachineOnly {
		err = query(ctx, tx, add, `SELECT src_lang, tgt_lang, source, target, path, segment_id,
			'`+OriginApproved+`', '', '', '', machine, state, created, updated, note FROM approved ORDER BY id`)
	}
	if err == nil && !opt.ApprovedOnly {
		err = query(ctx, tx, add, `SELECT src_lang, tgt_lang, source, target, path, segment_id,
			'`+OriginMachine+`', backend, settings, glossary, '', '', created, updated, '' FROM machine m`+supersededFilter(opt)+` ORDER BY id`)
	}
	return err
}

func (d *sqliteDB) recall(ctx context.Context, from, to string, sources []string) (map[string]*held, error) {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := map[string]*held{}
	for _, s := range sources {
		ns := Normalize(s)
		if _, done := out[ns]; done {
			continue
		}
		h := &held{shas: map[string][]string{}}
		hash := sourceHash(s)
		err := query(ctx, tx, func(r *sql.Rows) error {
			var t string
			err := r.Scan(&t)
			h.machine = append(h.machine, t)
			return err
		}, `SELECT target FROM machine WHERE src_lang = ? AND tgt_lang = ? AND source_hash = ?`, from, to, hash)
		if err == nil {
			err = query(ctx, tx, func(r *sql.Rows) error {
				var t string
				err := r.Scan(&t, &h.state, &h.notes)
				h.approved = &t
				return err
			}, `SELECT target, state, note FROM approved WHERE src_lang = ? AND tgt_lang = ? AND source_hash = ?`, from, to, hash)
		}
		if err == nil {
			err = query(ctx, tx, func(r *sql.Rows) error {
				var path, sha string
				err := r.Scan(&path, &sha)
				h.shas[path] = append(h.shas[path], sha)
				return err
			}, `SELECT path, sha256 FROM occurrence WHERE src_lang = ? AND tgt_lang = ? AND source_hash = ?`, from, to, hash)
		}
		if err != nil {
			return nil, err
		}
		if h.machine != nil || h.approved != nil {
			out[ns] = h
		}
	}
	return out, nil
}

func (d *sqliteDB) paragraphs(ctx context.Context, from, to string, probes [][]string, row func(source, target string) error) error {
	args := []any{from, to}
	var or []string
	for _, words := range probes {
		// The longest word alone: each more instr costs more in the
		// scan than the caller's check of the others.
		args = append(args, words[0])
		or = append(or, fmt.Sprintf("instr(source, ?%d) > 0", len(args)))
	}
	return query(ctx, d.db, func(r *sql.Rows) error {
		var source, target string
		if err := r.Scan(&source, &target); err != nil {
			return err
		}
		return row(source, target)
	}, `SELECT source, target FROM machine WHERE src_lang = ?1 AND tgt_lang = ?2 AND (`+strings.Join(or, " OR ")+`)`, args...)
}

// SchemaVersion is the schema version this diglot writes: [Open] migrates
// an older memory to it and refuses a newer one.
func SchemaVersion() int { return len(migrations) }
