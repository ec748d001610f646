package tm

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/diglot/diglot/tm/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	if err := pgtest.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = max(code, 1)
	}
	os.Exit(code)
}

const (
	benchArticles   = 5000 // × 20 paragraphs: a memory of 100,000 entries
	benchParagraphs = 20
)

// bench is the memory the lookup benchmarks share, built once per process.
var bench struct {
	once sync.Once
	dir  string
	err  error
}

var benchWords = strings.Fields(`le la les un une des du de à au aux et ou mais donc président
gouvernement ministre accord réfugiés frontière Arménie Azerbaïdjan Haut-Karabakh
Pachinian mardi septembre habitants ville région conflit armée paix négociations a
été sont ont déclaré selon environ plus moins après avant pendant depuis contre`)

// paragraph returns paragraph i of benchmark article a: about 1.5 sentences,
// 200 to 300 characters of French words, distinct for each (a, i).
func paragraph(a, i int) string {
	r := rand.New(rand.NewPCG(uint64(a), uint64(i)))
	var b strings.Builder
	fmt.Fprintf(&b, "Article %d, paragraphe %d :", a, i)
	for b.Len() < 200+r.IntN(100) {
		b.WriteString(" " + benchWords[r.IntN(len(benchWords))])
		if r.IntN(25) == 0 {
			b.WriteString(".")
		}
	}
	b.WriteString(".")
	return b.String()
}

func articleEntries(a int) []Entry {
	es := make([]Entry, benchParagraphs)
	for i := range es {
		src := paragraph(a, i)
		es[i] = Entry{Source: src, Target: "EN " + src, MT: "EN " + src, Path: fmt.Sprintf("a/%d.txt", a), SegmentID: fmt.Sprintf("p%d", i+1)}
	}
	return es
}

// benchMemory opens the shared memory of 100,000 entries.
func benchMemory(b *testing.B) *Memory {
	b.Helper()
	bench.once.Do(func() {
		if bench.dir, bench.err = os.MkdirTemp("", "tm-bench"); bench.err != nil {
			return
		}
		m, err := Open(filepath.Join(bench.dir, "tm.db"))
		if err != nil {
			bench.err = err
			return
		}
		defer m.Close()
		for a := 0; a < benchArticles && bench.err == nil; a += 50 {
			var es []Entry
			for j := a; j < a+50; j++ {
				es = append(es, articleEntries(j)...)
			}
			bench.err = m.Put(ctx, apKey, es)
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	m, err := Open(filepath.Join(bench.dir, "tm.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { m.Close() })
	return m
}

// BenchmarkLookup looks up one 20-paragraph article (every paragraph a hit)
// in a memory of 100,000 entries: the cost of a cached re-run per article.
func BenchmarkLookup(b *testing.B) { benchLookups(b, benchMemory(b)) }

// BenchmarkLookupPostgres is BenchmarkLookup on PostgreSQL (the test
// server of pgtest, on a Unix socket of this machine).
func BenchmarkLookupPostgres(b *testing.B) { benchLookups(b, benchPostgres(b)) }

// benchPostgres opens the shared PostgreSQL memory of 100,000 entries,
// filled once per process.
func benchPostgres(b *testing.B) *Memory {
	b.Helper()
	benchPG.once.Do(func() {
		loc := pgtest.URL(b)
		m, err := Open(loc)
		if err != nil {
			benchPG.err = err
			return
		}
		defer m.Close()
		for a := 0; a < benchArticles && err == nil; a += 50 {
			var es []Entry
			for j := a; j < a+50; j++ {
				es = append(es, articleEntries(j)...)
			}
			err = m.Put(ctx, apKey, es)
		}
		benchPG.loc, benchPG.err = loc, err
	})
	switch {
	case benchPG.err != nil:
		b.Fatal(benchPG.err)
	case benchPG.loc == "":
		b.Skip("no PostgreSQL server")
	}
	m, err := Open(benchPG.loc)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { m.Close() })
	return m
}

var benchPG struct {
	once sync.Once
	loc  string
	err  error
}

func benchLookups(b *testing.B, m *Memory) {
	articles := make([][]string, 1000)
	for a := range articles {
		for _, e := range articleEntries(a * (benchArticles / len(articles))) {
			articles[a] = append(articles[a], e.Source)
		}
	}
	b.Run("hit", func(b *testing.B) {
		n := 0
		for b.Loop() {
			_, found, err := m.Lookup(ctx, apKey, articles[n%len(articles)])
			if err != nil || !found[benchParagraphs-1] {
				b.Fatalf("lookup: %v, found %v", err, found)
			}
			n++
		}
	})
	b.Run("miss", func(b *testing.B) {
		other := Key{Backend: "deepl", From: "fr", To: "en"}
		n := 0
		for b.Loop() {
			if _, found, err := m.Lookup(ctx, other, articles[n%len(articles)]); err != nil || found[0] {
				b.Fatalf("lookup: %v, found %v", err, found)
			}
			n++
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			n := rand.IntN(len(articles))
			for pb.Next() {
				if _, _, err := m.Lookup(ctx, apKey, articles[n%len(articles)]); err != nil {
					b.Error(err)
					return
				}
				n++
			}
		})
	})
}

// BenchmarkPut stores batches of new machine translations: one article (20
// paragraphs) and 25 articles per transaction.
func BenchmarkPut(b *testing.B) {
	for _, articles := range []int{1, 25} {
		b.Run(fmt.Sprintf("entries=%d", articles*benchParagraphs), func(b *testing.B) {
			m := openTemp(b)
			a := 0
			for b.Loop() {
				var es []Entry
				for range articles {
					es = append(es, articleEntries(a)...)
					a++
				}
				if err := m.Put(ctx, apKey, es); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(a*benchParagraphs), "µs/entry")
		})
	}
}

// BenchmarkImportSentences imports an OmegaT-style TMX of 20 sentences the
// memory of 100,000 paragraphs does not hold, made of the paragraphs' own
// words: each is looked for as a sentence of a paragraph (a scan of the
// pair's sources for its longest word, up to 50 candidates split and
// compared), then refused. The cost that sentence-level import adds.
func BenchmarkImportSentences(b *testing.B) {
	m := benchMemory(b)
	var tmx strings.Builder
	tmx.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.1"><header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" segtype="sentence" srclang="fr"/><body>
`)
	for i := range 20 {
		r := rand.New(rand.NewPCG(uint64(i), 99))
		var s strings.Builder
		s.WriteString("Phrase")
		for range 12 {
			s.WriteString(" " + benchWords[r.IntN(len(benchWords))])
		}
		fmt.Fprintf(&tmx, "<tu><tuv lang=\"fr\"><seg>%s.</seg></tuv><tuv lang=\"en\"><seg>Sentence %d.</seg></tuv></tu>\n", s.String(), i)
	}
	tmx.WriteString("</body></tmx>\n")
	path := filepath.Join(b.TempDir(), "project_save.tmx")
	if err := os.WriteFile(path, []byte(tmx.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		_, err := m.Import(ctx, path, ImportOptions{})
		var re *RefusedError
		if !errors.As(err, &re) { // none of its units is held
			b.Fatalf("import: %v", err)
		}
	}
}
