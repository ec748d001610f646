package edition_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate/all"
	"github.com/diglot/diglot/translate/fake"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func formats(t *testing.T, names ...string) []output.Format {
	t.Helper()
	var out []output.Format
	for _, n := range names {
		f, err := output.LookupFormat(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

// config is a batch of dir/in into dir/out on the fake backend, with a
// SQLite memory in dir.
func config(t *testing.T, dir string, b *fake.Backend, mem *tm.Memory) edition.Config {
	cfg := edition.Config{Paths: []string{filepath.Join(dir, "in")}, Out: filepath.Join(dir, "out"),
		Formats: formats(t, "json", "html", "md"), Jobs: 2}
	cfg.Pipeline.Backend, cfg.Pipeline.BackendName, cfg.Pipeline.From, cfg.Pipeline.To = b, "fake", "fr", "en"
	if mem != nil {
		cfg.Pipeline.Memory = mem
	}
	return cfg
}

func openMemory(t *testing.T, dir string) *tm.Memory {
	t.Helper()
	m, err := tm.Open(filepath.Join(dir, "tm.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

func run(t *testing.T, cfg edition.Config) *edition.Report {
	t.Helper()
	r, err := edition.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRunSkipsUpToDateArticlesAndKeepsThePreviousEdition(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"in/a.txt":     "La guerre est finie.\n\nLe président est arrivé.\n",
		"in/sub/b.txt": "La paix est revenue.\n",
	})
	b := &fake.Backend{}
	cfg := config(t, dir, b, openMemory(t, dir))
	r := run(t, cfg)
	if r.Articles.Done != 2 || r.Articles.Skipped != 0 || r.Segments.Backend != 3 {
		t.Fatalf("first run: %+v", r)
	}
	for _, f := range []string{"a.fr-en.json", "a.fr-en.html", "a.fr-en.md", "sub/b.fr-en.json", "index.html", "run.json"} {
		if _, err := os.Stat(filepath.Join(dir, "out", f)); err != nil {
			t.Error(err)
		}
	}
	calls, _ := b.Calls()

	// Unchanged: skipped, nothing sent, no previous edition made.
	r = run(t, cfg)
	if again, _ := b.Calls(); r.Articles.Skipped != 2 || again != calls {
		t.Fatalf("second run: %+v, %d more calls", r.Articles, again-calls)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "a.fr-en"+edition.PreviousExt)); err == nil {
		t.Error("an unchanged run made a previous edition")
	}

	// One paragraph edited: the old record becomes the previous edition.
	writeFiles(t, dir, map[string]string{"in/a.txt": "La guerre est finie.\n\nLe président est parti.\n"})
	r = run(t, cfg)
	if r.Articles.Done != 1 || r.Articles.Skipped != 1 || r.Segments.Memory != 1 || r.Segments.Backend != 1 {
		t.Fatalf("edited run: %+v %+v", r.Articles, r.Segments)
	}
	prev, err := edition.ReadJSON(filepath.Join(dir, "out", "a.fr-en"+edition.PreviousExt))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(prev.Segments[1].Source, "arrivé") {
		t.Errorf("previous edition holds %q", prev.Segments[1].Source)
	}
	// Forced: rewritten, still nothing sent for what the memory holds.
	calls, _ = b.Calls()
	cfg.Force = true
	r = run(t, cfg)
	if again, _ := b.Calls(); r.Articles.Done != 2 || again != calls {
		t.Errorf("forced run: %+v, %d more calls", r.Articles, again-calls)
	}
}

func TestRunReportIsWrittenAndDocumented(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/a.txt": "[ad_1]\nLa guerre est finie.\n", "in/b.txt": "\x00\x01\x02\x03", "in/c.txt": ""})
	r, err := edition.Run(context.Background(), config(t, dir, &fake.Backend{}, nil))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", edition.ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	var onDisk edition.Report
	if err := json.Unmarshal(data, &onDisk); err != nil {
		t.Fatal(err)
	}
	if onDisk.Schema != edition.ReportSchema || onDisk.Articles != r.Articles || onDisk.Model != "word-table" {
		t.Errorf("run.json %+v, returned %+v", onDisk, r)
	}
	if r.Articles.Done != 1 || r.Articles.Failed != 1 || len(r.Failures) != 1 || r.Removed != 1 ||
		!strings.HasSuffix(r.Failures[0].Path, "b.txt") || !strings.Contains(r.Failures[0].Error, "b.txt") {
		t.Errorf("report %+v", r)
	}
	if r.Articles.Empty != 1 || len(r.Empty) != 1 || !strings.HasSuffix(r.Empty[0], "c.txt") {
		t.Errorf("empty article: %+v, %q", r.Articles, r.Empty)
	}
	// Every JSON field of the report is in docs/run.md.
	doc, err := os.ReadFile(filepath.Join("..", "docs", "run.md"))
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	json.Unmarshal(data, &fields)
	for _, obj := range []map[string]any{fields, fields["articles"].(map[string]any), fields["segments"].(map[string]any)} {
		for k := range obj {
			if !strings.Contains(string(doc), "`"+k+"`") {
				t.Errorf("docs/run.md does not document %q", k)
			}
		}
	}
}

func TestRunDryRunSendsAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/a.txt": "La guerre est finie.\n\nLe président est arrivé.\n"})
	b := &fake.Backend{}
	cfg := config(t, dir, b, nil)
	cfg.DryRun = true
	r := run(t, cfg)
	if calls, _ := b.Calls(); calls != 0 {
		t.Errorf("a dry run made %d calls", calls)
	}
	if _, err := os.Stat(cfg.Out); err == nil {
		t.Error("a dry run wrote the output folder")
	}
	want := len("La guerre est finie.") + len([]rune("Le président est arrivé."))
	if !r.DryRun || r.Chars != want || r.Segments.Backend != 2 || r.Requests < 1 {
		t.Errorf("report %+v, want %d characters", r, want)
	}
	prices := edition.Prices(nil, map[string]edition.Price{"fake": {PerMillionChars: 1e6, Currency: "EUR"}})
	if cost, _, ok := r.Estimate(prices); !ok || cost != float64(want) {
		t.Errorf("estimate %v %v", cost, ok)
	}
	var out strings.Builder
	r.WriteDryRun(&out, edition.Prices(all.Backends().Infos(), nil))
	if !strings.Contains(out.String(), "estimated cost: free (nothing is charged per character)") {
		t.Errorf("dry run text:\n%s", out.String())
	}
}

func TestInputErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"x/a.txt": "Texte.\n", "y/a.txt": "Texte.\n", "notes.pdf": "%PDF", "empty/.keep": "",
		"bad.txt": "\x00\x01\x02\x03",
	})
	tests := []struct {
		name  string
		paths []string
		want  string
	}{
		{"missing", []string{"nosuch.txt"}, "nosuch.txt: no such file or directory"},
		{"not an article", []string{"notes.pdf"}, "notes.pdf: not an article"},
		{"no articles", []string{"empty"}, "empty: no .txt or .md articles"},
		{"same outputs", []string{"x", "y"}, "two inputs would write the same outputs (x/a.txt and y/a.txt)"},
		{"bad named article", []string{"bad.txt"}, "bad.txt: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wd, _ := os.Getwd()
			os.Chdir(dir)
			defer os.Chdir(wd)
			cfg := config(t, dir, &fake.Backend{}, nil)
			cfg.Paths = tt.paths
			_, err := edition.Run(context.Background(), cfg)
			var ie *edition.InputError
			if !errors.As(err, &ie) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error %v (%T), want an InputError starting %q", err, err, tt.want)
			}
			if _, err := os.Stat(cfg.Out); err == nil {
				t.Error("outputs were written")
			}
		})
	}
}

func TestCollectWalksSortedSkippingHiddenAndOut(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"in/b.md": "# T\n", "in/a.txt": "x\n", "in/.git/c.txt": "x\n", "in/out/d.txt": "x\n",
		"in/sub/e.markdown": "x\n", "in/f.pdf": "x",
	})
	ins, err := edition.Collect([]string{filepath.Join(dir, "in"), filepath.Join(dir, "in", "a.txt")}, filepath.Join(dir, "in", "out"))
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, in := range ins {
		rels = append(rels, in.Rel)
	}
	if want := []string{"a.txt", "b.md", "sub/e.markdown"}; !slices.Equal(rels, want) {
		t.Errorf("collected %v, want %v (the same file twice is taken once)", rels, want)
	}
}

func TestWriteDocumentRewritesEveryFormatAtomically(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "a.fr-en")
	doc := func(target string) *bitext.Document {
		return &bitext.Document{Schema: bitext.Schema, Source: bitext.Source{Path: "a.txt", Lang: "fr"},
			Target: bitext.Target{Lang: "en"}, Backend: bitext.Backend{Name: "fake"},
			Segments: []bitext.Segment{{ID: "p1", Kind: bitext.KindParagraph, Source: "La guerre.", Target: target}}}
	}
	all := formats(t, output.FormatNames()...)
	if _, err := edition.WriteDocument(base, doc("The war."), all, output.Options{}); err != nil {
		t.Fatal(err)
	}
	// An editor's correction: every output shows it; the edition it replaces
	// becomes the previous one.
	edited := doc("The war.")
	edited.Segments[0].Target = "War."
	changes, err := edition.WriteDocument(base, edited, all, output.Options{})
	if err != nil || changes != 1 {
		t.Fatalf("changes %d, %v", changes, err)
	}
	for _, f := range all {
		data, err := os.ReadFile(base + f.Ext)
		if err != nil || !strings.Contains(string(data), "War.") {
			t.Errorf("%s lacks the post-edit (%v)", f.Name, err)
		}
	}
	if prev, err := edition.ReadJSON(base + edition.PreviousExt); err != nil || prev.Segments[0].Target != "The war." {
		t.Errorf("previous edition %v, %v", prev, err)
	}
	// A renderer failing leaves every file as it was, and no temporary file.
	before, _ := os.ReadFile(base + ".json")
	broken := append(all, output.Format{Name: "broken", Ext: ".broken", Write: func(_ io.Writer, _ *bitext.Document, _ output.Options) error {
		return errors.New("disk full")
	}})
	if _, err := edition.WriteDocument(base, doc("Peace."), broken, output.Options{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("error %v", err)
	}
	if after, _ := os.ReadFile(base + ".json"); string(after) != string(before) {
		t.Error("a failed write changed the JSON record")
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
}

func TestSettingsHideCredentialsInTheEndpoint(t *testing.T) {
	got := edition.Settings(map[string]string{"model": "m", "formality": "more"}, "https://user:pw@host/v2?key=secret")
	if got != "formality=more;model=m;endpoint=https://host/v2" {
		t.Errorf("Settings = %q", got)
	}
}

// An empty or all-junk article is skipped and counted apart, not failed
// (a nightly job must not alert on every empty scrape), even when named on
// the command line; Strict makes it a failure.
func TestEmptyArticlesAreSkipped(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"in/a.txt": "La guerre est finie.\n", "in/empty.txt": "", "in/junk.txt": "[ad_1]\nSource link\n",
	})
	tests := []struct {
		name          string
		strict        bool
		paths         []string
		empty, failed int
	}{
		{"folder", false, []string{"in"}, 2, 0},
		{"named", false, []string{"in/empty.txt", "in/a.txt"}, 1, 0},
		{"strict", true, []string{"in"}, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config(t, dir, &fake.Backend{}, nil)
			cfg.Out = filepath.Join(t.TempDir(), "out")
			cfg.Paths = nil
			for _, p := range tt.paths {
				cfg.Paths = append(cfg.Paths, filepath.Join(dir, p))
			}
			cfg.Strict = tt.strict
			r, err := edition.Run(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if r.Articles.Empty != tt.empty || r.Articles.Failed != tt.failed || r.Articles.Done != 1 || len(r.Empty) != tt.empty {
				t.Errorf("articles %+v, empty %q; want %d empty, %d failed, 1 done", r.Articles, r.Empty, tt.empty, tt.failed)
			}
			for _, p := range r.Empty {
				if _, err := os.Stat(filepath.Join(cfg.Out, strings.TrimSuffix(filepath.Base(p), ".txt")+".fr-en.json")); err == nil {
					t.Errorf("%s: an output was written for an empty article", p)
				}
			}
		})
	}
}
