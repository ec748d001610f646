package tm

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgDB is the driver of a memory in a PostgreSQL database.
type pgDB struct {
	pool *pgxpool.Pool
}

var _ driver = (*pgDB)(nil)

// postgresMigrations are [migrations] in PostgreSQL's dialect, version for
// version: the same tables, columns and keys. Append new ones (to both);
// never edit a released one. The keys begin with the source hash: lookups
// give a list of hashes (= ANY), which PostgreSQL's planner, without
// statistics on a freshly filled table, uses as an index condition only on
// an index's first column (else it filters every row of the pair).
var postgresMigrations = []string{
	// 1: machine and approved translations, and where each source was seen.
	`CREATE TABLE machine (
		id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		src_lang    TEXT NOT NULL,
		tgt_lang    TEXT NOT NULL,
		source_hash BYTEA NOT NULL, -- SHA-256 of the normalised source
		backend     TEXT NOT NULL,
		settings    TEXT NOT NULL,
		glossary    TEXT NOT NULL,
		source      TEXT NOT NULL,
		target      TEXT NOT NULL, -- after term repair
		mt          TEXT NOT NULL, -- raw backend output
		path        TEXT NOT NULL,
		segment_id  TEXT NOT NULL,
		created     BIGINT NOT NULL, -- Unix seconds
		updated     BIGINT NOT NULL,
		UNIQUE (source_hash, src_lang, tgt_lang, backend, settings, glossary)
	);
	CREATE TABLE approved (
		id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		src_lang    TEXT NOT NULL,
		tgt_lang    TEXT NOT NULL,
		source_hash BYTEA NOT NULL,
		source      TEXT NOT NULL,
		target      TEXT NOT NULL,
		mt          TEXT NOT NULL,
		machine     TEXT NOT NULL, -- the machine translation it replaced
		path        TEXT NOT NULL,
		segment_id  TEXT NOT NULL,
		created     BIGINT NOT NULL,
		updated     BIGINT NOT NULL,
		UNIQUE (source_hash, src_lang, tgt_lang)
	);
	CREATE TABLE occurrence (
		src_lang    TEXT NOT NULL,
		tgt_lang    TEXT NOT NULL,
		source_hash BYTEA NOT NULL,
		path        TEXT NOT NULL,
		sha256      TEXT NOT NULL, -- of the source file, '' when unknown
		segment_id  TEXT NOT NULL,
		seen        BIGINT NOT NULL,
		PRIMARY KEY (source_hash, src_lang, tgt_lang, path, sha256)
	);`,
	// 2: every approved translation ever made, the replaced ones included.
	`CREATE TABLE history (
		id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		src_lang    TEXT NOT NULL,
		tgt_lang    TEXT NOT NULL,
		source_hash BYTEA NOT NULL,
		source      TEXT NOT NULL,
		target      TEXT NOT NULL,
		path        TEXT NOT NULL,
		segment_id  TEXT NOT NULL,
		approved    BIGINT NOT NULL, -- Unix seconds
		UNIQUE (source_hash, src_lang, tgt_lang, approved, target)
	);
	INSERT INTO history (src_lang, tgt_lang, source_hash, source, target, path, segment_id, approved)
		SELECT src_lang, tgt_lang, source_hash, source, target, path, segment_id, updated FROM approved ORDER BY id;`,
	// 3: claims on sources being translated (see claim.go).
	`CREATE TABLE claim (
		key_hash BYTEA PRIMARY KEY, -- SHA-256 of the key and the source hash
		owner    TEXT NOT NULL,     -- the claim's random token
		expires  BIGINT NOT NULL    -- Unix milliseconds, by the server's clock
	);`,
	// 4: the words the backend did not know, one a line, shown again when a
	// translation comes from the memory.
	`ALTER TABLE machine ADD COLUMN unknown TEXT NOT NULL DEFAULT '';`,
	// 5: an approved translation's state and notes.
	`ALTER TABLE approved ADD COLUMN state TEXT NOT NULL DEFAULT '';
	ALTER TABLE approved ADD COLUMN note TEXT NOT NULL DEFAULT '';`,
}

// schemaLock is the advisory lock that makes openers migrate one at a time.
const schemaLock = 0x6469676c6f74 // "diglot"

// openPostgres connects to the database at u (whose password, if any,
// comes from the environment or .pgpass) and migrates it. configure, if
// not nil, may change the pool's settings first (tests count round trips).
func openPostgres(ctx context.Context, u *url.URL, configure ...func(*pgxpool.Config)) (*pgDB, error) {
	cfg, err := pgxpool.ParseConfig(u.String())
	if err != nil {
		return nil, err
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "diglot"
	}
	for _, c := range configure {
		c(cfg)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	d := &pgDB{pool: pool}
	if err := d.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return d, nil
}

func (d *pgDB) close() error {
	d.pool.Close()
	return nil
}

// migrate applies the migrations the database lacks, in one transaction
// holding [schemaLock], so that processes opening a new database at the
// same time apply each one once. The version is the one row of
// diglot_tm_schema.
func (d *pgDB) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(schemaLock)); err != nil {
			return fmt.Errorf("schema lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS diglot_tm_schema (version INTEGER NOT NULL)`); err != nil {
			return fmt.Errorf("schema version: %w", err)
		}
		var v int
		switch err := tx.QueryRow(ctx, `SELECT version FROM diglot_tm_schema`).Scan(&v); {
		case errors.Is(err, pgx.ErrNoRows):
			if _, err := tx.Exec(ctx, `INSERT INTO diglot_tm_schema VALUES (0)`); err != nil {
				return fmt.Errorf("schema version: %w", err)
			}
		case err != nil:
			return fmt.Errorf("schema version: %w", err)
		}
		if done, err := versionCheck(v); err != nil || done {
			return err
		}
		for ; v < len(postgresMigrations); v++ {
			if _, err := tx.Exec(ctx, postgresMigrations[v]); err != nil {
				return fmt.Errorf("migrate to schema %d: %w", v+1, err)
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE diglot_tm_schema SET version = $1`, v); err != nil {
			return fmt.Errorf("migrate to schema %d: %w", v, err)
		}
		return nil
	})
}

// pgLookup is the statement of lookup, the same for every batch so that
// pgx prepares it once per connection and each lookup is one round trip.
const pgLookup = `
	SELECT false, source_hash, target, mt, '', unknown, '', '' FROM machine
	WHERE src_lang = $1 AND tgt_lang = $2 AND backend = $3 AND settings = $4 AND glossary = $5
		AND source_hash = ANY($6)
	UNION ALL
	SELECT true, source_hash, target, mt, machine, '', state, note FROM approved
	WHERE src_lang = $1 AND tgt_lang = $2 AND source_hash = ANY($6)`

func (d *pgDB) lookup(ctx context.Context, k Key, hashes [][]byte) ([]lookupRow, error) {
	rows, err := d.pool.Query(ctx, pgLookup, k.From, k.To, k.Backend, k.Settings, k.Glossary, hashes)
	if err != nil {
		return nil, err
	}
	var out []lookupRow
	var r lookupRow
	_, err = pgx.ForEachRow(rows, []any{&r.approved, &r.hash, &r.target, &r.mt, &r.machine, &r.unknown, &r.state, &r.note}, func() error {
		out = append(out, r)
		r.hash = nil
		return nil
	})
	return out, err
}

func (d *pgDB) glossaries(ctx context.Context, k Key, hashes [][]byte) ([]glossaryRow, error) {
	rows, err := d.pool.Query(ctx, `SELECT source_hash, glossary FROM machine
		WHERE source_hash = ANY($5) AND src_lang = $1 AND tgt_lang = $2 AND backend = $3 AND settings = $4`,
		k.From, k.To, k.Backend, k.Settings, hashes)
	if err != nil {
		return nil, err
	}
	var out []glossaryRow
	var r glossaryRow
	_, err = pgx.ForEachRow(rows, []any{&r.hash, &r.glossary}, func() error {
		out = append(out, r)
		r.hash = nil
		return nil
	})
	return out, err
}

// write runs fn in a transaction, again (up to 5 times) when PostgreSQL
// ends it for a deadlock or a serialisation failure.
func (d *pgDB) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	var err error
	for try := range 5 {
		if err = pgx.BeginFunc(ctx, d.pool, fn); !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(try+1) * 10 * time.Millisecond):
		}
	}
	return err
}

// retryable reports whether err ends a transaction that may be run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

const (
	pgPutMachine = `INSERT INTO machine
		(src_lang, tgt_lang, source_hash, backend, settings, glossary, source, target, mt, unknown, path, segment_id, created, updated)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $13, $10, $11, $12, $12)
		ON CONFLICT (src_lang, tgt_lang, source_hash, backend, settings, glossary) DO UPDATE SET
			source = excluded.source, target = excluded.target, mt = excluded.mt, unknown = excluded.unknown,
			path = excluded.path, segment_id = excluded.segment_id, updated = excluded.updated`
	pgSeen = `INSERT INTO occurrence (src_lang, tgt_lang, source_hash, path, sha256, segment_id, seen)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (src_lang, tgt_lang, source_hash, path, sha256) DO UPDATE SET
			segment_id = excluded.segment_id, seen = excluded.seen`
)

// pgLockSources takes, in ascending order, the transaction's advisory
// locks on a sorted list of sources (see sourceLocks). Every write takes
// them before it touches a row, so that two writers of overlapping sources
// queue instead of deadlocking, whatever the order of their entries (which
// is the order the rows are stored and exported in).
const pgLockSources = `SELECT count(pg_advisory_xact_lock(l)) FROM (SELECT l FROM unnest($1::bigint[]) AS l ORDER BY l) AS s`

// sourceLocks returns the advisory lock ids of the sources of entries: the
// first 8 bytes of their hashes, sorted, without duplicates.
func sourceLocks(entries []Entry) []int64 {
	ls := make([]int64, 0, len(entries))
	for _, e := range entries {
		ls = append(ls, int64(binary.BigEndian.Uint64(sourceHash(e.Source))))
	}
	slices.Sort(ls)
	return slices.Compact(ls)
}

// put sends every row of the batch at once (one round trip besides BEGIN
// and COMMIT).
func (d *pgDB) put(ctx context.Context, k Key, entries []Entry, now int64) error {
	return d.write(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue(pgLockSources, sourceLocks(entries))
		for _, e := range entries {
			h := sourceHash(e.Source)
			b.Queue(pgPutMachine, k.From, k.To, h, k.Backend, k.Settings, k.Glossary, e.Source, e.Target, e.MT, e.Path, e.SegmentID, now, joinWords(e.Unknown))
			if e.Path != "" {
				b.Queue(pgSeen, k.From, k.To, h, e.Path, e.SHA256, e.SegmentID, now)
			}
		}
		return tx.SendBatch(ctx, b).Close()
	})
}

func (d *pgDB) approve(ctx context.Context, from, to string, entries []Entry, now int64) (int, error) {
	n := 0
	err := d.write(ctx, func(tx pgx.Tx) error {
		n = 0
		if _, err := tx.Exec(ctx, pgLockSources, sourceLocks(entries)); err != nil {
			return err
		}
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
// or changed. The approved row, when there is one, is locked first: of two
// editors approving the same source at once, the second waits for the
// first, then replaces its translation; both are in the history.
func (d *pgDB) approveOne(ctx context.Context, tx pgx.Tx, from, to string, e Entry, now int64) (bool, error) {
	h := sourceHash(e.Source)
	seen := func() error {
		if e.Path == "" {
			return nil
		}
		_, err := tx.Exec(ctx, pgSeen, from, to, h, e.Path, e.SHA256, e.SegmentID, now)
		return err
	}
	var old, oldState, oldNote string
	switch err := tx.QueryRow(ctx, `SELECT target, state, note FROM approved WHERE src_lang = $1 AND tgt_lang = $2 AND source_hash = $3 FOR UPDATE`,
		from, to, h).Scan(&old, &oldState, &oldNote); {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return false, err
	case old == e.Target && oldState == e.State && oldNote == joinNotes(e.Notes):
		return false, seen()
	}
	machine, mt := e.Machine, e.MT
	if machine == "" || mt == "" {
		var target, raw string
		err := tx.QueryRow(ctx, `SELECT target, mt FROM machine WHERE src_lang = $1 AND tgt_lang = $2 AND source_hash = $3
			ORDER BY updated DESC, id DESC LIMIT 1`, from, to, h).Scan(&target, &raw)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return false, err
		}
		machine, mt = machineFor(e, target, raw)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO approved
		(src_lang, tgt_lang, source_hash, source, target, mt, machine, path, segment_id, created, updated, state, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)
		ON CONFLICT (src_lang, tgt_lang, source_hash) DO UPDATE SET source = excluded.source, target = excluded.target,
			mt = CASE WHEN approved.mt = '' THEN excluded.mt ELSE approved.mt END,
			machine = CASE WHEN approved.machine = '' THEN excluded.machine ELSE approved.machine END,
			path = excluded.path, segment_id = excluded.segment_id, updated = excluded.updated,
			state = excluded.state, note = excluded.note`,
		from, to, h, e.Source, e.Target, mt, machine, e.Path, e.SegmentID, now, e.State, joinNotes(e.Notes)); err != nil {
		return false, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO history (src_lang, tgt_lang, source_hash, source, target, path, segment_id, approved)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
		from, to, h, e.Source, e.Target, e.Path, e.SegmentID, now); err != nil {
		return false, err
	}
	return true, seen()
}

func (d *pgDB) stats(ctx context.Context, s *Stats) (int64, error) {
	var updated int64
	b := &pgx.Batch{}
	b.Queue(`SELECT
		(SELECT count(*) FROM machine),
		(SELECT count(*) FROM approved),
		(SELECT count(*) FROM history),
		(SELECT count(DISTINCT path) FROM occurrence),
		coalesce(greatest((SELECT max(updated) FROM machine), (SELECT max(updated) FROM approved)), 0),
		pg_total_relation_size('machine') + pg_total_relation_size('approved') +
			pg_total_relation_size('history') + pg_total_relation_size('occurrence'),
		(SELECT version FROM diglot_tm_schema)`).QueryRow(func(r pgx.Row) error {
		return r.Scan(&s.Machine, &s.Approved, &s.History, &s.Articles, &updated, &s.SizeBytes, &s.Schema)
	})
	b.Queue(`SELECT src_lang || '-' || tgt_lang FROM machine
		UNION SELECT src_lang || '-' || tgt_lang FROM approved`).Query(func(rows pgx.Rows) error {
		var p string
		_, err := pgx.ForEachRow(rows, []any{&p}, func() error {
			s.Pairs = append(s.Pairs, p)
			return nil
		})
		return err
	})
	b.Queue(`SELECT backend, count(*) FROM machine GROUP BY backend`).Query(func(rows pgx.Rows) error {
		var name string
		var n int
		_, err := pgx.ForEachRow(rows, []any{&name, &n}, func() error {
			s.Backends[name] = n
			return nil
		})
		return err
	})
	if err := d.pool.SendBatch(ctx, b).Close(); err != nil {
		return 0, err
	}
	return updated, nil
}

// snapshot runs fn in a read-only transaction that sees the database as of
// one moment.
func (d *pgDB) snapshot(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginTxFunc(ctx, d.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
}

func (d *pgDB) export(ctx context.Context, opt ExportOptions, row func(*exportRow) error) error {
	return d.snapshot(ctx, func(tx pgx.Tx) error {
		each := func(q string) error {
			rows, err := tx.Query(ctx, q)
			if err != nil {
				return err
			}
			var e exportRow
			_, err = pgx.ForEachRow(rows, []any{&e.from, &e.to, &e.source, &e.target, &e.path, &e.segmentID,
				&e.props[0], &e.props[1], &e.props[2], &e.props[3], &e.props[4], &e.props[5], &e.created, &e.updated, &e.note}, func() error {
				c := e
				return row(&c)
			})
			return err
		}
		if !opt.MachineOnly {
			if err := each(`SELECT src_lang, tgt_lang, source, target, path, segment_id,
				'` + OriginApproved + `', '', '', '', machine, state, created, updated, note FROM approved ORDER BY id`); err != nil {
				return err
			}
		}
		if !opt.ApprovedOnly {
			return each(`SELECT src_lang, tgt_lang, source, target, path, segment_id,
				'` + OriginMachine + `', backend, settings, glossary, '', '', created, updated, '' FROM machine m` + supersededFilter(opt) + ` ORDER BY id`)
		}
		return nil
	})
}

// recall asks for every source at once: three queries in one round trip.
func (d *pgDB) recall(ctx context.Context, from, to string, sources []string) (map[string]*held, error) {
	byHash := map[string]*held{}
	norm := map[string]string{}
	var hashes [][]byte
	for _, s := range sources {
		h := sourceHash(s)
		if _, dup := byHash[string(h)]; !dup {
			byHash[string(h)] = &held{shas: map[string][]string{}}
			norm[string(h)] = Normalize(s)
			hashes = append(hashes, h)
		}
	}
	b := &pgx.Batch{}
	var hash []byte
	var text, sha string
	b.Queue(`SELECT source_hash, target FROM machine WHERE src_lang = $1 AND tgt_lang = $2 AND source_hash = ANY($3)`,
		from, to, hashes).Query(func(rows pgx.Rows) error {
		_, err := pgx.ForEachRow(rows, []any{&hash, &text}, func() error {
			h := byHash[string(hash)]
			h.machine = append(h.machine, text)
			return nil
		})
		return err
	})
	var state, note string
	b.Queue(`SELECT source_hash, target, state, note FROM approved WHERE src_lang = $1 AND tgt_lang = $2 AND source_hash = ANY($3)`,
		from, to, hashes).Query(func(rows pgx.Rows) error {
		_, err := pgx.ForEachRow(rows, []any{&hash, &text, &state, &note}, func() error {
			t := text
			h := byHash[string(hash)]
			h.approved, h.state, h.notes = &t, state, note
			return nil
		})
		return err
	})
	b.Queue(`SELECT source_hash, path, sha256 FROM occurrence WHERE src_lang = $1 AND tgt_lang = $2 AND source_hash = ANY($3)`,
		from, to, hashes).Query(func(rows pgx.Rows) error {
		_, err := pgx.ForEachRow(rows, []any{&hash, &text, &sha}, func() error {
			h := byHash[string(hash)]
			h.shas[text] = append(h.shas[text], sha)
			return nil
		})
		return err
	})
	if err := d.pool.SendBatch(ctx, b).Close(); err != nil {
		return nil, err
	}
	out := map[string]*held{}
	for k, h := range byHash {
		if h.machine != nil || h.approved != nil {
			out[norm[k]] = h
		}
	}
	return out, nil
}

func (d *pgDB) paragraphs(ctx context.Context, from, to string, probes [][]string, row func(source, target string) error) error {
	args := []any{from, to}
	var or []string
	for _, words := range probes {
		args = append(args, words[0]) // the longest word (see sqliteDB.paragraphs)
		or = append(or, fmt.Sprintf("strpos(source, $%d) > 0", len(args)))
	}
	rows, err := d.pool.Query(ctx, `SELECT source, target FROM machine WHERE src_lang = $1 AND tgt_lang = $2
		AND (`+strings.Join(or, " OR ")+`)`, args...)
	if err != nil {
		return err
	}
	var source, target string
	_, err = pgx.ForEachRow(rows, []any{&source, &target}, func() error { return row(source, target) })
	return err
}
