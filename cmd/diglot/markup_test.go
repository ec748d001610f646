package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/translate/deepl/deepltest"
	"github.com/diglot/diglot/translate/google/googletest"
)

// A Markdown article through Google and DeepL: the markup comes out on the
// words it wrapped, in the Markdown edition and on the page, and check
// reports the bold the engine lost.
func TestMarkdownMarkupThroughTagBackends(t *testing.T) {
	const article = "Le **gouvernement** français a dit.\n\n" +
		"Le *président* arménien et `la paix` avec le [ministre](https://ex.fr/m) français.\n\n" +
		"Un mot **oublié** est là.\n"
	backends := []struct {
		name string
		args func(t *testing.T) ([]string, map[string]string)
	}{
		{"google", func(t *testing.T) ([]string, map[string]string) {
			s := googletest.NewTestServer(t, googletest.Options{})
			return []string{"--backend", "google", "--endpoint", s.URL}, map[string]string{"GOOGLE_API_KEY": "test-key"}
		}},
		{"deepl", func(t *testing.T) ([]string, map[string]string) {
			s := deepltest.NewTestServer(t, deepltest.Options{})
			return []string{"--backend", "deepl", "--endpoint", s.URL}, map[string]string{"DEEPL_AUTH_KEY": "test-key:fx"}
		}},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(article), 0o644); err != nil {
				t.Fatal(err)
			}
			args, env := b.args(t)
			args = append(append([]string{"translate"}, args...), "--format", "md,html,json", "--no-tm", "--out", "out", "a.md")
			if code, _, stderr := runIn(t, dir, env, args...); code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			md, _ := os.ReadFile(filepath.Join(dir, "out", "a.fr-en.md"))
			page, _ := os.ReadFile(filepath.Join(dir, "out", "a.fr-en.html"))
			for _, want := range []string{
				"The French **government** has said.",
				"The Armenian *president* and `la paix` with the French [minister](https://ex.fr/m).",
				"A mot oublié is là.",
			} {
				if !strings.Contains(string(md), want) {
					t.Errorf("the Markdown edition lacks %q:\n%s", want, md)
				}
			}
			for _, want := range []string{"French <strong>government</strong>", "Armenian <em>president</em>", `French <a href="https://ex.fr/m"`} {
				if !strings.Contains(string(page), want) {
					t.Errorf("the page lacks %s", want)
				}
			}
			code, stdout, _ := runIn(t, dir, nil, "check", "--fail-on", "error", "out")
			if code != 1 || strings.Count(stdout, "error markup-mismatch") != 1 || !strings.Contains(stdout, "bold missing") {
				t.Errorf("check: exit %d, want 1 with one markup-mismatch for the lost bold:\n%s", code, stdout)
			}
		})
	}
}
