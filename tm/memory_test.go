package tm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/tmx"
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

func TestPutLookup(t *testing.T) {
	m := openTemp(t)
	put(t, m, apKey, sample...)
	hits, found := lookup(t, m, apKey, sample[1].Source, "Absent.", sample[0].Source, sample[1].Source)
	if want := []bool{true, false, true, true}; !reflect.DeepEqual(found, want) {
		t.Fatalf("found %v, want %v", found, want)
	}
	want := []Hit{
		{Target: sample[1].Target, MT: sample[1].MT},
		{},
		{Target: sample[0].Target, MT: sample[0].MT},
		{Target: sample[1].Target, MT: sample[1].MT},
	}
	if !reflect.DeepEqual(hits, want) {
		t.Errorf("hits\n%+v\nwant\n%+v", hits, want)
	}
	// A new translation of the same source under the same key replaces the old.
	put(t, m, apKey, Entry{Source: sample[0].Source, Target: "New.", MT: "New raw."})
	if hits, _ := lookup(t, m, apKey, sample[0].Source); hits[0].Target != "New." || hits[0].MT != "New raw." {
		t.Errorf("after a second Put: %+v", hits[0])
	}
	if hits, found := lookup(t, m, apKey); len(hits) != 0 || len(found) != 0 {
		t.Errorf("empty lookup: %v %v", hits, found)
	}
}

func TestKeyIsolation(t *testing.T) {
	m := openTemp(t)
	put(t, m, dlKey, sample[0])
	src := sample[0].Source
	tests := []struct {
		name string
		key  Key
		hit  bool
	}{
		{"same key", dlKey, true},
		{"language tags in another case", Key{dlKey.Backend, dlKey.Settings, "FR", "En", dlKey.Glossary}, true},
		{"other backend", Key{"google", dlKey.Settings, "fr", "en", dlKey.Glossary}, false},
		{"other settings", Key{dlKey.Backend, "formality=more", "fr", "en", dlKey.Glossary}, false},
		{"other glossary", Key{dlKey.Backend, dlKey.Settings, "fr", "en", "g2"}, false},
		{"no glossary", Key{dlKey.Backend, dlKey.Settings, "fr", "en", ""}, false},
		{"other target language", Key{dlKey.Backend, dlKey.Settings, "fr", "de", dlKey.Glossary}, false},
		{"reversed pair", Key{dlKey.Backend, dlKey.Settings, "en", "fr", dlKey.Glossary}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, found := lookup(t, m, tt.key, src); found[0] != tt.hit {
				t.Errorf("found %v, want %v", found[0], tt.hit)
			}
		})
	}
}

func TestApprovedWinsAcrossKeys(t *testing.T) {
	m := openTemp(t)
	put(t, m, apKey, sample...)
	put(t, m, dlKey, Entry{Source: sample[0].Source, Target: "DeepL's.", MT: "DeepL's raw."})
	edit := Entry{Source: sample[0].Source, Target: "The President has arrived.", Path: "a.txt", SegmentID: "p1"}
	n, err := m.Approve(ctx, "fr", "en", []Entry{edit})
	if err != nil || n != 1 {
		t.Fatalf("Approve = %d, %v; want 1", n, err)
	}
	tests := []struct {
		name string
		key  Key
		want Hit
	}{
		// Machine and MT come from the key's own machine entry where there
		// is one, else from the latest machine translation when approved.
		{"apertium", apKey, Hit{Target: edit.Target, MT: sample[0].MT, Approved: true, Machine: sample[0].Target}},
		{"deepl", dlKey, Hit{Target: edit.Target, MT: "DeepL's raw.", Approved: true, Machine: "DeepL's."}},
		{"a backend that never translated it", Key{Backend: "libre", From: "fr", To: "en"}, Hit{Target: edit.Target, MT: "DeepL's raw.", Approved: true, Machine: "DeepL's."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, found := lookup(t, m, tt.key, sample[0].Source, sample[1].Source)
			if !found[0] || hits[0] != tt.want {
				t.Errorf("got %+v (found %v), want %+v", hits[0], found[0], tt.want)
			}
			if found[1] != (tt.key == apKey) || hits[1].Approved {
				t.Errorf("the other source: %+v, found %v", hits[1], found[1])
			}
		})
	}
	t.Run("other pair", func(t *testing.T) {
		if _, found := lookup(t, m, Key{Backend: "apertium", From: "fr", To: "es"}, sample[0].Source); found[0] {
			t.Error("approved fr-en translation found for fr-es")
		}
	})
	t.Run("approving again", func(t *testing.T) {
		n, err := m.Approve(ctx, "fr", "en", []Entry{edit, {Source: sample[1].Source, Target: "It is raining in Paris."}})
		if err != nil || n != 1 {
			t.Errorf("Approve = %d, %v; want 1 (the first is unchanged)", n, err)
		}
	})
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

func TestLookupNormalisedSource(t *testing.T) {
	m := openTemp(t)
	put(t, m, apKey, Entry{Source: "Un  résumé\ndu match.", Target: "A summary of the match."})
	for _, src := range []string{"Un résumé du match.", " Un re\u0301sume\u0301 du\u00a0match. ", "Un résumé\r\ndu match."} {
		if hits, found := lookup(t, m, apKey, src); !found[0] || hits[0].Target != "A summary of the match." {
			t.Errorf("%q: %+v, %v", src, hits[0], found[0])
		}
	}
	if _, found := lookup(t, m, apKey, "UN RÉSUMÉ DU MATCH."); found[0] {
		t.Error("found a source in another case")
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

func TestStats(t *testing.T) {
	m := openTemp(t)
	s, err := m.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Machine != 0 || s.Approved != 0 || len(s.Pairs) != 0 || !s.Updated.IsZero() || s.Schema != len(migrations) {
		t.Errorf("empty memory: %+v", s)
	}
	put(t, m, apKey, sample...)
	put(t, m, dlKey, sample[0])
	put(t, m, Key{Backend: "apertium", From: "fr", To: "es"}, Entry{Source: "Oui.", Target: "Sí.", Path: "b.txt"})
	if _, err := m.Approve(ctx, "fr", "en", []Entry{{Source: sample[1].Source, Target: "It's raining in Paris."}}); err != nil {
		t.Fatal(err)
	}
	if s, err = m.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	want := Stats{
		Path: m.Path(), Schema: len(migrations), Machine: 4, Approved: 1, History: 1,
		Pairs: []string{"fr-en", "fr-es"}, Backends: map[string]int{"apertium": 3, "deepl": 1}, Articles: 2,
		SizeBytes: s.SizeBytes, Updated: s.Updated,
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("stats\n%+v\nwant\n%+v", s, want)
	}
	if s.SizeBytes == 0 || s.Updated.IsZero() {
		t.Errorf("size %d, updated %v", s.SizeBytes, s.Updated)
	}
}

// exportTMX exports m and reads the result back.
func exportTMX(t *testing.T, m *Memory, opt ExportOptions) ([]byte, *tmx.Doc) {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Export(ctx, &buf, opt); err != nil {
		t.Fatal(err)
	}
	d, err := tmx.Read(bytes.NewReader(buf.Bytes()), "export.tmx")
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	return buf.Bytes(), d
}

func TestExport(t *testing.T) {
	m := openTemp(t)
	put(t, m, apKey, sample...)
	put(t, m, dlKey, Entry{Source: sample[0].Source, Target: "<DeepL> & co", MT: "raw"})
	if _, err := m.Approve(ctx, "fr", "en", []Entry{{Source: sample[1].Source, Target: "It's raining in Paris.", Path: "a.txt", SegmentID: "p2"}}); err != nil {
		t.Fatal(err)
	}
	type unit struct{ id, origin, backend, fr, en string }
	units := func(d *tmx.Doc) []unit {
		var us []unit
		for _, tu := range d.Units {
			fr, _ := tu.Text("fr")
			en, _ := tu.Text("en")
			us = append(us, unit{tu.ID, tu.Props[tmx.PropOrigin], tu.Props[tmx.PropBackend], fr, en})
		}
		return us
	}
	approved := unit{"a.txt#p2", "approved", "", sample[1].Source, "It's raining in Paris."}
	machine := []unit{
		{"a.txt#p1", "mt", "apertium", sample[0].Source, sample[0].Target},
		{"a.txt#p2", "mt", "apertium", sample[1].Source, sample[1].Target},
		{"", "mt", "deepl", sample[0].Source, "<DeepL> & co"},
	}
	tests := []struct {
		name string
		opt  ExportOptions
		want []unit
	}{
		{"all", ExportOptions{}, append([]unit{approved}, machine...)},
		{"approved only", ExportOptions{ApprovedOnly: true}, []unit{approved}},
		{"machine only", ExportOptions{MachineOnly: true}, machine},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := exportTMX(t, m, tt.opt)
			if got := units(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("units\n%q\nwant\n%q", got, tt.want)
			}
			if d.SrcLang != "fr" || d.Version != "1.4" {
				t.Errorf("header srclang %q version %q", d.SrcLang, d.Version)
			}
		})
	}
	data, d := exportTMX(t, m, ExportOptions{})
	testkit.Golden(t, filepath.Join("testdata", "export.tmx"), data)
	if p := d.Units[0].Props[PropMachine]; p != sample[1].Target {
		t.Errorf("approved unit's machine prop %q", p)
	}
	if p := d.Units[3].Props; p[PropSettings] != dlKey.Settings || p[PropGlossary] != "g1" {
		t.Errorf("deepl unit's props %v", p)
	}
	if err := m.Export(ctx, &bytes.Buffer{}, ExportOptions{ApprovedOnly: true, MachineOnly: true}); err == nil {
		t.Error("no error for approved-only and machine-only together")
	}
}

func TestExportValidates(t *testing.T) {
	dtd := filepath.Join(testkit.Corpus(t, "schemas"), "tmx14.dtd")
	testkit.NeedXMLLint(t)
	m := openTemp(t)
	put(t, m, apKey, sample...)
	put(t, m, Key{Backend: "apertium", From: "fr", To: "es"}, Entry{Source: "Oui\x01 & <non>.", Target: "Sí.", Path: "b.txt", SegmentID: "p1"})
	if _, err := m.Approve(ctx, "fr", "en", []Entry{{Source: sample[1].Source, Target: "It's \"raining\"."}}); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []ExportOptions{{}, {ApprovedOnly: true}, {MachineOnly: true}} {
		data, _ := exportTMX(t, m, opt)
		out := filepath.Join(t.TempDir(), "tm.tmx")
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := testkit.ValidateDTD(t, dtd, out); err != nil {
			t.Errorf("%+v: xmllint rejects the export: %v\n%s", opt, err, data)
		}
	}
	// An empty memory exports a valid, empty body? TMX requires no unit.
	empty := openTemp(t)
	data, d := exportTMX(t, empty, ExportOptions{})
	if len(d.Units) != 0 || d.SrcLang != "*all*" {
		t.Errorf("empty export: %d units, srclang %q\n%s", len(d.Units), d.SrcLang, data)
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
	committed := -1
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
		if committed == 20 {
			// Mid-way: the child is inside the transaction of batch 21.
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
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

// TestConcurrentUse has two writers and a reader on the same file, each with
// its own Memory, as separate processes would: none may fail with "database
// is locked", and every write lands.
func TestConcurrentUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	var ms []*Memory
	for range 3 {
		m, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer m.Close()
		ms = append(ms, m)
	}
	const batches = 40
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	done := make(chan struct{})
	for w, k := range []Key{apKey, dlKey} {
		wg.Go(func() {
			for b := range batches {
				if err := ms[w].Put(ctx, k, batch(b, 20)); err != nil {
					errs <- fmt.Errorf("writer %d batch %d: %w", w, b, err)
					return
				}
			}
		})
	}
	reads := 0
	var rg sync.WaitGroup
	rg.Go(func() {
		sources := []string{batch(0, 1)[0].Source, batch(batches-1, 1)[0].Source}
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, _, err := ms[2].Lookup(ctx, apKey, sources); err != nil {
				errs <- fmt.Errorf("reader: %w", err)
				return
			}
			if _, err := ms[2].Stats(ctx); err != nil {
				errs <- fmt.Errorf("reader: %w", err)
				return
			}
			reads++
		}
	})
	wg.Wait()
	close(done)
	rg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s, err := ms[2].Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Machine != 2*batches*20 {
		t.Errorf("%d machine entries, want %d", s.Machine, 2*batches*20)
	}
	if reads == 0 {
		t.Error("the reader never read")
	}
	t.Logf("%d reads during the writes", reads)
}

func TestPutCancelled(t *testing.T) {
	m := openTemp(t)
	c, cancel := context.WithCancel(ctx)
	cancel()
	if err := m.Put(c, apKey, sample); !errors.Is(err, context.Canceled) {
		t.Errorf("Put with a cancelled context: %v", err)
	}
	if _, found := lookup(t, m, apKey, sample[0].Source); found[0] {
		t.Error("entry stored by a cancelled Put")
	}
}
