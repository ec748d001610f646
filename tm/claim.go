package tm

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Claim marks sources as being translated under k by the caller, so that
// other workers sharing the memory (shards on other machines, other
// articles of the same run) wait for the translation rather than send the
// same text too. mine[i] is true when the caller now holds sources[i]: no
// one else held a live claim on it (several equal sources share one
// claim). release ends the caller's claims; call it once the translations
// are stored (or have failed).
//
// A claim lives for lease and is renewed every third of it until release
// is called, the memory is closed, or a renewal fails: the claim of a
// worker that crashed lapses within lease, and another worker then gets
// it, while a live worker held up (behind a backend's quota) keeps its
// claims however long it takes.
//
// The claims are one table of the memory: on SQLite, one write transaction
// by the local clock; on PostgreSQL, one statement by the server's clock,
// taking the rows in one order so that concurrent claimers never deadlock.
func (m *Memory) Claim(ctx context.Context, k Key, sources []string, lease time.Duration) (mine []bool, release func(), err error) {
	mine = make([]bool, len(sources))
	if len(sources) == 0 {
		return mine, func() {}, nil
	}
	owner := newOwner()
	k = normKey(k)
	keys := make([][]byte, len(sources))
	for i, s := range sources {
		keys[i] = claimKey(k, s)
	}
	uniq := slices.Clone(keys)
	slices.SortFunc(uniq, func(a, b []byte) int { return strings.Compare(string(a), string(b)) })
	uniq = slices.CompactFunc(uniq, func(a, b []byte) bool { return string(a) == string(b) })
	leaseMS := max(lease.Milliseconds(), 1)
	got, err := m.d.claim(ctx, owner, uniq, leaseMS)
	if err != nil {
		return nil, nil, fmt.Errorf("tm: claim: %w", err)
	}
	held := make(map[string]bool, len(got))
	for _, g := range got {
		held[string(g)] = true
	}
	for i, key := range keys {
		mine[i] = held[string(key)]
	}
	if len(got) == 0 {
		return mine, func() {}, nil
	}
	// Not the caller's context: a cancelled run still lets go of its
	// claims, so that the other workers need not wait out the lease.
	bg := context.WithoutCancel(ctx)
	done := make(chan struct{})
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		tick := time.NewTicker(max(lease/3, time.Millisecond))
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-m.closed:
				return
			case <-tick.C:
				ctx, cancel := context.WithTimeout(bg, max(lease/3, time.Second))
				err := m.d.renew(ctx, owner, leaseMS)
				cancel()
				if err != nil {
					return // the claims lapse: at worst a paragraph is sent twice
				}
			}
		}
	}()
	var once sync.Once
	return mine, func() {
		once.Do(func() {
			close(done)
			<-renewed
			ctx, cancel := context.WithTimeout(bg, 5*time.Second)
			defer cancel()
			_ = m.d.release(ctx, owner) // a claim not released lapses
		})
	}, nil
}

// claimKey is what a claim is on: the key and the normalised source.
func claimKey(k Key, source string) []byte {
	h := sha256.New()
	for _, f := range []string{k.Backend, k.Settings, k.From, k.To, k.Glossary} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	h.Write(sourceHash(source))
	return h.Sum(nil)
}

func newOwner() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// claim takes, in one transaction, the rows of keys that are free or whose
// claim has lapsed, and returns the keys now owner's.
func (d *sqliteDB) claim(ctx context.Context, owner string, keys [][]byte, leaseMS int64) ([][]byte, error) {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := time.Now().UnixMilli()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO claim (key_hash, owner, expires) VALUES (?, ?, ?)
		ON CONFLICT (key_hash) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
		WHERE claim.expires < ?`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	for _, k := range keys {
		if _, err := stmt.ExecContext(ctx, k, owner, now+leaseMS, now); err != nil {
			return nil, err
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT key_hash FROM claim WHERE owner = ?`, owner)
	if err != nil {
		return nil, err
	}
	var got [][]byte
	for rows.Next() {
		var k []byte
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return nil, err
		}
		got = append(got, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return got, tx.Commit()
}

func (d *sqliteDB) renew(ctx context.Context, owner string, leaseMS int64) error {
	_, err := d.db.ExecContext(ctx, `UPDATE claim SET expires = ? WHERE owner = ?`, time.Now().UnixMilli()+leaseMS, owner)
	return err
}

func (d *sqliteDB) release(ctx context.Context, owner string) error {
	_, err := d.db.ExecContext(ctx, `DELETE FROM claim WHERE owner = ?`, owner)
	return err
}

// pgClaim takes the free or lapsed rows of a sorted list of keys in one
// statement. The rows are taken in the list's order, the same for every
// claimer, so that two claimers of overlapping keys queue rather than
// deadlock; the time is the server's, the same for every machine.
const pgClaim = `
	INSERT INTO claim (key_hash, owner, expires)
	SELECT k, $2, (extract(epoch FROM clock_timestamp()) * 1000)::bigint + $3
	FROM unnest($1::bytea[]) WITH ORDINALITY AS u(k, n) ORDER BY n
	ON CONFLICT (key_hash) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
	WHERE claim.expires < (extract(epoch FROM clock_timestamp()) * 1000)::bigint
	RETURNING key_hash`

func (d *pgDB) claim(ctx context.Context, owner string, keys [][]byte, leaseMS int64) ([][]byte, error) {
	var got [][]byte
	err := d.write(ctx, func(tx pgx.Tx) error {
		got = got[:0]
		rows, err := tx.Query(ctx, pgClaim, keys, owner, leaseMS)
		if err != nil {
			return err
		}
		var k []byte
		_, err = pgx.ForEachRow(rows, []any{&k}, func() error {
			got = append(got, slices.Clone(k))
			return nil
		})
		return err
	})
	return got, err
}

// renew and release write in a transaction retried on a deadlock: their
// rows are not taken in the claimers' order.
func (d *pgDB) renew(ctx context.Context, owner string, leaseMS int64) error {
	return d.write(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE claim SET expires = (extract(epoch FROM clock_timestamp()) * 1000)::bigint + $2
			WHERE owner = $1`, owner, leaseMS)
		return err
	})
}

func (d *pgDB) release(ctx context.Context, owner string) error {
	return d.write(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM claim WHERE owner = $1`, owner)
		return err
	})
}
