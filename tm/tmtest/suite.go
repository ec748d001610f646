package tmtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/tmx"
)

// Config says how to make memories of one engine.
type Config struct {
	// New returns the location of a new, empty memory, for [tm.Open].
	New func(t testing.TB) string
	// SetSchema records schema version v in the memory at location, closed.
	SetSchema func(t testing.TB, location string, v int)
	// Golden is the TMX file the export of the sample memory must equal,
	// relative to the test's folder ("" for none).
	Golden string
}

// Run runs the suite, each case a subtest of t.
func Run(t *testing.T, c Config) {
	s := &suite{Config: c}
	for _, tc := range []struct {
		name string
		run  func(*testing.T)
	}{
		{"PutLookup", s.putLookup},
		{"UnknownWords", s.unknownWords},
		{"KeyIsolation", s.keyIsolation},
		{"Glossaries", s.glossaries},
		{"ApprovedWinsAcrossKeys", s.approvedWinsAcrossKeys},
		{"LaterApprovalWinsBothInHistory", s.laterApprovalWins},
		{"ConcurrentApprovals", s.concurrentApprovals},
		{"LookupNormalisedSource", s.lookupNormalisedSource},
		{"Reopen", s.reopen},
		{"NewerSchema", s.newerSchema},
		{"Stats", s.stats},
		{"Export", s.export},
		{"ExportValidates", s.exportValidates},
		{"ConcurrentUse", s.concurrentUse},
		{"PutCancelled", s.putCancelled},
		{"ImportEditedXLIFF", s.importEditedXLIFF},
		{"ImportForeignXLIFF", s.importForeignXLIFF},
		{"ImportTMX", s.importTMX},
		{"ImportRefusals", s.importRefusals},
		{"ImportErrors", s.importErrors},
		{"ImportRefusesCopies", s.importRefusesCopies},
		{"SentenceLevel", s.sentenceLevel},
		{"StatesAndNotes", s.statesAndNotes},
		{"Claims", s.claims},
		{"ConcurrentClaims", s.concurrentClaims},
	} {
		t.Run(tc.name, tc.run)
	}
}

type suite struct{ Config }

// open opens a new memory, closed at the end of the test.
func (s *suite) open(t testing.TB) *tm.Memory {
	t.Helper()
	return Open(t, s.New(t))
}

// Open opens the memory at location, closed at the end of the test.
func Open(t testing.TB, location string) *tm.Memory {
	t.Helper()
	m, err := tm.Open(location)
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
	apKey  = tm.Key{Backend: "apertium", Settings: "model=fra-spa-eng", From: "fr", To: "en"}
	dlKey  = tm.Key{Backend: "deepl", Settings: "formality=default", From: "fr", To: "en", Glossary: "g1"}
	sample = []tm.Entry{
		{Source: "Le président est arrivé.", Target: "The president arrived.", MT: "The president has arrived.", Path: "a.txt", SegmentID: "p1", SHA256: "aaa"},
		{Source: "Il pleut à Paris.", Target: "It rains in Paris.", MT: "It rains in Paris.", Path: "a.txt", SegmentID: "p2", SHA256: "aaa"},
	}
)

// lookup looks sources up and fails the test on error.
func lookup(t testing.TB, m *tm.Memory, k tm.Key, sources ...string) ([]tm.Hit, []bool) {
	t.Helper()
	hits, found, err := m.Lookup(ctx, k, sources)
	if err != nil {
		t.Fatal(err)
	}
	return hits, found
}

func put(t testing.TB, m *tm.Memory, k tm.Key, entries ...tm.Entry) {
	t.Helper()
	if err := m.Put(ctx, k, entries); err != nil {
		t.Fatal(err)
	}
}

func approve(t testing.TB, m *tm.Memory, entries ...tm.Entry) int {
	t.Helper()
	n, err := m.Approve(ctx, "fr", "en", entries)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func stats(t testing.TB, m *tm.Memory) tm.Stats {
	t.Helper()
	st, err := m.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func (s *suite) putLookup(t *testing.T) {
	m := s.open(t)
	put(t, m, apKey, sample...)
	hits, found := lookup(t, m, apKey, sample[1].Source, "Absent.", sample[0].Source, sample[1].Source)
	if want := []bool{true, false, true, true}; !reflect.DeepEqual(found, want) {
		t.Fatalf("found %v, want %v", found, want)
	}
	want := []tm.Hit{
		{Target: sample[1].Target, MT: sample[1].MT},
		{},
		{Target: sample[0].Target, MT: sample[0].MT},
		{Target: sample[1].Target, MT: sample[1].MT},
	}
	if !reflect.DeepEqual(hits, want) {
		t.Errorf("hits\n%+v\nwant\n%+v", hits, want)
	}
	// A new translation of the same source under the same key replaces the old.
	put(t, m, apKey, tm.Entry{Source: sample[0].Source, Target: "New.", MT: "New raw."})
	if hits, _ := lookup(t, m, apKey, sample[0].Source); hits[0].Target != "New." || hits[0].MT != "New raw." {
		t.Errorf("after a second Put: %+v", hits[0])
	}
	if hits, found := lookup(t, m, apKey); len(hits) != 0 || len(found) != 0 {
		t.Errorf("empty lookup: %v %v", hits, found)
	}
}

// The words a backend did not know are kept with its translation and come
// back with every hit of it, after a reopen and a copy too; a new
// translation of the source replaces them.
func (s *suite) unknownWords(t *testing.T) {
	loc := s.New(t)
	m, err := tm.Open(loc)
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"Zorglubinet", "Ereván"}
	e := sample[0]
	e.Unknown = words
	put(t, m, apKey, e, sample[1])
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	m = Open(t, loc)
	hits, _ := lookup(t, m, apKey, sample[0].Source, sample[1].Source)
	if !reflect.DeepEqual(hits[0].Unknown, words) || hits[1].Unknown != nil {
		t.Errorf("unknown words after a reopen: %q and %q, want %q and none", hits[0].Unknown, hits[1].Unknown, words)
	}
	// An approved translation is shown with the machine one's unknown words.
	approve(t, m, tm.Entry{Source: sample[0].Source, Target: "The President has come."})
	if hits, _ := lookup(t, m, apKey, sample[0].Source); !hits[0].Approved || !reflect.DeepEqual(hits[0].Unknown, words) {
		t.Errorf("approved hit: %+v", hits[0])
	}
	dst := s.open(t)
	if _, err := tm.Copy(ctx, dst, m); err != nil {
		t.Fatal(err)
	}
	if hits, _ := lookup(t, dst, apKey, sample[0].Source); !reflect.DeepEqual(hits[0].Unknown, words) {
		t.Errorf("after a copy: %q, want %q", hits[0].Unknown, words)
	}
	put(t, m, apKey, sample[0])
	if hits, _ := lookup(t, m, apKey, sample[0].Source); hits[0].Unknown != nil {
		t.Errorf("a new translation kept the old unknown words %q", hits[0].Unknown)
	}
}

func (s *suite) keyIsolation(t *testing.T) {
	m := s.open(t)
	put(t, m, dlKey, sample[0])
	src := sample[0].Source
	tests := []struct {
		name string
		key  tm.Key
		hit  bool
	}{
		{"same key", dlKey, true},
		{"language tags in another case", tm.Key{Backend: dlKey.Backend, Settings: dlKey.Settings, From: "FR", To: "En", Glossary: dlKey.Glossary}, true},
		{"other backend", tm.Key{Backend: "google", Settings: dlKey.Settings, From: "fr", To: "en", Glossary: dlKey.Glossary}, false},
		{"other settings", tm.Key{Backend: dlKey.Backend, Settings: "formality=more", From: "fr", To: "en", Glossary: dlKey.Glossary}, false},
		{"other glossary", tm.Key{Backend: dlKey.Backend, Settings: dlKey.Settings, From: "fr", To: "en", Glossary: "g2"}, false},
		{"no glossary", tm.Key{Backend: dlKey.Backend, Settings: dlKey.Settings, From: "fr", To: "en", Glossary: ""}, false},
		{"other target language", tm.Key{Backend: dlKey.Backend, Settings: dlKey.Settings, From: "fr", To: "de", Glossary: dlKey.Glossary}, false},
		{"reversed pair", tm.Key{Backend: dlKey.Backend, Settings: dlKey.Settings, From: "en", To: "fr", Glossary: dlKey.Glossary}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, found := lookup(t, m, tt.key, src); found[0] != tt.hit {
				t.Errorf("found %v, want %v", found[0], tt.hit)
			}
		})
	}
}

func (s *suite) approvedWinsAcrossKeys(t *testing.T) {
	m := s.open(t)
	put(t, m, apKey, sample...)
	put(t, m, dlKey, tm.Entry{Source: sample[0].Source, Target: "DeepL's.", MT: "DeepL's raw."})
	edit := tm.Entry{Source: sample[0].Source, Target: "The President has arrived.", Path: "a.txt", SegmentID: "p1"}
	if n := approve(t, m, edit); n != 1 {
		t.Fatalf("Approve = %d; want 1", n)
	}
	tests := []struct {
		name string
		key  tm.Key
		want tm.Hit
	}{
		// Machine and MT come from the key's own machine entry where there
		// is one, else from the latest machine translation when approved.
		{"apertium", apKey, tm.Hit{Target: edit.Target, MT: sample[0].MT, Approved: true, Machine: sample[0].Target}},
		{"deepl", dlKey, tm.Hit{Target: edit.Target, MT: "DeepL's raw.", Approved: true, Machine: "DeepL's."}},
		{"a backend that never translated it", tm.Key{Backend: "libre", From: "fr", To: "en"}, tm.Hit{Target: edit.Target, MT: "DeepL's raw.", Approved: true, Machine: "DeepL's."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, found := lookup(t, m, tt.key, sample[0].Source, sample[1].Source)
			if !found[0] || !reflect.DeepEqual(hits[0], tt.want) {
				t.Errorf("got %+v (found %v), want %+v", hits[0], found[0], tt.want)
			}
			if found[1] != (tt.key == apKey) || hits[1].Approved {
				t.Errorf("the other source: %+v, found %v", hits[1], found[1])
			}
		})
	}
	t.Run("other pair", func(t *testing.T) {
		if _, found := lookup(t, m, tm.Key{Backend: "apertium", From: "fr", To: "es"}, sample[0].Source); found[0] {
			t.Error("approved fr-en translation found for fr-es")
		}
	})
	t.Run("approving again", func(t *testing.T) {
		if n := approve(t, m, edit, tm.Entry{Source: sample[1].Source, Target: "It is raining in Paris."}); n != 1 {
			t.Errorf("Approve = %d; want 1 (the first is unchanged)", n)
		}
	})
}

// historyCount is the number of approvals in m's history.
func historyCount(t testing.TB, m *tm.Memory) int {
	t.Helper()
	return stats(t, m).History
}

// laterApprovalWins has two editors, each with their own Memory as two
// processes would, approve the same segment one after the other: the later
// translation is used, and the history holds both.
func (s *suite) laterApprovalWins(t *testing.T) {
	loc := s.New(t)
	alice, bob := Open(t, loc), Open(t, loc)
	put(t, alice, apKey, sample...)
	if n := approve(t, alice, tm.Entry{Source: sample[0].Source, Target: "Alice's.", Path: "a.txt", SegmentID: "p1"}); n != 1 {
		t.Fatalf("Alice approved %d", n)
	}
	if n := approve(t, bob, tm.Entry{Source: sample[0].Source, Target: "Bob's.", Path: "a.txt", SegmentID: "p1"}); n != 1 {
		t.Fatalf("Bob approved %d", n)
	}
	for name, m := range map[string]*tm.Memory{"alice": alice, "bob": bob} {
		hits, _ := lookup(t, m, apKey, sample[0].Source)
		if hits[0].Target != "Bob's." || !hits[0].Approved || hits[0].Machine != sample[0].Target {
			t.Errorf("%s looks up %+v, want Bob's approved over the machine translation", name, hits[0])
		}
	}
	st := stats(t, alice)
	if st.Approved != 1 || st.History != 2 {
		t.Errorf("%d approved, %d in history; want 1 and 2", st.Approved, st.History)
	}
	// Approving the current translation again adds nothing.
	if n := approve(t, alice, tm.Entry{Source: sample[0].Source, Target: "Bob's."}); n != 0 || historyCount(t, alice) != 2 {
		t.Errorf("re-approval: %d changed, history %d", n, historyCount(t, alice))
	}
}

// concurrentApprovals has two editors approve the same segments at once,
// many times: none fails, the segment ends with one of their translations,
// and every distinct approval is in the history.
func (s *suite) concurrentApprovals(t *testing.T) {
	loc := s.New(t)
	ms := []*tm.Memory{Open(t, loc), Open(t, loc)}
	put(t, ms[0], apKey, sample...)
	const rounds = 15
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for w, m := range ms {
		wg.Go(func() {
			for r := range rounds {
				// Both sources, in opposite orders: no deadlock either way.
				es := []tm.Entry{
					{Source: sample[0].Source, Target: fmt.Sprintf("Editor %d, round %d.", w, r)},
					{Source: sample[1].Source, Target: fmt.Sprintf("Editor %d, round %d (2).", w, r)},
				}
				if w == 1 {
					es[0], es[1] = es[1], es[0]
				}
				if _, err := m.Approve(ctx, "fr", "en", es); err != nil {
					errs <- fmt.Errorf("editor %d round %d: %w", w, r, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	hits, _ := lookup(t, ms[0], apKey, sample[0].Source)
	if !strings.HasPrefix(hits[0].Target, "Editor ") || !hits[0].Approved {
		t.Errorf("after concurrent approvals: %+v", hits[0])
	}
	// The history keeps distinct (translation, second) pairs: at least
	// every distinct translation of the last second, at most every one.
	if st := stats(t, ms[0]); st.Approved != 2 || st.History < 2 || st.History > 2*2*rounds {
		t.Errorf("%d approved, %d in history", st.Approved, st.History)
	}
}

func (s *suite) lookupNormalisedSource(t *testing.T) {
	m := s.open(t)
	put(t, m, apKey, tm.Entry{Source: "Un  résumé\ndu match.", Target: "A summary of the match."})
	for _, src := range []string{"Un résumé du match.", " Un re\u0301sume\u0301 du\u00a0match. ", "Un résumé\r\ndu match."} {
		if hits, found := lookup(t, m, apKey, src); !found[0] || hits[0].Target != "A summary of the match." {
			t.Errorf("%q: %+v, %v", src, hits[0], found[0])
		}
	}
	if _, found := lookup(t, m, apKey, "UN RÉSUMÉ DU MATCH."); found[0] {
		t.Error("found a source in another case")
	}
}

// reopen closes a memory and opens it again: entries, approvals and the
// schema version are kept.
func (s *suite) reopen(t *testing.T) {
	loc := s.New(t)
	m, err := tm.Open(loc)
	if err != nil {
		t.Fatal(err)
	}
	put(t, m, apKey, sample...)
	approve(t, m, tm.Entry{Source: sample[1].Source, Target: "It's raining."})
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	m = Open(t, loc)
	hits, found := lookup(t, m, apKey, sample[0].Source, sample[1].Source)
	if !found[0] || !found[1] || hits[1].Target != "It's raining." {
		t.Errorf("after reopening: %+v, %v", hits, found)
	}
	if st := stats(t, m); st.Schema != tm.SchemaVersion() || st.History != 1 {
		t.Errorf("after reopening: schema %d, history %d", st.Schema, st.History)
	}
}

// newerSchema: a memory from a newer diglot is refused, not damaged.
func (s *suite) newerSchema(t *testing.T) {
	loc := s.New(t)
	m, err := tm.Open(loc)
	if err != nil {
		t.Fatal(err)
	}
	put(t, m, apKey, sample...)
	m.Close()
	s.SetSchema(t, loc, tm.SchemaVersion()+1)
	if m, err := tm.Open(loc); err == nil || !strings.Contains(err.Error(), "newer") {
		if m != nil {
			m.Close()
		}
		t.Fatalf("Open of a newer schema: %v", err)
	}
	s.SetSchema(t, loc, tm.SchemaVersion())
	if _, found := lookup(t, Open(t, loc), apKey, sample[0].Source); !found[0] {
		t.Error("entries lost after the refusal")
	}
}

func (s *suite) stats(t *testing.T) {
	m := s.open(t)
	st := stats(t, m)
	if st.Machine != 0 || st.Approved != 0 || len(st.Pairs) != 0 || !st.Updated.IsZero() || st.Schema != tm.SchemaVersion() {
		t.Errorf("empty memory: %+v", st)
	}
	put(t, m, apKey, sample...)
	put(t, m, dlKey, sample[0])
	put(t, m, tm.Key{Backend: "apertium", From: "fr", To: "es"}, tm.Entry{Source: "Oui.", Target: "Sí.", Path: "b.txt"})
	approve(t, m, tm.Entry{Source: sample[1].Source, Target: "It's raining in Paris."})
	st = stats(t, m)
	want := tm.Stats{
		Path: m.Path(), Schema: tm.SchemaVersion(), Machine: 4, Approved: 1, History: 1,
		Pairs: []string{"fr-en", "fr-es"}, Backends: map[string]int{"apertium": 3, "deepl": 1}, Articles: 2,
		SizeBytes: st.SizeBytes, Updated: st.Updated,
	}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("stats\n%+v\nwant\n%+v", st, want)
	}
	if st.SizeBytes == 0 || st.Updated.IsZero() {
		t.Errorf("size %d, updated %v", st.SizeBytes, st.Updated)
	}
}

// ExportTMX exports m and reads the result back.
func ExportTMX(t testing.TB, m *tm.Memory, opt tm.ExportOptions) ([]byte, *tmx.Doc) {
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

// Sample fills m with the memory whose export is the golden file.
func Sample(t testing.TB, m *tm.Memory) {
	t.Helper()
	put(t, m, apKey, sample...)
	put(t, m, dlKey, tm.Entry{Source: sample[0].Source, Target: "<DeepL> & co", MT: "raw"})
	approve(t, m, tm.Entry{Source: sample[1].Source, Target: "It's raining in Paris.", Path: "a.txt", SegmentID: "p2"})
}

func (s *suite) export(t *testing.T) {
	m := s.open(t)
	Sample(t, m)
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
		opt  tm.ExportOptions
		want []unit
	}{
		// The machine translation an approved one replaced is left out,
		// so that a CAT tool finds the editor's; machine-only has it.
		{"all", tm.ExportOptions{}, []unit{approved, machine[0], machine[2]}},
		{"approved only", tm.ExportOptions{ApprovedOnly: true}, []unit{approved}},
		{"machine only", tm.ExportOptions{MachineOnly: true}, machine},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := ExportTMX(t, m, tt.opt)
			if got := units(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("units\n%q\nwant\n%q", got, tt.want)
			}
			if d.SrcLang != "fr" || d.Version != "1.4" {
				t.Errorf("header srclang %q version %q", d.SrcLang, d.Version)
			}
		})
	}
	data, d := ExportTMX(t, m, tm.ExportOptions{})
	if s.Golden != "" {
		// Dates are when the test ran.
		testkit.Golden(t, s.Golden, regexp.MustCompile(`(creation|change)date="[0-9TZ]+"`).ReplaceAll(data, []byte(`${1}date="DATE"`)))
	}
	for _, tu := range d.Units {
		if tu.CreationDate.IsZero() || tu.ChangeDate.Before(tu.CreationDate) || tu.CreationID != "diglot-"+tu.Props[tmx.PropOrigin] {
			t.Errorf("unit %q: created %v by %q, changed %v", tu.ID, tu.CreationDate, tu.CreationID, tu.ChangeDate)
		}
	}
	if p := d.Units[0].Props[tm.PropMachine]; p != sample[1].Target {
		t.Errorf("approved unit's machine prop %q", p)
	}
	if p := d.Units[2].Props; p[tm.PropSettings] != dlKey.Settings || p[tm.PropGlossary] != "g1" {
		t.Errorf("deepl unit's props %v", p)
	}
	if err := m.Export(ctx, &bytes.Buffer{}, tm.ExportOptions{ApprovedOnly: true, MachineOnly: true}); err == nil {
		t.Error("no error for approved-only and machine-only together")
	}
}

func (s *suite) exportValidates(t *testing.T) {
	dtd := filepath.Join(testkit.Corpus(t, "schemas"), "tmx14.dtd")
	testkit.NeedXMLLint(t)
	m := s.open(t)
	put(t, m, apKey, sample...)
	put(t, m, tm.Key{Backend: "apertium", From: "fr", To: "es"}, tm.Entry{Source: "Oui\x01 & <non>.", Target: "Sí.", Path: "b.txt", SegmentID: "p1"})
	approve(t, m, tm.Entry{Source: sample[1].Source, Target: "It's \"raining\"."})
	for _, opt := range []tm.ExportOptions{{}, {ApprovedOnly: true}, {MachineOnly: true}} {
		data, _ := ExportTMX(t, m, opt)
		out := filepath.Join(t.TempDir(), "tm.tmx")
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := testkit.ValidateDTD(t, dtd, out); err != nil {
			t.Errorf("%+v: xmllint rejects the export: %v\n%s", opt, err, data)
		}
	}
	// An empty memory exports a valid, empty body? TMX requires no unit.
	data, d := ExportTMX(t, s.open(t), tm.ExportOptions{})
	if len(d.Units) != 0 || d.SrcLang != "*all*" {
		t.Errorf("empty export: %d units, srclang %q\n%s", len(d.Units), d.SrcLang, data)
	}
}

// batch returns the entries of test batch b.
func batch(b, size int) []tm.Entry {
	es := make([]tm.Entry, size)
	for i := range es {
		es[i] = tm.Entry{
			Source: fmt.Sprintf("Lot %d, paragraphe %d : %s", b, i, strings.Repeat("texte ", 20)),
			Target: fmt.Sprintf("Batch %d, paragraph %d", b, i),
			Path:   fmt.Sprintf("batch%d.txt", b), SegmentID: fmt.Sprintf("p%d", i),
		}
	}
	return es
}

// concurrentUse has two writers and a reader on the same memory, each with
// its own Memory, as separate processes would: none may fail (no "database
// is locked", no deadlock), and every write lands. The writers store the
// same sources under two keys, in opposite orders.
func (s *suite) concurrentUse(t *testing.T) {
	loc := s.New(t)
	var ms []*tm.Memory
	for range 3 {
		ms = append(ms, Open(t, loc))
	}
	const batches = 40
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	done := make(chan struct{})
	for w, k := range []tm.Key{apKey, dlKey} {
		wg.Go(func() {
			for b := range batches {
				es := batch(b, 20)
				if w == 1 {
					for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
						es[i], es[j] = es[j], es[i]
					}
				}
				if err := ms[w].Put(ctx, k, es); err != nil {
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
	if st := stats(t, ms[2]); st.Machine != 2*batches*20 {
		t.Errorf("%d machine entries, want %d", st.Machine, 2*batches*20)
	}
	if reads == 0 {
		t.Error("the reader never read")
	}
	t.Logf("%d reads during the writes", reads)
}

func (s *suite) putCancelled(t *testing.T) {
	m := s.open(t)
	c, cancel := context.WithCancel(ctx)
	cancel()
	if err := m.Put(c, apKey, sample); !errors.Is(err, context.Canceled) {
		t.Errorf("Put with a cancelled context: %v", err)
	}
	if _, found := lookup(t, m, apKey, sample[0].Source); found[0] {
		t.Error("entry stored by a cancelled Put")
	}
}

// translated is a translated article whose machine translations are in
// the memory seeded by seeded.
func translated() *bitext.Document {
	d := &bitext.Document{
		Schema: bitext.Schema,
		Source: bitext.Source{Path: "a/karabakh.txt", Lang: "fr", SHA256: "5e1f"},
		Target: bitext.Target{Lang: "en"}, Backend: bitext.Backend{Name: "apertium"},
	}
	for i, p := range [][2]string{
		{"Le Haut-Karabakh a été évacué.", "Nagorno-Karabakh was evacuated."},
		{"Pachinian a parlé mardi.", "Pashinyan spoke on Tuesday."},
		{"Environ 6\u00a0500 personnes sont parties.", "About 6,500 people left."},
		{"Le gouvernement a réagi.", "The government reacted."},
		{"Fin de l'article.", "End of the article."},
	} {
		d.Segments = append(d.Segments, bitext.Segment{
			ID: "p" + string(rune('1'+i)), Kind: bitext.KindParagraph,
			Source: p[0], Target: p[1], MT: p[1] + " (raw)", Origin: "mt",
		})
	}
	d.Segments = append(d.Segments, bitext.Segment{ID: "c1", Kind: bitext.KindCode, Source: "x := 1", Target: "x := 1", Origin: "copy"})
	return d
}

// seeded returns a new memory holding the machine translations of d.
func (s *suite) seeded(t testing.TB, d *bitext.Document) *tm.Memory {
	t.Helper()
	m := s.open(t)
	var es []tm.Entry
	for _, sg := range d.Segments {
		if sg.Origin == "mt" {
			es = append(es, tm.Entry{Source: sg.Source, Target: sg.Target, MT: sg.MT, Path: d.Source.Path, SegmentID: sg.ID, SHA256: d.Source.SHA256})
		}
	}
	put(t, m, apKey, es...)
	return m
}

// writeXLIFF writes d as XLIFF into a temporary file, after edit.
func writeXLIFF(t testing.TB, d *bitext.Document, edit func(*bitext.Document)) string {
	t.Helper()
	if edit != nil {
		edit(d)
	}
	path := filepath.Join(t.TempDir(), "article.fr-en.xlf")
	var buf bytes.Buffer
	if err := output.WriteXLIFF(&buf, d); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// approvedSources returns the sources of d whose lookup gives an approved
// translation, with it.
func approvedSources(t testing.TB, m *tm.Memory, d *bitext.Document) map[string]tm.Hit {
	t.Helper()
	var sources []string
	for _, sg := range d.Segments {
		sources = append(sources, sg.Source)
	}
	hits, _ := lookup(t, m, apKey, sources...)
	out := map[string]tm.Hit{}
	for i, h := range hits {
		if h.Approved {
			out[d.Segments[i].ID] = h
		}
	}
	return out
}
