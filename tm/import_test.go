package tm

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/output"
)

// article is a translated article whose machine translations are in the
// memory seeded by seeded.
func translated() *bitext.Document {
	d := &bitext.Document{
		Schema: bitext.Schema,
		Source: bitext.Source{Path: "a/karabakh.txt", Lang: "fr", SHA256: "5e1f"},
		Target: bitext.Target{Lang: "en"}, Backend: bitext.Backend{Name: "apertium"},
	}
	for i, p := range [][2]string{
		{"Le Haut-Karabakh a été évacué.", "Nagorno-Karabakh was evacuated."},
		{"Pachinian a parlé mardi.", "Pashinyan spoke on Tuesday."},
		{"Environ 6\u00a0500 personnes sont parties.", "About 6,500 people left."},
		{"Le gouvernement a réagi.", "The government reacted."},
		{"Fin de l'article.", "End of the article."},
	} {
		d.Segments = append(d.Segments, bitext.Segment{
			ID: "p" + string(rune('1'+i)), Kind: bitext.KindParagraph,
			Source: p[0], Target: p[1], MT: p[1] + " (raw)", Origin: "mt",
		})
	}
	d.Segments = append(d.Segments, bitext.Segment{ID: "c1", Kind: bitext.KindCode, Source: "x := 1", Target: "x := 1", Origin: "copy"})
	return d
}

// seeded returns a memory holding the machine translations of d.
func seeded(t testing.TB, d *bitext.Document) *Memory {
	t.Helper()
	m := openTemp(t)
	var es []Entry
	for _, s := range d.Segments {
		if s.Origin == "mt" {
			es = append(es, Entry{Source: s.Source, Target: s.Target, MT: s.MT, Path: d.Source.Path, SegmentID: s.ID, SHA256: d.Source.SHA256})
		}
	}
	put(t, m, apKey, es...)
	return m
}

// writeXLIFF writes d as XLIFF into a temporary file, after edit.
func writeXLIFF(t testing.TB, d *bitext.Document, edit func(*bitext.Document)) string {
	t.Helper()
	if edit != nil {
		edit(d)
	}
	path := filepath.Join(t.TempDir(), "article.fr-en.xlf")
	var buf bytes.Buffer
	if err := output.WriteXLIFF(&buf, d); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const (
	// foreign2 is an XLIFF 2.0 file from a CAT tool, without diglot metadata.
	foreign2 = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr-FR" trgLang="en-GB">
 <file id="f1" original="karabakh.docx">
  <unit id="u1"><segment state="translated"><source>Pachinian a parlé mardi.</source><target>Pashinyan spoke on Tuesday night.</target></segment></unit>
  <unit id="u2"><segment state="final"><source>Le gouvernement a réagi.</source><target>The government reacted.</target></segment></unit>
  <unit id="u3"><segment><source>Une phrase inconnue.</source><target>An unknown sentence.</target></segment></unit>
  <unit id="u4"><segment><source>Fin de l'article.</source></segment></unit>
 </file>
</xliff>`
	// foreign12 is an XLIFF 1.2 file.
	foreign12 = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="karabakh.txt" source-language="fr" target-language="en" datatype="plaintext">
  <body>
   <trans-unit id="1"><source>Le Haut-Karabakh a été évacué.</source><target>Nagorno-Karabakh has been evacuated.</target></trans-unit>
   <trans-unit id="2"><source>Fin de l'article.</source><target state="signed-off">End of the article.</target></trans-unit>
   <trans-unit id="3"><source>Le gouvernement a réagi.</source><target state="translated">The government reacted.</target></trans-unit>
  </body>
 </file>
</xliff>`
)

func TestRefusalSourceIsCut(t *testing.T) {
	long := strings.Repeat("mot ", 40)
	if got := cut(long, RefusalSourceLen); len([]rune(got)) != RefusalSourceLen || !strings.HasSuffix(got, "…") {
		t.Errorf("cut gave %q", got)
	}
	if got := cut("a\nb", 10); got != "a b" {
		t.Errorf("cut gave %q", got)
	}
	for _, tt := range []struct {
		src, trg string
		copy     bool
	}{{"Le chat", "Le  chat", true}, {"2024", "2024", false}, {"Le chat", "The cat", false}} {
		if got := isCopy(tt.src, tt.trg); got != tt.copy {
			t.Errorf("isCopy(%q, %q) = %v", tt.src, tt.trg, got)
		}
	}
}
