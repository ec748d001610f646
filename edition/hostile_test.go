package edition_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/translate/fake"
)

// files lists every file under dir, slash-separated and relative to it.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

func TestOutputsStayInsideOut(t *testing.T) {
	dir := t.TempDir()
	name := `..\..\..\..\..\..\..\..\..\..\tmp\x\PWNED.txt`
	for _, named := range []bool{false, true} {
		t.Run(map[bool]string{false: "walked", true: "named"}[named], func(t *testing.T) {
			root := filepath.Join(dir, map[bool]string{false: "walked", true: "named"}[named])
			writeFiles(t, root, map[string]string{"in/" + name: "Texte hostile.\n"})
			cfg := config(t, root, &fake.Backend{}, nil)
			if named {
				cfg.Paths = []string{filepath.Join(root, "in", name)}
			}
			run(t, cfg)
			got := files(t, root)
			for _, f := range got {
				if !strings.HasPrefix(f, "in/") && !strings.HasPrefix(f, "out/") {
					t.Errorf("wrote %s outside the output folder", f)
				}
			}
			if _, err := os.Stat(filepath.Join(cfg.Out, "tmp", "x", "PWNED.fr-en.json")); err != nil {
				t.Errorf("the article's outputs are not under out/tmp/x: %v (files: %v)", err, got)
			}
		})
	}
}

func TestInputsThatWouldShareOutputs(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		named bool
		want  []string
	}{
		{"txt and md in one folder", []string{"a.txt", "a.md"}, false, []string{"a.md", "a.txt"}},
		{"backslash and slash", []string{`x\y.txt`, "x/y.txt"}, false, []string{`x\y.txt`, "x/y.txt"}},
		{"named txt and md", []string{"a.txt", "a.md"}, true, []string{"a.txt", "a.md"}},
		{"nested txt and md", []string{"d/e/b.txt", "d/e/b.md", "c.txt"}, false, []string{"b.md", "b.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			m := map[string]string{}
			for _, f := range tt.files {
				m["in/"+f] = "Texte.\n"
			}
			writeFiles(t, dir, m)
			cfg := config(t, dir, &fake.Backend{}, nil)
			if tt.named {
				cfg.Paths = nil
				for _, f := range tt.files {
					cfg.Paths = append(cfg.Paths, filepath.Join(dir, "in", f))
				}
			}
			_, err := edition.Run(context.Background(), cfg)
			var ie *edition.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T), want an InputError", err, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %s", err, w)
				}
			}
			if _, err := os.Stat(cfg.Out); err == nil {
				t.Error("outputs were written")
			}
		})
	}
}

func TestOwnOutputsAreNeverInputs(t *testing.T) {
	t.Run("out is the input folder", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"in/a.md": "# Titre\n\nTexte.\n", "in/b.txt": "Texte.\n"})
		cfg := config(t, dir, &fake.Backend{}, nil)
		cfg.Out = cfg.Paths[0]
		run(t, cfg)
		r := run(t, cfg)
		if r.Articles.Total != 2 {
			t.Errorf("run 2 saw %d articles, want 2", r.Articles.Total)
		}
		for _, f := range files(t, dir) {
			if strings.Contains(f, ".fr-en.fr-en") {
				t.Errorf("an output was translated again: %s", f)
			}
		}
	})
	t.Run("old output folder inside the input", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"in/a.txt": "Texte.\n"})
		cfg := config(t, dir, &fake.Backend{}, nil)
		cfg.Out = filepath.Join(dir, "in", "old")
		run(t, cfg)
		cfg.Out = filepath.Join(dir, "out")
		r := run(t, cfg)
		if r.Articles.Total != 1 {
			t.Errorf("run over a folder holding old outputs saw %d articles, want 1 (files: %v)", r.Articles.Total, files(t, dir))
		}
	})
	t.Run("named output", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"in/a.txt": "Texte.\n"})
		cfg := config(t, dir, &fake.Backend{}, nil)
		run(t, cfg)
		cfg.Paths = []string{filepath.Join(cfg.Out, "a.fr-en.md")}
		cfg.Out = filepath.Join(dir, "out2")
		_, err := edition.Run(context.Background(), cfg)
		var ie *edition.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), "an output of diglot") {
			t.Fatalf("error %v, want an InputError saying the file is diglot's output", err)
		}
	})
	t.Run("an article named like an output is still an article", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"in/news.fr-en.md": "---\ntitle: Nouvelles\n---\n\nTexte.\n"})
		r := run(t, config(t, dir, &fake.Backend{}, nil))
		if r.Articles.Done != 1 {
			t.Errorf("%d articles done, want 1", r.Articles.Done)
		}
	})
}

// When the index cannot be written, the run report still is: it is the
// record of what the run sent and paid for.
func TestRunReportWrittenWhenTheIndexFails(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/a.txt": "Texte.\n", "out/index.html/blocker": ""})
	_, err := edition.Run(context.Background(), config(t, dir, &fake.Backend{}, nil))
	if err == nil || !strings.Contains(err.Error(), "writing index") {
		t.Fatalf("error %v, want the index's", err)
	}
	if _, err := edition.ReadJSON(filepath.Join(dir, "out", "a.fr-en.json")); err != nil {
		t.Errorf("the article's outputs: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", edition.ReportFile)); err != nil {
		t.Errorf("no run report: %v", err)
	}
}
