package edition_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate/fake"
)

// refusingMemory is a memory whose writes fail while refuse is set, as an
// SQLite file behind a long writer ("database is locked") or on a full disk.
type refusingMemory struct {
	*tm.Memory
	refuse atomic.Bool
	puts   atomic.Int32
}

func (m *refusingMemory) Put(ctx context.Context, k tm.Key, entries []tm.Entry) error {
	m.puts.Add(1)
	if m.refuse.Load() {
		return errors.New("database is locked")
	}
	return m.Memory.Put(ctx, k, entries)
}

// A memory that refuses every write costs no paid work: the outputs are
// written, the translations wait in the spill folder, the run says so (exit
// 1 through ErrMemoryWrite), and the next run stores them before it starts,
// so that it sends nothing.
func TestFailedMemoryWritesKeepThePaidWork(t *testing.T) {
	edition.QuickPutRetries(t.Cleanup)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"in/a.txt": "Le président est arrivé.\n\nLa guerre au Haut-Karabakh.\n",
		"in/b.txt": "La paix est revenue.\n",
	})
	mem := &refusingMemory{Memory: openMemory(t, dir)}
	mem.refuse.Store(true)
	b := &fake.Backend{}
	cfg := config(t, dir, b, nil)
	cfg.Pipeline.Memory = mem

	r, err := edition.Run(context.Background(), cfg)
	if !errors.Is(err, edition.ErrMemoryWrite) || !strings.Contains(err.Error(), "database is locked") ||
		!strings.Contains(err.Error(), "3 paragraphs kept in") {
		t.Fatalf("err = %v, want ErrMemoryWrite naming the cause and the count", err)
	}
	if r.Articles.Done != 2 || r.Articles.Failed != 0 || r.Spilled != 3 {
		t.Fatalf("report %+v: want both articles written and 3 paragraphs spilled", r.Articles)
	}
	for _, name := range []string{"a.fr-en.json", "a.fr-en.html", "b.fr-en.md", "run.json"} {
		if _, err := os.Stat(filepath.Join(dir, "out", name)); err != nil {
			t.Errorf("output %s: %v", name, err)
		}
	}
	if mem.puts.Load() < 8 { // each of 2 batches: 1 try and 3 retries
		t.Errorf("%d memory writes: the write was not retried", mem.puts.Load())
	}
	calls, _ := b.Calls()

	// The memory works again: the next run stores the spilled paragraphs
	// first, then finds every one of them there.
	mem.refuse.Store(false)
	cfg.Force = true // rewrite the outputs, so that every paragraph is looked up
	r, err = edition.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if now, _ := b.Calls(); now != calls || r.Unspilled != 3 || r.Segments.Memory != 3 {
		t.Fatalf("second run: %d backend calls after %d, %d unspilled, %d from memory; want no call and 3 from the spill",
			now, calls, r.Unspilled, r.Segments.Memory)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", edition.SpillDir)); !os.IsNotExist(err) {
		t.Errorf("the spill folder is still there after it was stored: %v", err)
	}
}

// A spill file cut short by a crash mid-line gives what it holds whole, and
// one the memory still refuses stays for the next run.
func TestUnspillTakesWholeLinesAndKeepsWhatTheMemoryRefuses(t *testing.T) {
	dir := t.TempDir()
	spill := filepath.Join(dir, edition.SpillDir)
	line := `{"key":{"Backend":"fake","Settings":"","From":"fr","To":"en","Glossary":""},"entries":[{"Source":"Un.","Target":"One.","MT":"One.","Path":"a.txt","SegmentID":"p1","SHA256":"","Machine":""}],"error":"database is locked"}`
	writeFiles(t, dir, map[string]string{edition.SpillDir + "/1.jsonl": line + "\n" + line[:40]})
	mem := &refusingMemory{Memory: openMemory(t, dir)}
	mem.refuse.Store(true)
	if _, err := edition.Unspill(context.Background(), mem, dir); err == nil {
		t.Fatal("a refusing memory took the spill")
	}
	if _, err := os.Stat(filepath.Join(spill, "1.jsonl")); err != nil {
		t.Fatalf("the spill file was removed although the memory refused it: %v", err)
	}
	mem.refuse.Store(false)
	n, err := edition.Unspill(context.Background(), mem, dir)
	if err != nil || n != 1 {
		t.Fatalf("Unspill = %d, %v; want the 1 whole line", n, err)
	}
	hits, found, err := mem.Lookup(context.Background(), tm.Key{Backend: "fake", From: "fr", To: "en"}, []string{"Un."})
	if err != nil || !found[0] || hits[0].Target != "One." {
		t.Fatalf("lookup after unspill: %v %v %v", hits, found, err)
	}
}

// A temporary file left by a diglot killed while it wrote is removed before
// the next run writes; files that only look alike are not touched.
func TestRunRemovesStaleTemporaryFilesOnly(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"in/a.txt": "Bonjour.\n",
		// PID 4194304 is above Linux's largest: that process is not running.
		"out/.a.fr-en.json.diglot-4194304-abc123.123456.tmp": `{"half": `,
		"out/.notes.tmp": "the user's own",
		"out/keep.txt":   "the user's own",
	})
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "out/.a.fr-en.json.diglot-4194304-abc123.123456.tmp"), old, old)
	r := run(t, config(t, dir, &fake.Backend{}, nil))
	if r.StaleRemoved != 1 {
		t.Errorf("StaleRemoved = %d, want 1", r.StaleRemoved)
	}
	if _, err := os.Stat(filepath.Join(dir, "out/.a.fr-en.json.diglot-4194304-abc123.123456.tmp")); !os.IsNotExist(err) {
		t.Errorf("the stale temporary file is still there: %v", err)
	}
	for _, name := range []string{"out/.notes.tmp", "out/keep.txt", "out/a.fr-en.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
