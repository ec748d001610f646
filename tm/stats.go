package tm

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"
)

// Stats describes what a memory holds.
type Stats struct {
	Path     string         `json:"path"`
	Schema   int            `json:"schema"`   // the schema version of the file
	Machine  int            `json:"machine"`  // machine translations
	Approved int            `json:"approved"` // editors' translations
	Pairs    []string       `json:"pairs"`    // language pairs as "fr-en", sorted
	Backends map[string]int `json:"backends"` // machine translations per backend
	Articles int            `json:"articles"` // distinct source paths seen
	// SizeBytes is the size on disk: the database file and its write-ahead log.
	SizeBytes int64     `json:"size_bytes"`
	Updated   time.Time `json:"updated,omitzero"` // the last write, zero when empty
}

// Stats counts what the memory holds.
func (m *Memory) Stats(ctx context.Context) (Stats, error) {
	s := Stats{Path: m.path, Backends: map[string]int{}, Pairs: []string{}}
	var updated int64
	err := m.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM machine),
		(SELECT count(*) FROM approved),
		(SELECT count(DISTINCT path) FROM occurrence),
		coalesce(max((SELECT max(updated) FROM machine), (SELECT max(updated) FROM approved)), 0)`).
		Scan(&s.Machine, &s.Approved, &s.Articles, &updated)
	if err == nil {
		err = m.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&s.Schema)
	}
	if err == nil {
		err = query(ctx, m.db, func(r *sql.Rows) error {
			var p string
			err := r.Scan(&p)
			s.Pairs = append(s.Pairs, p)
			return err
		}, `SELECT src_lang || '-' || tgt_lang FROM machine
			UNION SELECT src_lang || '-' || tgt_lang FROM approved ORDER BY 1`)
	}
	if err == nil {
		err = query(ctx, m.db, func(r *sql.Rows) error {
			var b string
			var n int
			err := r.Scan(&b, &n)
			s.Backends[b] = n
			return err
		}, `SELECT backend, count(*) FROM machine GROUP BY backend`)
	}
	if err != nil {
		return Stats{}, fmt.Errorf("tm: stats: %w", err)
	}
	if updated > 0 {
		s.Updated = time.Unix(updated, 0).UTC()
	}
	for _, f := range []string{m.path, m.path + "-wal"} {
		if fi, err := os.Stat(f); err == nil {
			s.SizeBytes += fi.Size()
		}
	}
	return s, nil
}
