package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/tm/pgtest"
)

// wirePool returns the paragraphs of the project's sample articles, as
// diglot reads them (junk removed): the wire copy that newsrooms repeat
// across articles.
func wirePool(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("sample articles: %v", err)
	}
	var pool []string
	seen := map[string]bool{}
	for _, f := range files {
		if article.FormatOf(f) == "" {
			continue
		}
		a, err := article.Read(f, article.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range a.Blocks {
			if b.Kind == bitext.KindParagraph && b.Translate && len(b.Text) > 60 && !seen[b.Text] {
				seen[b.Text] = true
				pool = append(pool, b.Text)
			}
		}
	}
	return pool
}

// wireArticles writes n articles into dir/in: each a headline of its own
// and per paragraphs taken from pool, none twice in one article, so that
// each paragraph of the pool is in many articles. It returns the distinct
// paragraphs.
func wireArticles(t testing.TB, dir string, n, per int, pool []string) map[string]bool {
	t.Helper()
	distinct := map[string]bool{}
	for a := range n {
		head := fmt.Sprintf("Dépêche numéro %d de l’agence, reprise par la rédaction.", a)
		distinct[head] = true
		lines := []string{head}
		used := map[int]bool{}
		for j := 0; len(lines) <= per; j++ {
			k := (a*7 + j*13) % len(pool)
			if used[k] {
				continue
			}
			used[k] = true
			lines = append(lines, pool[k])
			distinct[pool[k]] = true
		}
		name := filepath.Join(dir, "in", fmt.Sprintf("d%d", a%5), fmt.Sprintf("a%04d.txt", a))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return distinct
}

// shardReports reads the reports run.I-of-N.json of out.
func shardReports(t *testing.T, out string, n int) []edition.Report {
	t.Helper()
	var rs []edition.Report
	for i := range n {
		data, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("run.%d-of-%d.json", i, n)))
		if err != nil {
			t.Fatal(err)
		}
		var r edition.Report
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	return rs
}

// runShards runs n shard processes of args at once, each with its --shard
// before the last argument (the input), and waits for them all.
func runShards(t *testing.T, dir string, env map[string]string, n int, args ...string) {
	t.Helper()
	type proc struct {
		wait   func() error
		stderr fmt.Stringer
	}
	var procs []proc
	for i := range n {
		last := len(args) - 1
		a := append(append(slices.Clone(args[:last]), "--shard", fmt.Sprintf("%d/%d", i, n)), args[last])
		cmd, stderr := diglotProcess(t, dir, env, a...)
		procs = append(procs, proc{cmd.Wait, stderr})
	}
	for i, p := range procs {
		if err := p.wait(); err != nil {
			t.Fatalf("shard %d/%d: %v\n%s", i, n, err, p.stderr)
		}
	}
}

// TestShardsShareOneMemory runs 4 shard processes at once over 200 articles
// that repeat wire paragraphs, against the counting DeepL server and one
// PostgreSQL memory: every article is written by one shard, every distinct
// paragraph is sent once in all, diglot index lists the 200, and neither a
// second run of the 4 shards nor one of --shard 0/1 sends anything.
func TestShardsShareOneMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and 4 diglot processes")
	}
	pg := pgtest.URL(t)
	srv := newCountingServer(t, 30*time.Millisecond)
	dir := t.TempDir()
	const articles = 200
	distinct := wireArticles(t, dir, articles, 6, wirePool(t))
	args := []string{"translate", "--backend", "deepl", "--endpoint", srv.URL, "--tm", pg,
		"--format", "json,html", "--jobs", "4", "--progress", "quiet", "--out", "out", "in"}
	out := filepath.Join(dir, "out")

	start := time.Now()
	runShards(t, dir, deeplEnv, 4, args...)
	took := time.Since(start)
	requests, sent := srv.counts()
	for text, n := range sent {
		if n != 1 {
			t.Errorf("sent %d times: %q", n, text)
		}
	}
	if len(sent) != len(distinct) {
		t.Errorf("%d distinct paragraphs sent, want %d", len(sent), len(distinct))
		for p := range distinct {
			if sent[p] == 0 {
				t.Logf("not sent: %q", p)
			}
		}
	}
	var done, total, waited, after int
	for i, r := range shardReports(t, out, 4) {
		if r.Shard != fmt.Sprintf("%d/4", i) || r.Articles.Failed != 0 || r.Articles.Done != r.Articles.Total {
			t.Errorf("shard %d report: %+v", i, r.Articles)
		}
		done += r.Articles.Done
		total += r.Articles.Total
		waited += r.Segments.Waited
		after += r.Segments.SentAfterWait
	}
	if done != articles || total != articles {
		t.Errorf("the shards wrote %d of %d articles (took %d), want each of the %d once", done, total, total, articles)
	}
	if after != 0 {
		t.Errorf("%d paragraphs sent after waiting out another shard", after)
	}
	t.Logf("4 shards: %d articles in %v, %d requests, %d paragraphs sent, %d met while another shard was sending them",
		articles, took.Round(time.Millisecond), requests, len(sent), waited)
	previous, _ := filepath.Glob(filepath.Join(out, "*", "*"+edition.PreviousExt))
	if len(previous) != 0 {
		t.Errorf("articles written twice: %v", previous)
	}

	if code, _, stderr := runIn(t, dir, nil, "index", "out"); code != 0 || !strings.Contains(stderr, "lists 200 articles; run.json merges 4 reports") {
		t.Fatalf("index: exit %d\n%s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for a := range articles {
		if href := fmt.Sprintf(`href="d%d/a%04d.fr-en.html"`, a%5, a); !strings.Contains(string(page), href) {
			t.Fatalf("index.html lacks %s", href)
		}
	}

	runShards(t, dir, deeplEnv, 4, args...)
	if again, _ := srv.counts(); again != requests {
		t.Errorf("the second run of the shards made %d requests", again-requests)
	}
	for i, r := range shardReports(t, out, 4) {
		if r.Articles.Skipped != r.Articles.Total || r.Chars != 0 {
			t.Errorf("second run, shard %d: %+v, %d characters", i, r.Articles, r.Chars)
		}
	}
	runShards(t, dir, deeplEnv, 1, args...)
	if again, _ := srv.counts(); again != requests {
		t.Errorf("--shard 0/1 made %d requests", again-requests)
	}
	if r := shardReports(t, out, 1)[0]; r.Articles.Skipped != articles {
		t.Errorf("--shard 0/1: %+v", r.Articles)
	}
}
