package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/translate/deepl/deepltest"
)

// DeepL runs from the command line: a dry run creates no glossary, the
// first run one, a second run with the same glossary none, a changed one
// another; prune deletes the one no longer used, and the key is in no
// output.
func TestDeepLGlossaryRunsAndPrune(t *testing.T) {
	const key = "dk-prune-secret-9:fx"
	srv := deepltest.NewTestServer(t, deepltest.Options{Key: key})
	env := map[string]string{"DEEPL_AUTH_KEY": key}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a/un.txt":   "Le président Pashinian est au Haut-Karabakh.\n\nLe ministre est à Erevan.\n",
		"names.tsv":  "Haut-Karabakh\tNagorno-Karabakh\nPashinian\tPashinyan\nErevan\tYerevan\n",
		"names2.tsv": "Haut-Karabakh\tNagorno-Karabakh\nPashinian\tPashinyan\nErevan\tYerevan\nBakou\tBaku\n",
	})
	translate := func(gloss string, extra ...string) string {
		t.Helper()
		args := append([]string{"translate", "--backend", "deepl", "--endpoint", srv.URL, "--glossary", gloss,
			"--format", "json", "--no-tm", "--force", "--out", "out", "a"}, extra...)
		code, stdout, stderr := runIn(t, dir, env, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		if strings.Contains(stdout+stderr, key) {
			t.Errorf("the key is in the output of %v", args)
		}
		return stderr
	}
	translate("names.tsv", "--dry-run")
	if st := srv.GlossaryStats(); st.Created != 0 || st.Lists != 0 {
		t.Fatalf("a dry run touched the glossaries: %+v", st)
	}
	translate("names.tsv")
	translate("names.tsv")
	if st := srv.GlossaryStats(); st.Created != 1 {
		t.Fatalf("two runs with one glossary created %d, want 1", st.Created)
	}
	hit, total, misses := termSuccess(t, filepath.Join(dir, "out"))
	if hit != total || total != 3 {
		t.Errorf("term success %d/%d, want 3/3: %v", hit, total, misses)
	}
	translate("names2.tsv")
	gs := srv.Glossaries()
	if len(gs) != 2 {
		t.Fatalf("%d glossaries after a changed one, want 2", len(gs))
	}
	for i, id := range srv.GlossaryStats().Translations {
		if id == "" {
			t.Errorf("translation request %d without glossary_id", i)
		}
	}

	code, stdout, stderr := runIn(t, dir, env, "backends", "prune", "deepl", "--endpoint", srv.URL, "--glossary", "names2.tsv")
	if code != 0 {
		t.Fatalf("prune: exit %d\n%s", code, stderr)
	}
	if want := gs[0].Name + " (" + gs[0].ID + ")\n"; stdout != want || !strings.Contains(stderr, "1 glossary deleted on deepl") {
		t.Errorf("prune said %q / %q, want %q", stdout, stderr, want)
	}
	if left := srv.Glossaries(); len(left) != 1 || left[0].ID != gs[1].ID {
		t.Errorf("left %+v, want the one in use", left)
	}
	if strings.Contains(stdout+stderr, key) {
		t.Error("the key is in prune's output")
	}

	// A key the server refuses: a usage error naming what failed, without
	// the key.
	srv.Inject("auth", 1)
	code, _, stderr = runIn(t, dir, env, "backends", "prune", "deepl", "--endpoint", srv.URL)
	if code != 2 || !strings.Contains(stderr, "listing glossaries") || strings.Contains(stderr, key) {
		t.Errorf("refused key: exit %d, %q; want 2 naming the listing, without the key", code, stderr)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"backends", "prune", "apertium"}, "apertium keeps no glossaries"},
		{[]string{"backends", "prune", "deeepl"}, `unknown backend "deeepl"`},
		{[]string{"backends", "prune"}, "want one BACKEND"},
	} {
		if code, _, stderr := runIn(t, dir, env, tt.args...); code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want 2 saying %q", tt.args, code, stderr, tt.want)
		}
	}
}
