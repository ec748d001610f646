package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/tm/pgtest"
)

// tmStatsJSON runs tm stats --json with env and returns the stats, less
// where the memory is and its size.
func tmStatsJSON(t *testing.T, dir string, env map[string]string, args ...string) tm.Stats {
	t.Helper()
	code, out, errs := runIn(t, dir, env, append([]string{"tm", "stats", "--json"}, args...)...)
	var s tm.Stats
	if err := json.Unmarshal([]byte(out), &s); code != 0 || err != nil {
		t.Fatalf("stats --json: %d %v %s", code, err, errs)
	}
	return s
}

func tmExport(t *testing.T, dir string, env map[string]string, args ...string) string {
	t.Helper()
	code, out, errs := runIn(t, dir, env, append([]string{"tm", "export"}, args...)...)
	if code != 0 || !strings.Contains(out, "</tmx>") {
		t.Fatalf("export: %d %s", code, errs)
	}
	return out
}

// TestTMCopyPostgres moves a memory with approvals and their history from
// SQLite to PostgreSQL and back, and uses the PostgreSQL one through
// DIGLOT_TM: stats, export, import and translate.
func TestTMCopyPostgres(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tm.db")
	tmSeed(t, db, tmArticle())
	edited := tmArticle()
	edited.Segments[0].Target = "The government responded."
	xlf := filepath.Join(dir, "edited.fr-en.xlf")
	tmWriteXLIFF(t, xlf, edited)
	if code, _, errs := runIn(t, dir, nil, "tm", "import", "--tm", db, xlf); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	pg := pgtest.URL(t)
	code, out, errs := runIn(t, dir, nil, "tm", "copy", db, pg)
	if code != 0 || !strings.HasPrefix(out, "copied 3 machine, 1 approved (1 in history), 3 occurrences from "+db+" to postgres://") {
		t.Fatalf("copy: %d %q %s", code, out, errs)
	}
	env := map[string]string{"DIGLOT_TM": pg}
	want := tmStatsJSON(t, dir, nil, "--tm", db)
	got := tmStatsJSON(t, dir, env)
	if got.Path != pg {
		t.Errorf("DIGLOT_TM: stats of %q, want %q", got.Path, pg)
	}
	want.Path, want.SizeBytes, got.Path, got.SizeBytes = "", 0, "", 0
	if js, jw := mustJSON(t, got), mustJSON(t, want); js != jw {
		t.Errorf("stats after copy\n%s\nwant\n%s", js, jw)
	}
	if a, b := tmExport(t, dir, nil, "--tm", db), tmExport(t, dir, env); a != b {
		t.Errorf("exports differ:\n%s\n%s", a, b)
	}

	// Another editor's correction goes into the PostgreSQL memory.
	edited.Segments[0].Target = "The government has responded."
	tmWriteXLIFF(t, xlf, edited)
	if code, out, errs := runIn(t, dir, env, "tm", "import", xlf); code != 0 || !strings.Contains(out, "taken 1") {
		t.Fatalf("import into postgres: %d %q %s", code, out, errs)
	}
	// translate on DIGLOT_TM: the approved paragraph is used, the others
	// are machine translations stored there.
	writeFiles(t, dir, map[string]string{"in/new.txt": "Le gouvernement a réagi.\n\nUn paragraphe nouveau.\n"})
	if code, _, errs := runIn(t, dir, env, "translate", "--backend", "fake", "--format", "json", "--out", "out", "in"); code != 0 {
		t.Fatalf("translate: %s", errs)
	}
	if s := tmStatsJSON(t, dir, env); s.Machine != 4 || s.Approved != 1 || s.History != 2 {
		t.Errorf("postgres after translate: %+v", s)
	}

	// And back into a new SQLite file, history included.
	back := filepath.Join(dir, "back", "tm.db")
	if code, _, errs := runIn(t, dir, nil, "tm", "copy", pg, back); code != 0 {
		t.Fatalf("copy back: %s", errs)
	}
	if s := tmStatsJSON(t, dir, nil, "--tm", back); s.Machine != 4 || s.Approved != 1 || s.History != 2 {
		t.Errorf("copied back: %+v", s)
	}
	if a, b := tmExport(t, dir, env), tmExport(t, dir, nil, "--tm", back); a != b {
		t.Errorf("exports differ:\n%s\n%s", a, b)
	}
	// --tm wins over DIGLOT_TM.
	if s := tmStatsJSON(t, dir, env, "--tm", db); s.History != 1 {
		t.Errorf("--tm with DIGLOT_TM set: %+v", s)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTMLocationErrors(t *testing.T) {
	dir := t.TempDir()
	const secret = "hunter2-Pa55"
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"password in --tm", nil, []string{"tm", "stats", "--tm", "postgres://alice:" + secret + "@db.example/tm"}, "@db.example/tm: a password in the URL is refused: set PGPASSWORD or use a .pgpass file\n"},
		{"password in DIGLOT_TM", map[string]string{"DIGLOT_TM": "postgresql://alice@db.example/tm?password=" + secret}, []string{"tm", "export"}, "a password in the URL is refused"},
		{"password in translate --tm", nil, []string{"translate", "--backend", "fake", "--tm", "postgres://alice:" + secret + "@db.example/tm", "in"}, "a password in the URL is refused"},
		{"copy to a URL with a password", nil, []string{"tm", "copy", "same.db", "postgres://alice:" + secret + "@db.example/tm"}, "a password in the URL is refused"},
		{"copy from a missing file", nil, []string{"tm", "copy", "absent.db", "other.db"}, "no translation memory at absent.db"},
		{"copy without TO", nil, []string{"tm", "copy", "a.db"}, "tm copy: want FROM and TO"},
		{"copy onto itself", nil, []string{"tm", "copy", "same.db", "same.db"}, "onto itself"},
	}
	writeFiles(t, dir, map[string]string{"in/a.txt": "Bonjour.\n"})
	tmSeed(t, filepath.Join(dir, "same.db"), tmArticle())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runIn(t, dir, tt.env, tt.args...)
			if code == 0 || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want an error with %q", code, errs, tt.want)
			}
			if strings.Contains(out+errs, secret) {
				t.Errorf("the password is shown: %q %q", out, errs)
			}
		})
	}
}
