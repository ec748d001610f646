package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/translate/apertium/apytest"
	"github.com/diglot/diglot/translate/deepl/deepltest"
	"github.com/diglot/diglot/translate/google/googletest"
	"github.com/diglot/diglot/translate/libre/libretest"
	"github.com/diglot/diglot/translate/openai/openaitest"
)

// termSuccess measures, over the JSON records in out, the term success rate
// as the WMT 2023 terminology task counts it: of the glossary terms found in
// the sources, the share whose required target term is in the translation.
// It checks the text itself, not diglot's own verdict.
func termSuccess(t *testing.T, out string) (hit, total int, misses []string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, "*.fr-en.json"))
	if len(files) == 0 {
		t.Fatalf("no records in %s", out)
	}
	for _, f := range files {
		for _, s := range readDoc(t, f).Segments {
			for _, term := range s.Terms {
				total++
				if strings.Contains(strings.ToLower(s.Target), strings.ToLower(term.Target)) {
					hit++
				} else {
					misses = append(misses, filepath.Base(f)+" "+s.ID+": "+term.Source+" -> "+term.Target+" in "+s.Target)
				}
			}
		}
	}
	return hit, total, misses
}

// The team's articles with the names glossary: every term occurrence comes
// out right on the Apertium default (local and APY) and on each HTTP
// backend's test server.
func TestTermSuccessRate(t *testing.T) {
	articles, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "articles"))
	names, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "glossary", "names.tsv"))
	type backend struct {
		name string
		args func(t *testing.T) ([]string, map[string]string)
	}
	backends := []backend{
		{"apertium", func(t *testing.T) ([]string, map[string]string) {
			needApertium(t)
			return []string{"--backend", "apertium"}, nil
		}},
		{"apertium-apy", func(t *testing.T) ([]string, map[string]string) {
			return []string{"--backend", "apertium", "--endpoint", apytest.Start(t)}, nil
		}},
		{"google", func(t *testing.T) ([]string, map[string]string) {
			s := googletest.NewTestServer(t, googletest.Options{})
			return []string{"--backend", "google", "--endpoint", s.URL}, map[string]string{"GOOGLE_API_KEY": "test-key"}
		}},
		{"deepl", func(t *testing.T) ([]string, map[string]string) {
			s := deepltest.NewTestServer(t, deepltest.Options{})
			return []string{"--backend", "deepl", "--endpoint", s.URL}, map[string]string{"DEEPL_AUTH_KEY": "test-key:fx"}
		}},
		{"libre", func(t *testing.T) ([]string, map[string]string) {
			s := libretest.NewTestServer(t, libretest.Options{})
			return []string{"--backend", "libre", "--endpoint", s.URL}, nil
		}},
		{"openai", func(t *testing.T) ([]string, map[string]string) {
			s := openaitest.NewTestServer(t, openaitest.Options{})
			return []string{"--backend", "openai", "--endpoint", s.URL + "/v1", "--model", "test-model"}, nil
		}},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			args, env := b.args(t)
			dir := t.TempDir()
			args = append(append([]string{"translate"}, args...), "--glossary", names, "--format", "json", "--no-tm", "--out", "out", articles)
			if code, _, stderr := runIn(t, dir, env, args...); code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			hit, total, misses := termSuccess(t, filepath.Join(dir, "out"))
			t.Logf("%s: term success rate %d/%d", b.name, hit, total)
			if total < 50 || hit != total {
				t.Errorf("term success %d/%d, want 100%% of at least 50:\n%s", hit, total, strings.Join(misses, "\n"))
			}
		})
	}
}

// translate and check agree: for every JSON of the team's articles (with
// their glossary, on Apertium), every finding diglot check reports is on
// its segment in the JSON, with the same rule id, severity and message.
func TestTranslateRecordsWhatCheckReports(t *testing.T) {
	needApertium(t)
	articles, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "articles"))
	names, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "glossary", "names.tsv"))
	dir := t.TempDir()
	if code, _, stderr := runIn(t, dir, nil, "translate", "--glossary", names, "--format", "json", "--no-tm", "--out", "out", articles); code != 0 {
		t.Fatalf("translate: exit %d\n%s", code, stderr)
	}
	_, stdout, stderr := runIn(t, dir, nil, "check", "--glossary", names, "--format", "json", "--fail-on", "error", "out")
	var report struct {
		Findings []struct {
			File, Segment, Rule, Severity, Message string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("check --format json: %v\n%s\n%s", err, stdout, stderr)
	}
	if len(report.Findings) == 0 {
		t.Fatal("check found nothing: the source variants of the team's articles are warnings it must report")
	}
	docs := map[string]*bitext.Document{}
	for _, f := range report.Findings {
		path := f.File
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		d, ok := docs[path]
		if !ok {
			d = readDoc(t, path)
			docs[path] = d
		}
		found := false
		for _, s := range d.Segments {
			if s.ID != f.Segment {
				continue
			}
			for _, is := range s.Issues {
				found = found || is.Rule == f.Rule && is.Severity == f.Severity && strings.HasPrefix(f.Message, is.Message[:min(len(is.Message), len(f.Message))])
			}
		}
		if !found {
			t.Errorf("%s %s: check reports %s %s %q, not on the segment in the JSON", f.File, f.Segment, f.Severity, f.Rule, f.Message)
		}
	}
}
