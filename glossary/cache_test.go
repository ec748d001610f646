package glossary

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
)

// cacheFiles writes a glossary of two files over CacheMinSize into a
// temporary folder: the sample YAML (forbidden forms, variants, inflected
// forms, a stemmed and a case-sensitive entry) and a TSV of generated rows
// with duplicates, conflicts, acronyms and untidy spacing, so that every
// field the cache holds is filled.
func cacheFiles(t testing.TB) []string {
	dir := t.TempDir()
	yaml, err := os.ReadFile(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var tsv strings.Builder
	g := synthetic(20_000)
	for i, e := range g.Entries {
		fmt.Fprintf(&tsv, "%s\t%s\n", e.Sources[0], e.Target)
		switch i % 500 {
		case 1:
			fmt.Fprintf(&tsv, "%s\t%s\n", e.Sources[0], e.Target) // duplicate
		case 2:
			fmt.Fprintf(&tsv, "%s\tautre %d\n", e.Sources[0], i) // conflict
		case 3:
			fmt.Fprintf(&tsv, " %s  bis \t%s\n", e.Sources[0], e.Target) // whitespace, a variant
		}
	}
	tsv.WriteString("ONU\tUN\nHaut-Karabakh\tNagorno Karabakh\n")
	paths := []string{filepath.Join(dir, "sample.yaml"), filepath.Join(dir, "big.tsv")}
	if err := os.WriteFile(paths[0], yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths[1], []byte(tsv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if tsv.Len() < CacheMinSize {
		t.Fatalf("test glossary of %d bytes is under the cache's %d", tsv.Len(), CacheMinSize)
	}
	return paths
}

// cacheTexts are texts whose matches the cached matcher must give as the
// built one does.
var cacheTexts = []string{
	"Le Haut-Karabakh et le haut karabagh, Pachinian à Erevan; les casques bleus arméniens.",
	"L’UE et l'ue, l’ONU, le Kremlin et #MeToo : Upper Karabakh, Tall Karabakh.",
}

// sameGlossary fails unless got is want as a caller sees it: entries,
// files, conflicts, lint findings, fingerprint and matches.
func sameGlossary(t *testing.T, got, want *Glossary) {
	t.Helper()
	entries := func(g *Glossary) []Entry {
		var out []Entry
		for _, e := range g.Entries {
			out = append(out, *e)
		}
		return out
	}
	if !reflect.DeepEqual(entries(got), entries(want)) {
		t.Fatal("entries differ")
	}
	if got.From != want.From || got.To != want.To || !reflect.DeepEqual(got.Files, want.Files) {
		t.Fatalf("pair or files differ: %s-%s %v, want %s-%s %v", got.From, got.To, got.Files, want.From, want.To, want.Files)
	}
	if len(got.Conflicts) != len(want.Conflicts) || len(want.Conflicts) == 0 {
		t.Fatalf("%d conflicts, want %d (and some)", len(got.Conflicts), len(want.Conflicts))
	}
	for i := range got.Conflicts {
		if g, w := got.Conflicts[i].String(), want.Conflicts[i].String(); g != w {
			t.Fatalf("conflict %d: %s, want %s", i, g, w)
		}
	}
	lint := func(g *Glossary) (out []string) {
		for _, f := range Lint(g) {
			id := ""
			if f.Entry != nil {
				id = f.Entry.ID
			}
			out = append(out, f.String()+" "+id)
		}
		return out
	}
	if g, w := lint(got), lint(want); !reflect.DeepEqual(g, w) || len(w) == 0 {
		t.Fatalf("lint differs: %d findings, want %d (and some)", len(g), len(w))
	}
	if g, w := got.Fingerprint(), want.Fingerprint(); g != w {
		t.Fatalf("fingerprint %s, want %s", g, w)
	}
	texts := append(slicesClone(cacheTexts), strings.Join(sourcesOf(want, 2000), " "))
	gm, wm := got.Matcher(), want.Matcher()
	for _, text := range texts {
		show := func(ms []Match) (out []string) {
			for _, m := range ms {
				out = append(out, fmt.Sprintf("%d-%d %s %v", m.Start, m.End, m.Entry.ID, m.Variant))
			}
			return out
		}
		g, w := show(gm.Find(text)), show(wm.Find(text))
		if !reflect.DeepEqual(g, w) || len(w) == 0 {
			t.Fatalf("Find(%.40q): %d matches, want %d (and some)", text, len(g), len(w))
		}
		g, w = show(gm.FindForbiddenAll(text)), show(wm.FindForbiddenAll(text))
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("FindForbiddenAll(%.40q): %v, want %v", text, g, w)
		}
	}
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }

// sourcesOf returns the first source form of every n-th entry.
func sourcesOf(g *Glossary, every int) []string {
	var out []string
	for i := 0; i < len(g.Entries); i += every {
		out = append(out, g.Entries[i].Sources...)
	}
	return out
}

func TestCacheSameGlossary(t *testing.T) {
	paths := cacheFiles(t)
	dir := t.TempDir()
	want, err := LoadWith(LoadOptions{NoCache: true}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	first, err := LoadWith(LoadOptions{CacheDir: dir}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.glc"))
	if len(files) != 1 {
		t.Fatalf("cache files %v, want one", files)
	}
	cached, err := LoadWith(LoadOptions{CacheDir: dir}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	if cached.cached == nil || cached == first {
		t.Fatal("the second load did not come from the cache")
	}
	if cached.cached() == nil {
		t.Fatal("the cached matcher does not decode: every run would build it again")
	}
	sameGlossary(t, first, want)
	sameGlossary(t, cached, want)

	// A change to a file is another key: parsed again, not the old cache.
	if err := os.WriteFile(paths[1], append(mustRead(os.ReadFile(paths[1])), "Zorglub\tZorglub (en)\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := LoadWith(LoadOptions{CacheDir: dir}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	if ms := changed.Matcher().Find("Zorglub"); len(ms) != 1 {
		t.Fatalf("after a change: %v, want the new entry", ms)
	}
}

func mustRead(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestCacheReadOnly: a command that needs no matcher reads the cache when
// it holds the files, and never builds or stores one when it does not.
func TestCacheReadOnly(t *testing.T) {
	paths := cacheFiles(t)
	dir := t.TempDir()
	want, err := LoadWith(LoadOptions{NoCache: true}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	g, err := LoadWith(LoadOptions{CacheDir: dir, CacheReadOnly: true}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	sameGlossary(t, g, want)
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("a read-only load wrote %d cache files", len(files))
	}
	if _, err := LoadWith(LoadOptions{CacheDir: dir}, paths...); err != nil {
		t.Fatal(err)
	}
	g, err = LoadWith(LoadOptions{CacheDir: dir, CacheReadOnly: true}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	if g.cached == nil {
		t.Fatal("a read-only load did not read the cache")
	}
	sameGlossary(t, g, want)
}

// TestCacheUntrusted: a corrupt, truncated or foreign cache file, or one of
// another version, is ignored (the glossary is parsed, and the same) and
// replaced. (A file crafted with a valid checksum is FuzzCacheDecode's.)
func TestCacheUntrusted(t *testing.T) {
	paths := cacheFiles(t)
	want, err := LoadWith(LoadOptions{NoCache: true}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(paths[1])
	key := cacheKey(LoadOptions{}, paths, [][]byte{mustRead(os.ReadFile(paths[0])), data})
	good := encodeCache(want, key)
	resum := func(b []byte) []byte { // a payload change that the checksum does not catch
		b = b[:len(b)-sumSize]
		sum := sumOf(b)
		return append(b, sum[:]...)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x40
	other := encodeCache(want, [32]byte{1})
	cases := map[string][]byte{
		"empty":        {},
		"garbage":      []byte("not a cache file at all"),
		"flipped byte": flipped,
		"truncated":    good[:len(good)/3],
		"foreign key":  other,
		"old version":  resum(append([]byte(cacheMagic+"\x00"), good[len(cacheMagic)+1:]...)),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(cachePath(dir, key), content, 0o644); err != nil {
				t.Fatal(err)
			}
			g, err := LoadWith(LoadOptions{CacheDir: dir}, paths...)
			if err != nil {
				t.Fatal(err)
			}
			sameGlossary(t, g, want)
			if now := mustRead(os.ReadFile(cachePath(dir, key))); !bytes.Equal(now, good) && len(now) != len(good) {
				t.Fatalf("cache file of %d bytes not replaced (want %d)", len(now), len(good))
			}
		})
	}
}

// FuzzCacheDecode: any change to a cache file's payload, even one its
// checksum is made to cover, is refused or gives a matcher that runs
// without a panic.
func FuzzCacheDecode(f *testing.F) {
	g, err := Parse("small.yaml", mustRead(os.ReadFile(filepath.Join("testdata", "sample.yaml"))))
	if err != nil {
		f.Fatal(err)
	}
	good := encodeCache(g, [32]byte{})
	f.Add(0, byte(1), 0)
	f.Add(len(good)/2, byte(0x80), 3)
	f.Add(len(good)-40, byte(0xff), 0)
	f.Fuzz(func(t *testing.T, at int, x byte, cut int) {
		b := bytes.Clone(good[:len(good)-sumSize])
		if at < 0 || at >= len(b) || cut < 0 {
			return
		}
		b[at] ^= x
		b = b[:len(b)-min(cut, len(b)-at-1)]
		sum := sumOf(b)
		d, err := decodeCache(append(b, sum[:]...), [32]byte{}, at%2 == 0)
		if err != nil {
			return
		}
		for _, text := range cacheTexts {
			d.Matcher().Find(text)
			d.Matcher().FindForbiddenAll(text)
		}
		Lint(d)
	})
}

// BenchmarkCacheDecode reads the set-up cache of a 100,000-entry glossary:
// entries only (lint), and entries with the matcher (check, translate).
//
//	go test -run '^$' -bench CacheDecode -benchmem -count 5 ./glossary
func BenchmarkCacheDecode(b *testing.B) {
	file := encodeCache(synthetic(100_000), [32]byte{})
	for _, c := range []struct {
		name    string
		matcher bool
	}{{"entries", false}, {"matcher", true}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(file)))
			b.ReportAllocs()
			cpu := cpuClock()
			for b.Loop() {
				g, err := decodeCache(file, [32]byte{}, c.matcher)
				if err != nil {
					b.Fatal(err)
				}
				if c.matcher && g.cached() == nil {
					b.Fatal("the matcher does not decode")
				}
			}
			b.ReportMetric(float64(cpuClock()-cpu)/float64(b.N)/1e9, "cpu-s/op")
		})
	}
}

// TestCachePausesGC: decodes that overlap (entries, and the matchers
// decoded beside them) leave the collector as they found it once all end.
func TestCachePausesGC(t *testing.T) {
	file := encodeCache(synthetic(2_000), [32]byte{})
	const setting = 123
	old := debug.SetGCPercent(setting)
	defer debug.SetGCPercent(old)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, err := decodeCache(file, [32]byte{}, i%2 == 0)
			if err != nil {
				t.Error(err)
				return
			}
			if g.cached() == nil {
				t.Error("the matcher does not decode")
			}
		}()
	}
	wg.Wait()
	if got := debug.SetGCPercent(setting); got != setting {
		t.Fatalf("GC percent %d after the decodes, want %d as before", got, setting)
	}
}
