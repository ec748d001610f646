package tm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
)

// DefaultPath is where diglot keeps the memory when --tm is not given,
// relative to the working directory.
const DefaultPath = ".diglot/tm.db"

// Key says which machine translations are interchangeable: same backend and
// settings (model, formality…: the caller passes a canonical string), same
// language pair, same glossary (glossary.Glossary.Fingerprint(), "" without
// one).
type Key struct {
	Backend, Settings, From, To, Glossary string
}

// Hit is a translation found in the memory.
type Hit struct {
	Target   string // the translation to use (approved if there is one, else machine)
	MT       string // the raw machine output stored with it (before term repair)
	Approved bool   // an editor's translation
	Machine  string // when Approved: the machine translation it replaces (under the key if any), if known
}

// Entry is a translation to store.
type Entry struct {
	Source, Target, MT string
	Path, SegmentID    string // where it came from, for export and reports
	// SHA256 is the SHA-256 of the source file the segment was read from
	// (bitext Source.SHA256), if known: [Memory.Import] refuses an XLIFF
	// file of the same path whose checksum the memory never saw.
	SHA256 string
	// Machine is, for [Memory.Approve], the machine translation the editor
	// replaced; when empty, the memory's own machine translation of the
	// source (for the pair) is recorded.
	Machine string
}

// Memory is a translation memory in an SQLite file. Its methods are safe for
// concurrent use, and several processes may use the same file: readers
// never wait for writers, and writers queue (for up to 5 s each).
type Memory struct {
	db     *sql.DB
	lookup *sql.Stmt // lookupQuery, prepared once
	path   string
	now    func() time.Time
}

// Open opens the memory in the file at path, creating the file and its
// folder if needed and bringing an older schema up to date. It fails on a
// file written by a newer diglot.
func Open(path string) (*Memory, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("tm: %w", err)
		}
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("tm: open %s: %w", path, err)
	}
	m := &Memory{db: db, path: path, now: time.Now}
	err = m.migrate(context.Background())
	if err == nil {
		m.lookup, err = db.Prepare(lookupQuery)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("tm: open %s: %w", path, err)
	}
	return m, nil
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

// Path returns the file the memory lives in.
func (m *Memory) Path() string { return m.path }

// Close closes the memory, first letting SQLite refresh its query planner
// statistics.
func (m *Memory) Close() error {
	_, err := m.db.Exec("PRAGMA optimize")
	return errors.Join(err, m.lookup.Close(), m.db.Close())
}

// migrations bring the schema from version i to i+1 (PRAGMA user_version).
// Append new ones; never edit a released one.
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
}

// migrate applies the migrations the file lacks, each in a transaction
// that re-reads the version, so that processes opening a new file at the
// same time apply each one once.
func (m *Memory) migrate(ctx context.Context) error {
	for {
		done, err := m.migrateOne(ctx)
		if err != nil || done {
			return err
		}
	}
}

func (m *Memory) migrateOne(ctx context.Context) (done bool, err error) {
	var v int
	if err := m.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("schema version: %w", err)
	}
	switch {
	case v == len(migrations):
		return true, nil
	case v > len(migrations):
		return false, fmt.Errorf("schema version %d is newer than this diglot knows (%d): upgrade diglot", v, len(migrations))
	}
	tx, err := m.db.BeginTx(ctx, nil)
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
