package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/translate/deepl/deepltest"
)

// --no-tm means no memory: a second run translates every article again,
// unchanged ones included, instead of skipping them from the outputs.
func TestNoTMTranslatesAgain(t *testing.T) {
	srv := newCountingServer(t, 0)
	dir := t.TempDir()
	articles(t, dir, 3, 2)
	args := []string{"translate", "--backend", "deepl", "--endpoint", srv.URL, "--no-tm", "--format", "json", "--out", "out", "in"}
	for run := 1; run <= 2; run++ {
		if code, _, stderr := runIn(t, dir, deeplEnv, args...); code != 0 {
			t.Fatalf("run %d: exit %d\n%s", run, code, stderr)
		}
		var r struct {
			Articles struct{ Done, Skipped int }
		}
		data, err := os.ReadFile(filepath.Join(dir, "out", "run.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatal(err)
		}
		if r.Articles.Done != 3 || r.Articles.Skipped != 0 {
			t.Errorf("run %d with --no-tm: %+v, want 3 translated, none skipped", run, r.Articles)
		}
	}
	if reqs, _ := srv.counts(); reqs < 6 {
		t.Errorf("%d translation requests for two runs of 3 articles, want every article sent twice", reqs)
	}
}

// The README's own `formality: more` with `to: en` is refused before any
// article is sent: exit 2, naming the option, the language and what is
// allowed.
func TestFormalityWithEnglishIsAUsageError(t *testing.T) {
	srv := newCountingServer(t, 0)
	dir := t.TempDir()
	articles(t, dir, 2, 1)
	code, _, stderr := runIn(t, dir, deeplEnv, "translate", "--backend", "deepl", "--endpoint", srv.URL,
		"--option", "formality=more", "--to", "en", "--no-tm", "--out", "out", "in")
	if code != exitUsage {
		t.Fatalf("exit %d, want 2\n%s", code, stderr)
	}
	for _, want := range []string{"formality=more", "EN-GB", "DE"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	if reqs, _ := srv.counts(); reqs != 0 {
		t.Errorf("%d translation requests, want none", reqs)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "run.json")); err == nil {
		t.Error("run.json written for a refused option")
	}
}

// A quota reply stops the run: complete articles are written, the rest are
// not attempted, and diglot exits 1 with one line saying what to do.
func TestQuotaStopsTheRunWithOneLine(t *testing.T) {
	srv := deepltest.NewTestServer(t, deepltest.Options{})
	srv.InjectFrom("quota", 4) // the two language listings, one article, then none
	dir := t.TempDir()
	articles(t, dir, 6, 1)
	code, _, stderr := runIn(t, dir, deeplEnv, "translate", "--backend", "deepl", "--endpoint", srv.URL,
		"--jobs", "1", "--no-tm", "--progress", "quiet", "--format", "json,html", "--out", "out", "in")
	if code != exitFailure {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	last := lines[len(lines)-1]
	for _, want := range []string{"456", "Quota Exceeded", "1 article written, 1 failed, 4 not attempted", "raise it"} {
		if !strings.Contains(last, want) {
			t.Errorf("last line %q does not say %q", last, want)
		}
	}
	var r struct {
		NotAttempted []string `json:"not_attempted"`
		Articles     struct{ Done, Failed int }
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if r.Articles.Done != 1 || r.Articles.Failed != 1 || len(r.NotAttempted) != 4 {
		t.Errorf("run.json: %+v, not attempted %v; want 1 done, 1 failed, 4 not attempted", r.Articles, r.NotAttempted)
	}
	if index, _ := os.ReadFile(filepath.Join(dir, "out", "index.html")); !strings.Contains(string(index), "stopped by the backend") {
		t.Error("index.html does not say the backend stopped the run")
	}
	if got := srv.Stats().Requests; got != 4 {
		t.Errorf("%d requests, want 4: none after the quota reply", got)
	}
}
