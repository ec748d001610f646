package apertium

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/apertium/apytest"
	"github.com/diglot/diglot/translate/backendtest"
)

// both returns a local backend and one through a real APY, on the same
// route.
func both(t *testing.T) (local, apy *Backend) {
	t.Helper()
	local = newLocal(t)
	apy = newAPY(t, apytest.Start(t))
	return local, apy
}

func segmentsOf(texts []string) []translate.Segment {
	segs := make([]translate.Segment, len(texts))
	for i, s := range texts {
		segs[i] = translate.Segment{ID: "s" + string(rune('a'+i%26)), Text: s}
	}
	return segs
}

// The marks a writer uses (@handles, #hashtags, **bold**) are text, not
// unknown-word marks: APY mode keeps them exactly as local mode does, and
// lists as unknown only the words Apertium did not know.
func TestAPYKeepsLiteralMarksAsLocalModeDoes(t *testing.T) {
	local, apy := both(t)
	src := "Le @Elysee a réagi à #MeToo depuis **Erevan** avec Zorglubinet, 3 * 4 = 12."
	for name, b := range map[string]*Backend{"local": local, "apy": apy} {
		res, err := backendtest.Translate(context.Background(), b, &translate.Request{From: "fr", To: "en",
			Segments: []translate.Segment{{ID: "p1", Text: src}}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := res[0]
		for _, w := range []string{"@Elysee", "#MeToo", "**", "3 * 4 = 12"} {
			if !strings.Contains(got.Text, w) {
				t.Errorf("%s: %q lost %q", name, got.Text, w)
			}
		}
		if strings.Count(got.Text, "*") != 5 {
			t.Errorf("%s: %q: want the 5 asterisks of the source", name, got.Text)
		}
		found := false
		for _, u := range got.Unknown {
			found = found || u == "Zorglubinet"
		}
		if !found {
			t.Errorf("%s: unknown words %q lack Zorglubinet", name, got.Unknown)
		}
	}
}

// Local mode and APY give the same text for the same paragraph: on the
// team's articles and on 100 WMT lines.
func TestLocalAndAPYGiveTheSameText(t *testing.T) {
	local, apy := both(t)
	var texts []string
	root, err := testkit.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(root, "testdata", "articles", "*"))
	for _, p := range paths {
		if !strings.HasSuffix(p, ".txt") && !strings.HasSuffix(p, ".md") {
			continue
		}
		a, err := article.Read(p, article.Options{})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, blk := range a.Blocks {
			if blk.Kind == "paragraph" || blk.Kind == "heading" {
				texts = append(texts, blk.Text)
			}
		}
	}
	f, err := os.Open(testkit.Corpus(t, "parallel", "wmt", "newstest2014.fra-eng.fra"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for i := 0; i < 100 && sc.Scan(); i++ {
		texts = append(texts, sc.Text())
	}
	req := &translate.Request{From: "fr", To: "en", Segments: segmentsOf(texts)}
	want, err := backendtest.Translate(context.Background(), local, req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := backendtest.Translate(context.Background(), apy, req)
	if err != nil {
		t.Fatal(err)
	}
	differ := 0
	for i := range texts {
		if got[i].Text != want[i].Text {
			differ++
			if differ <= 5 {
				t.Errorf("paragraph %d differs:\nsource %q\nlocal  %q\napy    %q", i+1, texts[i], want[i].Text, got[i].Text)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d paragraphs differ between local mode and APY", differ, len(texts))
	}
}
