package tm

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// Stats describes what a memory holds.
type Stats struct {
	Path     string         `json:"path"`     // the file, or the PostgreSQL URL (without a password)
	Schema   int            `json:"schema"`   // the schema version of the memory
	Machine  int            `json:"machine"`  // machine translations
	Approved int            `json:"approved"` // editors' translations
	History  int            `json:"history"`  // approvals ever made, replaced ones included
	Pairs    []string       `json:"pairs"`    // language pairs as "fr-en", sorted
	Backends map[string]int `json:"backends"` // machine translations per backend
	Articles int            `json:"articles"` // distinct source paths seen
	// SizeBytes is the size on disk: the SQLite file and its write-ahead
	// log, or PostgreSQL's tables and their indexes.
	SizeBytes int64     `json:"size_bytes"`
	Updated   time.Time `json:"updated,omitzero"` // the last write, zero when empty
}

// Stats counts what the memory holds.
func (m *Memory) Stats(ctx context.Context) (Stats, error) {
	s := Stats{Path: m.location, Backends: map[string]int{}, Pairs: []string{}}
	updated, err := m.d.stats(ctx, &s)
	if err != nil {
		return Stats{}, fmt.Errorf("tm: stats: %w", err)
	}
	slices.Sort(s.Pairs)
	if updated > 0 {
		s.Updated = time.Unix(updated, 0).UTC()
	}
	return s, nil
}
