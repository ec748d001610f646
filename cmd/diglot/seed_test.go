package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/testkit"
)

func readDoc(t *testing.T, path string) *bitext.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := bitext.Read(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// The seed article the project was specified from, through the real Apertium
// with a two-entry glossary: the junk is gone and recorded, and the names come
// out one way.
func TestSeedArticleOnApertium(t *testing.T) {
	needApertium(t)
	seed := testkit.Corpus(t, "seed", "000_ce33e93aea62c78b.txt")
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"names.tsv": "Haut-Karabakh\tNagorno-Karabakh\nPashinian\tPashinyan\n"})
	code, _, stderr := runIn(t, dir, nil, "translate", "--glossary", "names.tsv", "--out", "out", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc := readDoc(t, filepath.Join(dir, "out", "000_ce33e93aea62c78b.fr-en.json"))
	// The seed has 14 lines of text between [ad_1] and [ad_2] / Source link.
	if len(doc.Segments) != 14 {
		t.Errorf("%d segments, want 14", len(doc.Segments))
	}
	var removed []string
	for _, r := range doc.Removed {
		removed = append(removed, r.Text)
	}
	if got := strings.Join(removed, "|"); got != "[ad_1]|[ad_2]|Source link -32" {
		t.Errorf("removed = %q", got)
	}
	karabakh := 0
	for _, s := range doc.Segments {
		if s.Kind != bitext.KindParagraph {
			t.Errorf("%s is a %s, want paragraph", s.ID, s.Kind)
		}
		for _, bad := range []string{"[ad_", "Source link"} {
			if strings.Contains(s.Source, bad) || strings.Contains(s.Target, bad) {
				t.Errorf("%s holds junk %q", s.ID, bad)
			}
		}
		if strings.Contains(s.Source, "Haut-Karabakh") {
			karabakh++
			if !strings.Contains(s.Target, "Nagorno-Karabakh") {
				t.Errorf("%s: target lacks Nagorno-Karabakh: %q", s.ID, s.Target)
			}
		}
		for _, bad := range []string{"Pashinian", "Height", "Tall Karabakh", "Haut-Karabakh"} {
			if strings.Contains(s.Target, bad) {
				t.Errorf("%s: target holds %q: %q", s.ID, bad, s.Target)
			}
		}
	}
	if karabakh != 3 {
		t.Errorf("%d paragraphs mention Haut-Karabakh, want 3", karabakh)
	}
	for _, ext := range []string{".html", ".md"} {
		if _, err := os.Stat(filepath.Join(dir, "out", "000_ce33e93aea62c78b.fr-en"+ext)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(stderr, "1 article translated fr→en with apertium (fr-es+spa-eng)") ||
		!strings.Contains(stderr, "3 junk lines removed") {
		t.Errorf("summary:\n%s", stderr)
	}
}
