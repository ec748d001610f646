package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/internal/testkit"
)

// wmtArticles writes n articles of 15 paragraphs each, made from the French
// side of WMT newstest2014 (about 1.5 sentences a paragraph), into dir, and
// returns the whole text as one file for the raw Apertium baseline.
func wmtArticles(b *testing.B, dir string, n int) string {
	b.Helper()
	f, err := os.Open(testkit.Corpus(b, "parallel", "wmt", "newstest2014.fra-eng.fra"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	var all strings.Builder
	next := 0
	for a := range n {
		var art strings.Builder
		for p := range 15 {
			para := lines[next%len(lines)]
			next++
			if p%2 == 1 { // every other paragraph has two sentences
				para += " " + lines[next%len(lines)]
				next++
			}
			art.WriteString(para + "\n")
		}
		name := filepath.Join(dir, "articles", fmt.Sprintf("a%03d.txt", a))
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(art.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		all.WriteString(art.String())
	}
	raw := filepath.Join(dir, "all.txt")
	os.WriteFile(raw, []byte(all.String()), 0o644)
	return raw
}

// BenchmarkApertium100Articles measures `diglot translate` over 100 articles
// against one raw `apertium fr-es | apertium spa-eng` over the same text, in
// the same iteration, and reports the ratio (goal: at most 1.5).
func BenchmarkApertium100Articles(b *testing.B) {
	if _, err := exec.LookPath("apertium"); err != nil {
		b.Skip("apertium is not installed")
	}
	dir := b.TempDir()
	raw := wmtArticles(b, dir, 100)
	var rawTotal, diglotTotal, rawCPU, diglotCPU time.Duration
	for i := 0; b.Loop(); i++ {
		cpu0 := cpuTime()
		start := time.Now()
		cmd := exec.Command("bash", "-c", "apertium fr-es < "+raw+" | apertium spa-eng > /dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("raw apertium: %v\n%s", err, out)
		}
		rawTotal += time.Since(start)
		cpu1 := cpuTime()
		rawCPU += cpu1 - cpu0

		start = time.Now()
		a := newApp(strings.NewReader(""), io.Discard, &bytes.Buffer{}, os.Getenv)
		out := filepath.Join(dir, fmt.Sprintf("out%d", i))
		if code := a.run([]string{"diglot", "translate", "--format", "json", "--no-tm", "--out", out, filepath.Join(dir, "articles")}); code != 0 {
			b.Fatalf("diglot exited %d", code)
		}
		diglotTotal += time.Since(start)
		diglotCPU += cpuTime() - cpu1
	}
	b.ReportMetric(rawTotal.Seconds()/float64(b.N), "raw-s/op")
	b.ReportMetric(diglotTotal.Seconds()/float64(b.N), "diglot-s/op")
	b.ReportMetric(float64(diglotTotal)/float64(rawTotal), "x-raw")
	b.ReportMetric(rawCPU.Seconds()/float64(b.N), "raw-cpu-s/op")
	b.ReportMetric(diglotCPU.Seconds()/float64(b.N), "diglot-cpu-s/op")
	b.ReportMetric(float64(diglotCPU)/float64(rawCPU), "x-raw-cpu")
}

// wmtParagraphs returns the French side of WMT newstest2014 grouped into
// paragraphs of one or two sentences (1.5 on average).
func wmtParagraphs(b *testing.B) []string {
	b.Helper()
	data, err := os.ReadFile(testkit.Corpus(b, "parallel", "wmt", "newstest2014.fra-eng.fra"))
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var paras []string
	for i := 0; i < len(lines); i++ {
		p := lines[i]
		if i%2 == 1 && i+1 < len(lines) {
			i++
			p += " " + lines[i]
		}
		paras = append(paras, p)
	}
	return paras
}

// writeBatch writes n articles of 20 paragraphs each into dir, cycling over
// paras; an article's number makes its first paragraph unique.
func writeBatch(b *testing.B, dir string, n int, paras []string) {
	b.Helper()
	next := 0
	for a := range n {
		var art strings.Builder
		fmt.Fprintf(&art, "Article %d.\n", a)
		for range 19 {
			art.WriteString(paras[next%len(paras)] + "\n")
			next++
		}
		name := filepath.Join(dir, fmt.Sprintf("d%02d", a/100), fmt.Sprintf("a%04d.txt", a))
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(art.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// runChild runs diglot as a child process and returns its wall time and
// peak resident memory.
func runChild(b *testing.B, dir string, env map[string]string, args ...string) (time.Duration, int64) {
	b.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DIGLOT_TEST_MAIN=1")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("diglot %v: %v\n%s", args, err, stderr.String())
	}
	took := time.Since(start)
	return took, testkit.PeakRSS(cmd.ProcessState)
}

// BenchmarkBatch2000 runs the nightly job: 2,000 articles of 20 paragraphs
// made from WMT newstest2014, through a DeepL test server with 100 ms of
// latency and 8 requests in flight. It reports the wall time against the
// bound latency and concurrency set (requests × latency ÷ in flight; goal
// ≤ 1.15), the cached re-run's rate (goal ≥ 1,000 articles a second), and
// peak memory for 500 and 2,000 articles (goal < 200 MB, flat).
func BenchmarkBatch2000(b *testing.B) {
	paras := wmtParagraphs(b)
	const latency = 100 * time.Millisecond
	const inFlight = 8
	for b.Loop() {
		srv := newCountingServer(b, latency)
		env := map[string]string{"DEEPL_AUTH_KEY": "test-key:fx"}
		var peaks []int64
		for _, n := range []int{500, 2000} {
			dir := b.TempDir()
			writeBatch(b, filepath.Join(dir, "in"), n, paras)
			args := []string{"translate", "--backend", "deepl", "--endpoint", srv.URL, "--format", "json",
				"--in-flight", fmt.Sprint(inFlight), "--jobs", "16", "--progress", "quiet", "--out", "out", "in"}
			before, _ := srv.counts()
			took, peak := runChild(b, dir, env, args...)
			peaks = append(peaks, peak)
			if n < 2000 {
				continue
			}
			after, _ := srv.counts()
			requests := after - before
			bound := time.Duration(requests) * latency / inFlight
			b.ReportMetric(took.Seconds(), "wall-s")
			b.ReportMetric(float64(requests), "requests")
			b.ReportMetric(float64(took)/float64(bound), "x-bound")
			cached, _ := runChild(b, dir, env, args...)
			if again, _ := srv.counts(); again != after {
				b.Fatal("the cached re-run called the backend")
			}
			b.ReportMetric(float64(n)/cached.Seconds(), "cached-articles/s")
		}
		b.ReportMetric(float64(peaks[0])/1e6, "peak-MB-500")
		b.ReportMetric(float64(peaks[1])/1e6, "peak-MB-2000")
	}
}
