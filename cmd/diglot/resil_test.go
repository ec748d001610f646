package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
