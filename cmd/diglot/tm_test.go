package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/tmx"
)

// runTM runs diglot with args and returns its exit code and output.
func runTM(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = newApp(strings.NewReader(""), &out, &errb, func(string) string { return "" }).run(append([]string{"diglot"}, args...))
	return code, out.String(), errb.String()
}

// tmArticle is a translated article whose machine translations tmSeed puts
// in a memory.
func tmArticle() *bitext.Document {
	d := &bitext.Document{
		Schema: bitext.Schema, Source: bitext.Source{Path: "a/article.txt", Lang: "fr", SHA256: "5e1f"},
		Target: bitext.Target{Lang: "en"}, Backend: bitext.Backend{Name: "apertium"},
	}
	for i, p := range [][2]string{
		{"Le gouvernement a réagi.", "The government reacted."},
		{"Pachinian a parlé mardi.", "Pashinyan spoke on Tuesday."},
		{"Fin de l'article.", "End of the article."},
	} {
		d.Segments = append(d.Segments, bitext.Segment{ID: "p" + string(rune('1'+i)), Kind: bitext.KindParagraph, Source: p[0], Target: p[1], Origin: "mt"})
	}
	return d
}

func tmSeed(t *testing.T, path string, d *bitext.Document) {
	t.Helper()
	m, err := tm.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var es []tm.Entry
	for _, s := range d.Segments {
		es = append(es, tm.Entry{Source: s.Source, Target: s.Target, MT: s.Target, Path: d.Source.Path, SegmentID: s.ID, SHA256: d.Source.SHA256})
	}
	if err := m.Put(context.Background(), tm.Key{Backend: "apertium", From: "fr", To: "en"}, es); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
}

func tmWriteXLIFF(t *testing.T, path string, d *bitext.Document) {
	t.Helper()
	var buf bytes.Buffer
	if err := output.WriteXLIFF(&buf, d); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTMImportStatsExport imports an edited XLIFF, then checks what stats
// and export show of it.
func TestTMImportStatsExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, ".diglot", "tm.db")
	tmSeed(t, db, tmArticle())
	edited := tmArticle()
	edited.Segments[0].Target = "The government responded."
	edited.Segments[2].Target = "End."
	xlf := filepath.Join(dir, "article.fr-en.xlf")
	tmWriteXLIFF(t, xlf, edited)
	other := tmArticle()
	other.Source.Path = "b/other.txt"
	otherXLF := filepath.Join(dir, "other.fr-en.xlf")
	tmWriteXLIFF(t, otherXLF, other)

	code, out, errs := runTM("tm", "import", "--tm", db, xlf, otherXLF)
	if code != exitUsage {
		t.Errorf("exit code %d, want %d (one file refused)", code, exitUsage)
	}
	if want := xlf + ": taken 2, unchanged 1, refused 0\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	if want := "diglot: tm: import " + otherXLF + ": refused: it is for article b/other.txt, but the memory holds its segments from a/article.txt\n"; errs != want {
		t.Errorf("stderr %q, want %q", errs, want)
	}

	code, out, errs = runTM("tm", "stats", "--tm", db, "--json")
	var s tm.Stats
	if err := json.Unmarshal([]byte(out), &s); code != 0 || err != nil {
		t.Fatalf("stats --json: %d %v %s", code, err, errs)
	}
	if s.Machine != 3 || s.Approved != 2 || s.Articles != 1 || len(s.Pairs) != 1 || s.Backends["apertium"] != 3 {
		t.Errorf("stats %+v", s)
	}
	code, out, _ = runTM("tm", "stats", "--tm", db)
	for _, want := range []string{"machine   3\n", "approved  2\n", "pairs     fr-en\n", "backends  apertium 3\n", "articles  1\n"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("stats output lacks %q:\n%s", want, out)
		}
	}

	exported := filepath.Join(dir, "out", "approved.tmx")
	if code, out, errs := runTM("tm", "export", "--tm", db, "--approved-only", "-o", exported); code != 0 || out != "" {
		t.Fatalf("export: %d %q %s", code, out, errs)
	}
	d, err := tmx.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tu := range d.Units {
		en, _ := tu.Text("en")
		got = append(got, tu.ID+" "+en)
	}
	if want := "a/article.txt#p1 The government responded.|a/article.txt#p3 End."; strings.Join(got, "|") != want {
		t.Errorf("exported %q, want %q", strings.Join(got, "|"), want)
	}
	// Three: the two machine translations the approved ones replaced are
	// left out, so that a CAT tool finds the editor's.
	if code, out, _ := runTM("tm", "export", "--tm", db); code != 0 || strings.Count(out, "</tu>") != 3 {
		t.Errorf("export to stdout: %d, %d units", code, strings.Count(out, "</tu>"))
	}
}
