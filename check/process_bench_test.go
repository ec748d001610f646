package check

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/testkit"
)

// The whole-process benchmarks of issue 18: the diglot binary, built once
// from this module, run as a child process on 100 French articles of about
// 52 KB each (5.2 MB, the WMT newstest2014 French lines cycled), on their
// bitext JSON outputs (the English lines as targets), with a 10-entry and a
// 100,000-entry glossary. Each figure is the child's own CPU time (user and
// system, from its rusage), which other load on a shared machine skews far
// less than wall time:
//
//	go test -run '^$' -bench CheckProcess -benchtime 5x -cpu 1 ./check

// benchArticles and benchArticleSize shape the generated articles.
const (
	benchArticles    = 100
	benchArticleSize = 52_000
)

// processData is what the whole-process benchmarks run on, written once
// into a temporary folder.
type processData struct {
	dir                   string
	articles, json        string // folders
	articleBytes          int64  // bytes of the article files
	jsonSource            int64  // bytes of the JSON segments' sources
	small, large, large1M string // glossary files: 10 entries, 100,000, 1,000,000 rows
}

var (
	processOnce sync.Once
	processBin  string
	process     processData
	processErr  error
)

// processSetup builds diglot and writes the data, once per test binary.
func processSetup(b *testing.B) (string, *processData) {
	b.Helper()
	fr := strings.Split(strings.TrimSuffix(readCorpus(b, "parallel", "wmt", "newstest2014.fra-eng.fra"), "\n"), "\n")
	en := strings.Split(strings.TrimSuffix(readCorpus(b, "parallel", "wmt", "newstest2014.fra-eng.eng"), "\n"), "\n")
	processOnce.Do(func() {
		dir, err := os.MkdirTemp("", "diglot-bench-")
		if err != nil {
			processErr = err
			return
		}
		processBin = filepath.Join(dir, "diglot")
		build := exec.Command(goTool(), "build", "-o", processBin, "github.com/diglot/diglot/cmd/diglot")
		if out, err := build.CombinedOutput(); err != nil {
			processErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		process, processErr = writeProcessData(dir, fr, en)
	})
	if processErr != nil {
		b.Fatal(processErr)
	}
	return processBin, &process
}

func goTool() string {
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(p) {
		return p
	}
	return "go"
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// writeProcessData writes the articles, their JSON outputs and the
// glossaries into dir.
func writeProcessData(dir string, fr, en []string) (processData, error) {
	d := processData{dir: dir, articles: filepath.Join(dir, "articles"), json: filepath.Join(dir, "out")}
	for _, sub := range []string{d.articles, d.json} {
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return d, err
		}
	}
	next := 0
	for a := range benchArticles {
		var art strings.Builder
		doc := bitext.Document{Schema: bitext.Schema, Source: bitext.Source{Path: fmt.Sprintf("a%03d.txt", a), Lang: "fr"},
			Target: bitext.Target{Lang: "en"}}
		for p := 0; art.Len() < benchArticleSize; p++ {
			src, tgt := fr[next%len(fr)], en[next%len(en)]
			next++
			if p%2 == 1 { // every other paragraph has two sentences
				src += " " + fr[next%len(fr)]
				tgt += " " + en[next%len(en)]
				next++
			}
			art.WriteString(src + "\n")
			doc.Segments = append(doc.Segments, bitext.Segment{ID: fmt.Sprintf("p%d", p+1), Kind: bitext.KindParagraph,
				Source: src, Target: tgt, MT: tgt})
			d.jsonSource += int64(len(src))
		}
		d.articleBytes += int64(art.Len())
		if err := os.WriteFile(filepath.Join(d.articles, fmt.Sprintf("a%03d.txt", a)), []byte(art.String()), 0o644); err != nil {
			return d, err
		}
		var buf bytes.Buffer
		if err := bitext.Write(&buf, &doc); err != nil {
			return d, err
		}
		if err := os.WriteFile(filepath.Join(d.json, fmt.Sprintf("a%03d.fr-en.json", a)), buf.Bytes(), 0o644); err != nil {
			return d, err
		}
	}
	d.small, d.large, d.large1M = filepath.Join(dir, "g10.tsv"), filepath.Join(dir, "g100k.tsv"), filepath.Join(dir, "g1m.tsv")
	for _, g := range []struct {
		path string
		rows int
	}{{d.small, 10}, {d.large, 100_000}, {d.large1M, 1_000_000}} {
		if err := os.WriteFile(g.path, benchGlossary(g.rows), 0o644); err != nil {
			return d, err
		}
	}
	return d, nil
}

// placeTerms are the 10 entries of the small glossary, all of them in the
// French news the articles are made of; the large ones start with them.
var placeTerms = [][2]string{
	{"États-Unis", "United States"}, {"Allemagne", "Germany"}, {"Royaume-Uni", "United Kingdom"},
	{"Chine", "China"}, {"Russie", "Russia"}, {"Espagne", "Spain"}, {"Londres", "London"},
	{"Bruxelles", "Brussels"}, {"Union européenne", "European Union"}, {"Syrie", "Syria"},
}

// benchGlossary returns a two-column TSV glossary of rows rows: placeTerms,
// then deterministic pseudo-French words and names of one to three words.
func benchGlossary(rows int) []byte {
	onsets := []string{"b", "c", "ch", "d", "f", "g", "j", "l", "m", "n", "p", "r", "s", "t", "v", "br", "tr", "gr", "pl", "cl"}
	nuclei := []string{"a", "e", "i", "o", "ou", "é", "è", "au", "an", "on", "in", "ai"}
	codas := []string{"", "", "", "r", "l", "n", "s", "x", "t"}
	state := uint64(0x9e3779b97f4a7c15)
	rnd := func(k int) int {
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
		return int(state % uint64(k))
	}
	word := func() string {
		var w strings.Builder
		for range 2 + rnd(3) {
			w.WriteString(onsets[rnd(len(onsets))])
			w.WriteString(nuclei[rnd(len(nuclei))])
		}
		w.WriteString(codas[rnd(len(codas))])
		return w.String()
	}
	title := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	var out bytes.Buffer
	for i := 0; i < rows; i++ {
		if i < len(placeTerms) {
			fmt.Fprintf(&out, "%s\t%s\n", placeTerms[i][0], placeTerms[i][1])
			continue
		}
		var src string
		switch rnd(4) {
		case 0:
			src = word()
		case 1:
			src = title(word()) + " " + title(word())
		case 2:
			src = title(word()) + " de " + title(word())
		default:
			src = title(word())
		}
		fmt.Fprintf(&out, "%s\t%s%d\n", src, strings.ToUpper(src[:1]), i)
	}
	return out.Bytes()
}

// runProcess runs the binary with args, its cache in cache, and returns its
// CPU time, wall time and peak memory. Exit code 1 (findings) is success.
func runProcess(b *testing.B, bin, cache string, args ...string) (cpu, wall time.Duration, rss int64) {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache, "HOME="+cache)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall = time.Since(start)
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		b.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	ps := cmd.ProcessState
	cpu = ps.UserTime() + ps.SystemTime()
	return cpu, wall, testkit.PeakRSS(ps)
}

// BenchmarkCheckProcess is `diglot check` as a user runs it, whole process:
// the articles with 10 and 100,000 entries, and their JSON outputs. The
// 100,000-entry case runs once before the timer, as a second run in a day
// does: its matcher then comes from the cache (cold: an empty cache each
// run, which compiles the matcher and stores it).
func BenchmarkCheckProcess(b *testing.B) {
	bin, d := processSetup(b)
	cases := []struct {
		name     string
		glossary string
		input    string
		bytes    int64
		cold     bool
	}{
		{"articles/10", d.small, d.articles, d.articleBytes, false},
		{"articles/100k", d.large, d.articles, d.articleBytes, false},
		{"articles/100k-cold", d.large, d.articles, d.articleBytes, true},
		{"json/10", d.small, d.json, d.jsonSource, false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			cache := b.TempDir()
			args := []string{"check", "--glossary", c.glossary, c.input}
			runProcess(b, bin, cache, args...)
			var cpu, wall time.Duration
			var rss int64
			for i := 0; b.Loop(); i++ {
				if c.cold {
					cache = filepath.Join(b.TempDir(), fmt.Sprint(i))
				}
				c1, w1, r1 := runProcess(b, bin, cache, args...)
				cpu, wall, rss = cpu+c1, wall+w1, max(rss, r1)
			}
			n := float64(b.N)
			b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns/op")
			b.ReportMetric(float64(c.bytes)*n/cpu.Seconds()/1e6, "MB/cpu-s")
			b.ReportMetric(float64(c.bytes)*n/wall.Seconds()/1e6, "MB/wall-s")
			b.ReportMetric(float64(rss)/1e6, "peak-MB")
		})
	}
}

// BenchmarkGlossary1MProcess is a 1,000,000-row TSV glossary (28 MB) in the
// two commands of issue 18's goal, whole process: `diglot glossary lint`,
// and `diglot translate` (Apertium, no memory, JSON only) of one short
// article, the first 2,000 bytes of the corpus's seed article. Like a
// user's second run, `glossary show` runs once before the timer, which
// fills the set-up cache (lint only reads it); cold is lint with an empty
// cache each run.
//
//	go test -run '^$' -bench Glossary1MProcess -benchtime 3x ./check
func BenchmarkGlossary1MProcess(b *testing.B) {
	bin, d := processSetup(b)
	seed := readCorpus(b, "seed", "000_ce33e93aea62c78b.txt")
	short := filepath.Join(b.TempDir(), "short.txt")
	if err := os.WriteFile(short, []byte(strings.ToValidUTF8(seed[:min(len(seed), 2000)], "")), 0o644); err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		args func(i int) []string
		cold bool
	}{
		{"lint", func(int) []string { return []string{"glossary", "lint", d.large1M} }, false},
		{"lint-cold", func(int) []string { return []string{"glossary", "lint", d.large1M} }, true},
		{"translate", func(i int) []string {
			return []string{"translate", "-q", "--no-tm", "--format", "json", "--out", filepath.Join(d.dir, fmt.Sprintf("tr%d", i)),
				"--glossary", d.large1M, short}
		}, false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if c.name == "translate" {
				if _, err := exec.LookPath("apertium"); err != nil {
					b.Skip("apertium is not installed")
				}
			}
			cache := b.TempDir()
			// lint only reads the cache: a command that matches fills it
			runProcess(b, bin, cache, "glossary", "show", "--article", short, d.large1M)
			var cpu time.Duration
			var rss int64
			for i := 0; b.Loop(); i++ {
				if c.cold {
					cache = filepath.Join(b.TempDir(), fmt.Sprint(i))
				}
				c1, _, r1 := runProcess(b, bin, cache, c.args(i)...)
				cpu, rss = cpu+c1, max(rss, r1)
			}
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(rss)/1e6, "peak-MB")
		})
	}
}

// TestMain removes the whole-process benchmarks' folder after the run,
// unless DIGLOT_BENCH_KEEP is set: then it says where the binary and the
// data are, to profile them (`diglot check` with a CPU profile, perf).
func TestMain(m *testing.M) {
	code := m.Run()
	if process.dir != "" && os.Getenv("DIGLOT_BENCH_KEEP") != "" {
		fmt.Fprintf(os.Stderr, "whole-process benchmark data kept in %s\n", process.dir)
	} else if process.dir != "" {
		os.RemoveAll(process.dir)
	}
	os.Exit(code)
}
