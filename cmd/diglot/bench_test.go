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
)

// wmtArticles writes n articles of 15 paragraphs each, made from the French
// side of WMT newstest2014 (about 1.5 sentences a paragraph), into dir, and
// returns the whole text as one file for the raw Apertium baseline.
func wmtArticles(b *testing.B, dir string, n int) string {
	b.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "parallel", "wmt", "newstest2014.fra-eng.fra"))
	if err != nil {
		b.Skipf("the shared corpus is absent (%v)", err)
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
	var rawTotal, diglotTotal time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		cmd := exec.Command("bash", "-c", "apertium fr-es < "+raw+" | apertium spa-eng > /dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("raw apertium: %v\n%s", err, out)
		}
		rawTotal += time.Since(start)

		start = time.Now()
		a := newApp(strings.NewReader(""), io.Discard, &bytes.Buffer{}, os.Getenv)
		out := filepath.Join(dir, fmt.Sprintf("out%d", i))
		if code := a.run([]string{"diglot", "translate", "--format", "json", "--out", out, filepath.Join(dir, "articles")}); code != 0 {
			b.Fatalf("diglot exited %d", code)
		}
		diglotTotal += time.Since(start)
	}
	b.ReportMetric(rawTotal.Seconds()/float64(b.N), "raw-s/op")
	b.ReportMetric(diglotTotal.Seconds()/float64(b.N), "diglot-s/op")
	b.ReportMetric(float64(diglotTotal)/float64(rawTotal), "x-raw")
}
