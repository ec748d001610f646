package bitext

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/diglot/diglot/internal/testkit"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	xliff2 = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="fr" trgLang="en">
<file id="f1" original="a.txt">
<unit id="u1"><notes><note>n1</note></notes><segment state="reviewed"><source>Le <pc id="1">chat</pc></source><target>The <pc id="1">cat</pc></target></segment></unit>
<unit id="u2" translate="no"><segment><source>x</source></segment></unit>
</file>
<file id="f2"><unit id="u1"><segment><source>b</source></segment></unit></file>
</xliff>
`
	xliff12 = `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="b.txt" source-language="fr" target-language="en-GB" datatype="plaintext"><body>
<trans-unit id="1"><source>Bonjour <x id="1"/></source><target state="final">Hello <x id="1"/></target></trans-unit>
</body></file></xliff>`
	tmxDoc = `<?xml version="1.0"?>
<tmx version="1.4"><header srclang="%s" creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="t"/><body>
<tu tuid="a.txt#p1"><prop type="x-diglot-origin">approved</prop><prop type="x-domain">news</prop><note>n</note>
<tuv xml:lang="en-US"><seg>Hello <ph x="1">{b}</ph></seg></tuv><tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Nur Deutsch</seg></tuv></tu>
</body></tmx>`
	jsonDoc = `{"schema": "diglot.bitext/v1", "source": {"path": "a.txt", "lang": "fr", "sha256": "s"}, "target": {"lang": "en"},
 "backend": {"name": "fake"},
 "segments": [
  {"id": "p1", "kind": "paragraph", "source": "Le chat", "target": "The cat", "origin": "mt",
   "issues": [{"rule": "term-missing", "severity": "error", "message": "chat"}]},
  {"id": "c1", "kind": "code", "source": "x", "target": "x", "origin": "copy"}
 ]}`
)

// TestOpenSniffs checks that the content, not the name, says the format,
// and that the extension decides only when the content says nothing.
func TestOpenSniffs(t *testing.T) {
	tests := []struct {
		name, file, content string
		format, version     string
	}{
		{"json", "a.fr-en.json", jsonDoc, FormatJSON, Schema},
		{"json named xlf", "a.xlf", "\uFEFF  \n" + jsonDoc, FormatJSON, Schema},
		{"xliff 2 named json", "a.json", xliff2, FormatXLIFF, "2.1"},
		{"xliff 1.2 without extension", "edited", xliff12, FormatXLIFF, "1.2"},
		{"tmx named xml", "memory.xml", strings.Replace(tmxDoc, "%s", "en-US", 1), FormatTMX, "1.4"},
		{"utf-16 tmx", "m.tmx", utf16le(strings.Replace(tmxDoc, "%s", "en-US", 1)), FormatTMX, "1.4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Open(writeFile(t, tt.file, tt.content), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if f.Format != tt.format || f.Version != tt.version {
				t.Errorf("format %q %q, want %q %q", f.Format, f.Version, tt.format, tt.version)
			}
		})
	}
}

func utf16le(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

func TestOpenRefuses(t *testing.T) {
	var marks strings.Builder
	for i := range 1_000_000 {
		fmt.Fprintf(&marks, `<mrk id="m%d">`, i)
	}
	deep := strings.Replace(xliff2, "<source>x</source>", "<source>\n"+marks.String()+"</source>", 1)
	tests := []struct{ name, file, content, want string }{
		{"text", "notes.txt", "just text", "shown.txt: not a bilingual file"},
		{"other xml", "page.html", "<html/>", "shown.txt: not a bilingual file"},
		{"broken json by extension", "a.json", "schema", "shown.txt:1: bitext: not valid JSON"},
		{"broken xliff by extension", "a.xlf", "", "shown.txt:1: unexpected end of file"},
		{"broken tmx by root", "a.xlf", "<tmx version=\"1.4\">\n<body><tu>", "shown.txt:2: "},
		{"deep xliff", "deep.xlf", deep, "shown.txt:6: <mrk> too deeply nested"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(writeFile(t, tt.file, tt.content), Options{Name: "shown.txt"})
			var pe *ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("got %v, want a one-line *ParseError starting %q", err, tt.want)
			}
		})
	}
	if _, err := Open(filepath.Join(t.TempDir(), "absent.json"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("absent file: %v", err)
	}
}

// TestOpenUnits checks the one unit model over the three formats.
func TestOpenUnits(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		f, err := Open(writeFile(t, "a.fr-en.json", jsonDoc), Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := f.Parts[0]
		if f.From != "fr" || f.To != "en" || p.Original != "a.txt" || p.Metadata["source-sha256"] != "s" || p.Metadata["backend"] != "fake" {
			t.Errorf("file %+v part %+v", f, p)
		}
		want := []Unit{
			{ID: "p1", Line: 4, Source: "Le chat", Target: "The cat", HasTarget: true, Translate: true,
				Notes: []string{"term-missing chat"}, Metadata: map[string]string{"kind": "paragraph", "origin": "mt"}},
			{ID: "c1", Line: 6, Source: "x", Target: "x", HasTarget: true, Metadata: map[string]string{"kind": "code", "origin": "copy"}},
		}
		if !reflect.DeepEqual(p.Units, want) {
			t.Errorf("units\ngot  %+v\nwant %+v", p.Units, want)
		}
		if d := f.Document(); d.Source.Path != "a.txt" || len(d.Segments) != 2 || d.Segments[0].Issues[0].Rule != "term-missing" {
			t.Errorf("document %+v", d)
		}
	})
	t.Run("xliff 2", func(t *testing.T) {
		f, err := Open(writeFile(t, "a.xlf", xliff2), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Parts) != 2 || f.Parts[0].ID != "f1" || f.Parts[0].Original != "a.txt" || f.Parts[1].ID != "f2" {
			t.Fatalf("parts %+v", f.Parts)
		}
		want := []Unit{
			{ID: "u1", Line: 4, Source: "Le chat", Target: "The cat", HasTarget: true, Translate: true, State: "reviewed",
				Codes: Codes{Known: true, Source: []string{"pc:1"}, Target: []string{"pc:1"}}, Notes: []string{"n1"}},
			{ID: "u2", Line: 5, Source: "x", Codes: Codes{Known: true}},
		}
		if got := f.Parts[0].Units; !reflect.DeepEqual(got, want) {
			t.Errorf("units\ngot  %+v\nwant %+v", got, want)
		}
		if d := f.Document(); d.Source.Path != "a.txt" || d.Segments[1].Kind != KindCode {
			t.Errorf("document %+v", d)
		}
	})
	t.Run("xliff 1.2", func(t *testing.T) {
		f, err := Open(writeFile(t, "b.xlf", xliff12), Options{})
		if err != nil {
			t.Fatal(err)
		}
		u := f.Parts[0].Units[0]
		if f.To != "en-GB" || u.State != "final" || u.Target != "Hello " || !reflect.DeepEqual(u.Codes.Target, []string{"x:1"}) {
			t.Errorf("file %s-%s, unit %+v", f.From, f.To, u)
		}
	})
	t.Run("tmx", func(t *testing.T) {
		f, err := Open(writeFile(t, "m.tmx", strings.Replace(tmxDoc, "%s", "fr-FR", 1)), Options{From: "fr", To: "en"})
		if err != nil {
			t.Fatal(err)
		}
		want := []Unit{{ID: "a.txt#p1", Line: 3, Source: "Bonjour", Target: "Hello ", HasTarget: true, Translate: true,
			Codes: Codes{Known: true, Target: []string{"ph:1"}, ByKind: true}, Notes: []string{"n"},
			Metadata: map[string]string{"origin": "approved", "x-domain": "news", "source-path": "a.txt", "segment": "p1"}}}
		if f.From != "fr-FR" || f.To != "en-US" || !reflect.DeepEqual(f.Parts[0].Units, want) {
			t.Errorf("pair %s-%s units\ngot  %+v\nwant %+v", f.From, f.To, f.Parts[0].Units, want)
		}
	})
}

// TestTMXPair shows how the pair of a TMX file is chosen. Two algorithms
// used to exist: check preferred the caller's pair whenever some unit had
// both languages, which read a file declaring English as its source as a
// French one; tm import kept the declared source. The declared source is
// what the file means, so that is the one kept: "declared en" is where the
// two differed.
func TestTMXPair(t *testing.T) {
	tests := []struct {
		name, srclang, from, to string
		wantFrom, wantTo        string
	}{
		{"declared fr", "fr-FR", "fr", "en", "fr-FR", "en-US"},
		{"declared en", "en-US", "fr", "en", "en-US", "fr-FR"},
		{"declared fr, target asked absent", "fr-FR", "fr", "es", "fr-FR", "en-US"},
		{"all: the caller's source", "*all*", "fr", "de", "fr-FR", "de"},
		{"all: no preference", "*all*", "", "", "en-US", "fr-FR"},
		{"none declared", "", "de", "", "de", "en-US"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Open(writeFile(t, "m.tmx", strings.Replace(tmxDoc, "%s", tt.srclang, 1)), Options{From: tt.from, To: tt.to})
			if err != nil {
				t.Fatal(err)
			}
			if f.From != tt.wantFrom || f.To != tt.wantTo {
				t.Errorf("pair %s-%s, want %s-%s", f.From, f.To, tt.wantFrom, tt.wantTo)
			}
		})
	}
}

// TestOpenCorpus opens the OASIS XLIFF 2.1 and 2.2 valid samples, the Okapi
// XLIFF 1.2 samples and the Okapi TMX samples: every one reads, sniffed
// from its content, with units that have an id and a line.
func TestOpenCorpus(t *testing.T) {
	sets := []struct {
		format string
		dir    []string
	}{
		{FormatXLIFF, []string{"xliff", "oasis-xliff21-test-suite", "core", "valid"}},
		{FormatXLIFF, []string{"xliff", "oasis-xliff22-test-suite", "core", "valid"}},
		{FormatXLIFF, []string{"xliff", "okapi"}},
		{FormatTMX, []string{"tmx", "okapi"}},
	}
	for _, set := range sets {
		dir := testkit.Corpus(t, set.dir...)
		files, _ := filepath.Glob(filepath.Join(dir, "*.*"))
		n := 0
		for _, path := range files {
			if ext := strings.ToLower(filepath.Ext(path)); ext != ".xlf" && ext != ".xliff" && ext != ".tmx" {
				continue
			}
			n++
			t.Run(filepath.Base(path), func(t *testing.T) {
				f, err := Open(path, Options{From: "en", To: "fr"})
				if err != nil {
					t.Fatal(err)
				}
				if f.Format != set.format || len(f.Parts) == 0 {
					t.Fatalf("format %q, %d parts", f.Format, len(f.Parts))
				}
				for _, p := range f.Parts {
					for _, u := range p.Units {
						if u.ID == "" || u.Line == 0 {
							t.Errorf("unit %+v without id or line", u)
						}
					}
				}
			})
		}
		if n == 0 {
			t.Errorf("no sample in %s", dir)
		}
	}
}
