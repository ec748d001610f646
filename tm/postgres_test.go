package tm

import (
	"bytes"
	"context"
	"net"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/diglot/diglot/tm/pgtest"
)

func TestPasswordInLocation(t *testing.T) {
	const secret = "s3cr3t-Pa55"
	for _, loc := range []string{
		"postgres://alice:" + secret + "@db.example:5432/tm",
		"postgresql://alice:" + secret + "@db.example/tm?sslmode=require",
		"postgres://alice@db.example/tm?password=" + secret,
		"POSTGRES://alice:" + secret + "@db.example/tm",
	} {
		t.Run(loc, func(t *testing.T) {
			m, err := Open(loc)
			if err == nil {
				m.Close()
				t.Fatal("opened")
			}
			if strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "PGPASSWORD") {
				t.Errorf("error %q shows the password or gives no hint", err)
			}
			if !strings.Contains(err.Error(), "alice@db.example") {
				t.Errorf("error %q does not say which database", err)
			}
		})
	}
	// Not a URL: the message must not quote it.
	if _, err := Open("postgres://alice:" + secret + "@[::1"); err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("bad URL: %v", err)
	}
}

// TestPostgresPassword gets the password from PGPASSWORD alone, and shows
// a wrong one nowhere.
func TestPostgresPassword(t *testing.T) {
	loc := pgtest.URL(t)
	t.Setenv("PGPASSFILE", "/nonexistent")
	t.Setenv("PGPASSWORD", pgtest.Password())
	m, err := Open(loc)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.Path(), pgtest.Password()) {
		t.Errorf("path %q holds the password", m.Path())
	}
	s, err := m.Stats(ctx)
	if err != nil || strings.Contains(s.Path, pgtest.Password()) {
		t.Errorf("stats path %q, %v", s.Path, err)
	}
	m.Close()
	const wrong = "not-the-Pa55word"
	t.Setenv("PGPASSWORD", wrong)
	if m, err := Open(loc); err == nil {
		m.Close()
		t.Fatal("opened with a wrong password")
	} else if strings.Contains(err.Error(), wrong) {
		t.Errorf("error %q shows the password", err)
	}
}

// countingConn counts the writes of a connection: pgx writes a whole
// request (a query's Bind, Execute and Sync, or a batch) at once, so each
// write is a round trip.
type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(b []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(b)
}

// TestPostgresLookupRoundTrips looks up a 20-paragraph article: one round
// trip to the server, however many sources.
func TestPostgresLookupRoundTrips(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	var writes atomic.Int64
	d, err := openPostgres(ctx, u, func(c *pgxpool.Config) {
		c.MaxConns = 1
		dial := c.ConnConfig.DialFunc
		c.ConnConfig.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := dial(ctx, network, addr)
			return countingConn{conn, &writes}, err
		}
		c.ShouldPing = func(context.Context, pgxpool.ShouldPingParams) bool { return false }
	})
	if err != nil {
		t.Fatal(err)
	}
	m := newMemory(d, u.String())
	defer m.Close()
	var sources []string
	for a := range 3 {
		es := articleEntries(a)
		put(t, m, apKey, es...)
		for _, e := range es {
			sources = append(sources, e.Source)
		}
	}
	if _, err := m.Approve(ctx, "fr", "en", []Entry{{Source: sources[3], Target: "Approved."}}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 20, 60} {
		lookup(t, m, apKey, sources[:n]...) // the first prepares the statement
		before := writes.Load()
		hits, found := lookup(t, m, apKey, sources[:n]...)
		if got := writes.Load() - before; got != 1 {
			t.Errorf("lookup of %d sources: %d round trips, want 1", n, got)
		}
		if !found[n-1] || (n > 3 && !hits[3].Approved) {
			t.Errorf("lookup of %d sources: found %v, hits %+v", n, found, hits)
		}
	}
	before := writes.Load()
	put(t, m, apKey, articleEntries(9)...)
	if got := writes.Load() - before; got > 3 {
		t.Errorf("put of 20 entries: %d round trips, want 3 (begin, the batch, commit)", got)
	}
}

func TestCopy(t *testing.T) {
	src := openTemp(t)
	put(t, src, apKey, sample...)
	put(t, src, dlKey, Entry{Source: sample[0].Source, Target: "DeepL's.", MT: "DeepL's raw.", Path: "b.txt", SegmentID: "p9"})
	for _, target := range []string{"Alice's.", "Bob's."} {
		if _, err := src.Approve(ctx, "fr", "en", []Entry{{Source: sample[0].Source, Target: target, Path: "a.txt", SegmentID: "p1"}}); err != nil {
			t.Fatal(err)
		}
		src.now = func() time.Time { return time.Now().Add(time.Second) } // a later second
	}
	pg := openLocation(t, pgtest.URL(t))
	back := openTemp(t)
	for _, step := range []struct {
		name     string
		dst, src *Memory
	}{{"sqlite to postgres", pg, src}, {"postgres to sqlite", back, pg}, {"again: nothing changes", pg, src}} {
		t.Run(step.name, func(t *testing.T) {
			rep, err := Copy(ctx, step.dst, step.src)
			if err != nil {
				t.Fatal(err)
			}
			if want := (CopyReport{Machine: 3, Approved: 1, History: 2, Occurrences: 4}); rep != want {
				t.Errorf("report %+v, want %+v", rep, want)
			}
			var a, b bytes.Buffer
			if err := step.src.Export(ctx, &a, ExportOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := step.dst.Export(ctx, &b, ExportOptions{}); err != nil {
				t.Fatal(err)
			}
			if a.String() != b.String() {
				t.Errorf("exports differ:\n%s\n%s", a.String(), b.String())
			}
			ss, _ := step.src.Stats(ctx)
			ds, _ := step.dst.Stats(ctx)
			ss.Path, ss.SizeBytes, ds.Path, ds.SizeBytes = "", 0, "", 0
			if !reflect.DeepEqual(ss, ds) {
				t.Errorf("stats\n%+v\nwant\n%+v", ds, ss)
			}
			hits, _ := lookup(t, step.dst, Key{Backend: "libre", From: "fr", To: "en"}, sample[0].Source)
			if hits[0].Target != "Bob's." || !hits[0].Approved {
				t.Errorf("copied lookup %+v", hits[0])
			}
		})
	}
	if _, err := Copy(ctx, pg, pg); err == nil {
		t.Error("a memory copied onto itself")
	}
}

// openLocation opens the memory at loc for the test.
func openLocation(t testing.TB, loc string) *Memory {
	t.Helper()
	m, err := Open(loc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// TestSameSchema compares the columns of every table on both engines: the
// migrations of one must follow the other's.
func TestSameSchema(t *testing.T) {
	lite := openTemp(t)
	pg := openLocation(t, pgtest.URL(t))
	columns := map[string][2][]string{}
	rows, err := lite.d.(*sqliteDB).db.Query(`SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' ORDER BY m.name, p.cid`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		c := columns[table]
		c[0] = append(c[0], col)
		columns[table] = c
	}
	rows.Close()
	prows, err := pg.d.(*pgDB).pool.Query(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name <> 'diglot_tm_schema' ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	for prows.Next() {
		var table, col string
		if err := prows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		c := columns[table]
		c[1] = append(c[1], col)
		columns[table] = c
	}
	if err := prows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(columns) != 5 {
		t.Errorf("tables %v, want machine, approved, history, occurrence, claim", columns)
	}
	for table, c := range columns {
		if !reflect.DeepEqual(c[0], c[1]) {
			t.Errorf("table %s: SQLite columns %v, PostgreSQL %v", table, c[0], c[1])
		}
	}
}
