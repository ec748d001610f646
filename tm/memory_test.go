package tm

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// openTemp opens a new memory in a temporary folder, closed at the end of
// the test.
func openTemp(t testing.TB) *Memory {
	t.Helper()
	m, err := Open(filepath.Join(t.TempDir(), "sub", "tm.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Error(err)
		}
	})
	return m
}

// The behaviour every engine shares is tested by the conformance suite
// (tmtest, run in suite_test.go); these tests are of the SQLite file itself.

var (
	ctx    = context.Background()
	apKey  = Key{Backend: "apertium", Settings: "model=fra-spa-eng", From: "fr", To: "en"}
	dlKey  = Key{Backend: "deepl", Settings: "formality=default", From: "fr", To: "en", Glossary: "g1"}
	sample = []Entry{
		{Source: "Le président est arrivé.", Target: "The president arrived.", MT: "The president has arrived.", Path: "a.txt", SegmentID: "p1", SHA256: "aaa"},
		{Source: "Il pleut à Paris.", Target: "It rains in Paris.", MT: "It rains in Paris.", Path: "a.txt", SegmentID: "p2", SHA256: "aaa"},
	}
)

// lookup looks sources up and fails the test on error.
func lookup(t *testing.T, m *Memory, k Key, sources ...string) ([]Hit, []bool) {
	t.Helper()
	hits, found, err := m.Lookup(ctx, k, sources)
	if err != nil {
		t.Fatal(err)
	}
	return hits, found
}

func put(t testing.TB, m *Memory, k Key, entries ...Entry) {
	t.Helper()
	if err := m.Put(ctx, k, entries); err != nil {
		t.Fatal(err)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Le  chat\t\tdort.\n", "Le chat dort."},
		{"Il\u00a0a dit\u202f: «\u00a0non\u00a0»", "Il a dit : « non »"},
		{"Re\u0301sume\u0301", "Résumé"}, // NFD to NFC
		{"Paris", "Paris"},
		{"PARIS", "PARIS"}, // case is kept
		{" \n\t ", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOpenSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deep", "er", "tm.db")
	m, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	put(t, m, apKey, sample...)
	var v int
	var mode string
	if err := m.d.(*sqliteDB).db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != len(migrations) {
		t.Errorf("user_version %d (%v), want %d", v, err, len(migrations))
	}
	if err := m.d.(*sqliteDB).db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q (%v), want wal", mode, err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopening keeps the entries.
	m, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, found := lookup(t, m, apKey, sample[0].Source); !found[0] {
		t.Error("entry lost on reopening")
	}
	// A file from a newer diglot is refused, not damaged.
	if _, err := m.d.(*sqliteDB).db.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(migrations)+1)); err != nil {
		t.Fatal(err)
	}
	m.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open of a newer schema: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "text.db")
	if err := os.WriteFile(notDB, bytes.Repeat([]byte("not a database\n"), 100), 0o644); err != nil {
		t.Fatal(err)
	}
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{"not a database": notDB, "folder is a file": filepath.Join(blocker, "tm.db")} {
		t.Run(name, func(t *testing.T) {
			m, err := Open(path)
			if err == nil {
				m.Close()
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "tm: ") {
				t.Errorf("error %q does not say where", err)
			}
		})
	}
}

func TestPathWithURIChars(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a?b#c%20d", "tm.db")
	m, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	put(t, m, apKey, sample[0])
	m.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not at %s: %v", path, err)
	}
}

// batch returns the entries of crash-test batch b.
func batch(b, size int) []Entry {
	es := make([]Entry, size)
	for i := range es {
		es[i] = Entry{
			Source: fmt.Sprintf("Lot %d, paragraphe %d : %s", b, i, strings.Repeat("texte ", 20)),
			Target: fmt.Sprintf("Batch %d, paragraph %d", b, i),
			Path:   fmt.Sprintf("batch%d.txt", b), SegmentID: fmt.Sprintf("p%d", i),
		}
	}
	return es
}

const (
	crashEnv   = "DIGLOT_TM_CRASH_CHILD"
	crashBatch = 200
)

// TestCrashChild is the process TestKilledWriter kills: it writes batches
// until it dies, printing each batch number once its transaction commits.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("helper process of TestKilledWriter, run only by it")
	}
	m, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for b := 0; ; b++ {
		if err := m.Put(ctx, apKey, batch(b, crashBatch)); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(os.Stdout, "committed %d\n", b)
	}
}

// TestKilledWriter kills a process with SIGKILL while it writes, then finds
// the file intact and holding every batch whose commit the process reported.
func TestKilledWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed, killed := -1, false
	var buf []byte
	chunk := make([]byte, 4096)
	for {
		n, err := out.Read(chunk)
		buf = append(buf, chunk[:n]...)
		for {
			line, rest, ok := bytes.Cut(buf, []byte("\n"))
			if !ok {
				break
			}
			buf = rest
			var b int
			if _, err := fmt.Sscanf(string(line), "committed %d", &b); err == nil {
				committed = b
			}
		}
		if committed >= 20 && !killed {
			// Mid-way: the child is inside the transaction of a later
			// batch. (At or past 20: on a busy machine one read may bring
			// several lines, and an exact 20 was never seen: the child
			// then wrote forever.)
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
		if err != nil {
			break
		}
	}
	if err := cmd.Wait(); err == nil {
		t.Fatalf("child exited normally: %s", stderr.Bytes())
	}
	if committed < 20 {
		t.Fatalf("child committed %d batches before it was killed:\n%s", committed+1, stderr.Bytes())
	}
	t.Logf("killed after %d committed batches", committed+1)

	m, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	var check string
	if err := m.d.(*sqliteDB).db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	for b := 0; b <= committed+1; b++ {
		var sources []string
		for _, e := range batch(b, crashBatch) {
			sources = append(sources, e.Source)
		}
		_, found := lookup(t, m, apKey, sources...)
		n := 0
		for _, f := range found {
			if f {
				n++
			}
		}
		switch {
		case b <= committed && n != crashBatch:
			t.Errorf("batch %d committed but %d of its %d entries found", b, n, crashBatch)
		case b > committed && n != 0 && n != crashBatch:
			t.Errorf("batch %d in flight: %d of its %d entries found, want all or none", b, n, crashBatch)
		}
	}
}

// TestMigrateFromSchema1 opens a file of schema 1 (before the history of
// approvals, and before unknown words were kept): its approved translations
// become the history's first rows, and its machine ones have no unknown
// words.
func TestMigrateFromSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{migrations[0], "PRAGMA user_version = 1",
		`INSERT INTO approved (src_lang, tgt_lang, source_hash, source, target, mt, machine, path, segment_id, created, updated)
			VALUES ('fr', 'en', x'00', 'Oui.', 'Yes.', '', '', 'a.txt', 'p1', 100, 200)`,
		`INSERT INTO machine (src_lang, tgt_lang, source_hash, backend, settings, glossary, source, target, mt, path, segment_id, created, updated)
			VALUES ('fr', 'en', ?, 'apertium', '', '', 'Non.', 'No.', 'No.', 'a.txt', 'p2', 100, 200)`} {
		var args []any
		if strings.Contains(q, "?") {
			args = append(args, sourceHash("Non."))
		}
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	m, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	s, err := m.Stats(ctx)
	if err != nil || s.Schema != SchemaVersion() || s.Approved != 1 || s.History != 1 || s.Machine != 1 {
		t.Fatalf("after migration: %+v, %v", s, err)
	}
	hits, found, err := m.Lookup(ctx, Key{Backend: "apertium", From: "fr", To: "en"}, []string{"Non."})
	if err != nil || !found[0] || hits[0].Target != "No." || hits[0].Unknown != nil {
		t.Errorf("machine row after migration: %+v %v %v", hits, found, err)
	}
	var target string
	var at int64
	if err := m.d.(*sqliteDB).db.QueryRow("SELECT target, approved FROM history").Scan(&target, &at); err != nil || target != "Yes." || at != 200 {
		t.Errorf("history row %q at %d, %v", target, at, err)
	}
}
