package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/testkit"
	"golang.org/x/text/encoding/charmap"
)

// articlesDir holds the team's sample articles, at the module root.
var articlesDir = filepath.Join("..", "testdata", "articles")

// goldenArticle is the form of an Article kept in golden files: everything a
// reader of the package sees, plus the sentences of each block.
type goldenArticle struct {
	Format   string           `json:"format"`
	Encoding string           `json:"encoding"`
	SHA256   string           `json:"sha256"`
	Title    string           `json:"title,omitempty"`
	Removed  []bitext.Removed `json:"removed"`
	Blocks   []goldenBlock    `json:"blocks"`
}

type goldenBlock struct {
	Kind      string   `json:"kind"`
	Line      int      `json:"line"`
	Level     int      `json:"level,omitempty"`
	Marker    string   `json:"marker,omitempty"`
	Translate bool     `json:"translate"`
	Text      string   `json:"text"`
	Sentences []string `json:"sentences,omitempty"`
}

func golden(a *Article) []byte {
	g := goldenArticle{Format: a.Format, Encoding: a.Encoding, SHA256: a.SHA256, Title: a.Title, Removed: a.Removed}
	for _, b := range a.Blocks {
		gb := goldenBlock{Kind: b.Kind, Line: b.Line, Level: b.Level, Marker: b.Marker, Translate: b.Translate, Text: b.Text}
		if b.Translate {
			for _, s := range Sentences(b.Text) {
				gb.Sentences = append(gb.Sentences, b.Text[s.Start:s.End])
			}
		}
		g.Blocks = append(g.Blocks, gb)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(g); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// TestSampleArticles reads every sample article and compares the result with
// its golden file (go test -update rewrites them; review the diff).
func TestSampleArticles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(articlesDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if FormatOf(f) == "" || filepath.Base(f) == "README.md" {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			a, err := Read(f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, filepath.Join("testdata", "golden", filepath.Base(f)+".json"), golden(a))
		})
	}
	if n < 4 {
		t.Fatalf("found %d sample articles in %s, want 4 or more", n, articlesDir)
	}
}

// TestSampleHardCases checks the properties the sample articles exist for,
// independently of the golden files.
func TestSampleHardCases(t *testing.T) {
	read := func(t *testing.T, name string) *Article {
		t.Helper()
		a, err := Read(filepath.Join(articlesDir, name), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	t.Run("windows-1252", func(t *testing.T) {
		a := read(t, "orages-1252.txt")
		if a.Encoding != EncodingWindows1252 {
			t.Errorf("encoding %q, want %q", a.Encoding, EncodingWindows1252)
		}
		if !strings.Contains(a.Blocks[0].Text, "privés d’électricité") {
			t.Errorf("first block %q not decoded", a.Blocks[0].Text)
		}
	})
	t.Run("crlf", func(t *testing.T) {
		a := read(t, "corridor-latchine-crlf.txt")
		for _, b := range a.Blocks {
			if strings.ContainsAny(b.Text, "\r\n") {
				t.Errorf("line %d: text has a line end: %q", b.Line, b.Text)
			}
		}
		if a.Blocks[0].Kind != bitext.KindHeading || a.Blocks[0].Level != 1 {
			t.Errorf("first block %+v, want the ALL-CAPS headline as a level 1 heading", a.Blocks[0])
		}
	})
	t.Run("junk rules", func(t *testing.T) {
		rules := map[string]bool{}
		for _, name := range []string{"sotchi-sommet.txt", "bruxelles-mediation.txt", "corridor-latchine-crlf.txt", "orages-1252.txt", "erevan-moscou.md", "cyberattaque-hopital.md"} {
			for _, r := range read(t, name).Removed {
				rules[r.Rule] = true
			}
		}
		for _, want := range []string{"ad-marker", "source-link", "read-also", "share", "ad-label", "subscribe", "click-here", "follow-us", "find-more", "photo-credit", "copyright"} {
			if !rules[want] {
				t.Errorf("no sample article exercises rule %q", want)
			}
		}
	})
	t.Run("code kept", func(t *testing.T) {
		a := read(t, "cyberattaque-hopital.md")
		for _, b := range a.Blocks {
			if b.Kind == bitext.KindCode && strings.Contains(b.Text, "Publicité") {
				return
			}
		}
		t.Error("the junk-looking line inside the code block was removed")
	})
}

// TestWindows1252Sample checks that the committed Windows-1252 sample is the
// encoding of its UTF-8 source; go test -update regenerates it.
func TestWindows1252Sample(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "orages.utf8.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := charmap.Windows1252.NewEncoder().Bytes(src)
	if err != nil {
		t.Fatalf("source is not encodable in Windows-1252: %v", err)
	}
	path := filepath.Join(articlesDir, "orages-1252.txt")
	if *testkit.Update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not the Windows-1252 encoding of testdata/orages.utf8.txt (go test -update)", path)
	}
	a, err := Parse(path, got, Options{KeepJunk: true})
	if err != nil {
		t.Fatal(err)
	}
	u, err := Parse("orages.txt", src, Options{KeepJunk: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Blocks) != len(u.Blocks) {
		t.Fatalf("%d blocks from Windows-1252, %d from UTF-8", len(a.Blocks), len(u.Blocks))
	}
	for i := range a.Blocks {
		if a.Blocks[i].Text != u.Blocks[i].Text {
			t.Errorf("block %d: %q from Windows-1252, %q from UTF-8", i, a.Blocks[i].Text, u.Blocks[i].Text)
		}
	}
}

// TestSeedArticle reads the article the project was specified from.
func TestSeedArticle(t *testing.T) {
	a, err := Read(testkit.Corpus(t, "seed", "000_ce33e93aea62c78b.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The file has 17 non-blank lines: [ad_1], 14 paragraphs, [ad_2] and the
	// truncated "Source link -32" trailer.
	if len(a.Blocks) != 14 {
		t.Errorf("%d blocks, want 14", len(a.Blocks))
	}
	for i, b := range a.Blocks {
		if b.Kind != bitext.KindParagraph || b.Line != i+2 {
			t.Errorf("block %d: kind %s line %d, want a paragraph on line %d", i, b.Kind, b.Line, i+2)
		}
	}
	wantRemoved := []bitext.Removed{
		{Line: 1, Text: "[ad_1]", Rule: "ad-marker"},
		{Line: 16, Text: "[ad_2]", Rule: "ad-marker"},
		{Line: 17, Text: "Source link -32", Rule: "source-link"},
	}
	if !equalRemoved(a.Removed, wantRemoved) {
		t.Errorf("removed %+v, want %+v", a.Removed, wantRemoved)
	}
	if got := a.Blocks[5].Text; !strings.HasPrefix(got, "Plus de 6 500 personnes") {
		t.Errorf("block 6 = %q", got)
	}
}

func equalRemoved(a, b []bitext.Removed) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, path string
		data       string
		want       string // Error() of the *Error
	}{
		{"empty", "a.txt", "", "a.txt: no text to translate"},
		{"only blank", "a.txt", "\n  \n\t\n", "a.txt: no text to translate"},
		{"only junk", "a.txt", "[ad_1]\nPublicité\nSource link -12\n", "a.txt: no text to translate"},
		{"only code", "a.md", "```\nx := 1\n```\n", "a.md: no text to translate"},
		{"nul byte", "a.txt", "Bonjour\x00le monde", "a.txt: binary file (NUL byte at offset 7)"},
		{"control characters", "a.txt", "ab\x01\x02\x03\x04\x05\x06cd", "a.txt: binary file (6 of 10 characters are control characters)"},
		{"undefined 1252 byte", "a.txt", "Le café\x81 est chaud", "a.txt: not UTF-8 text and not Windows-1252 French (byte 0x81 at offset 8)"},
		{"latin bytes not french", "a.txt", "abc \xfd\xfc\xff", "a.txt: not UTF-8 text and not Windows-1252 French (byte 0xfd at offset 4)"},
		{"offset counts the BOM", "a.txt", "\xef\xbb\xbfab\x90", "a.txt: not UTF-8 text and not Windows-1252 French (byte 0x90 at offset 5)"},
		{"unknown extension", "a.pdf", "texte", `a.pdf: unsupported file extension ".pdf" (want .txt, .md or .markdown)`},
		{"front matter not closed", "a.md", "---\ntitle: x\n\nTexte.\n", "a.md:1: front matter has no closing ---"},
		{"front matter bad yaml", "a.md", "---\ntitle: x\n  bad: [\n---\nTexte.\n", "a.md:3: bad front matter: mapping values are not allowed in this context"},
		{"front matter not a mapping", "a.md", "---\n- a\n- b\n---\nTexte.\n", "a.md:2: front matter is not a mapping of keys to values"},
		{"front matter title not text", "a.md", "---\nauteur: x\ntitle:\n  - a\n---\nTexte.\n", "a.md:4: front matter title is not text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.path, []byte(tt.data), Options{})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse = %+v, %v; want *Error %q", a, err, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error %q, want %q", err, tt.want)
			}
		})
	}
}

func TestReadMissingFile(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "absent.txt"), Options{})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v, want one wrapping os.ErrNotExist", err)
	}
}

func TestEncodings(t *testing.T) {
	const text = "Le président arménien a parlé à Erevan.\nL’Azerbaïdjan répond."
	utf16 := func(le bool) string {
		var b []byte
		if le {
			b = []byte{0xFF, 0xFE}
		} else {
			b = []byte{0xFE, 0xFF}
		}
		for _, r := range text { // all in the BMP
			if le {
				b = append(b, byte(r), byte(r>>8))
			} else {
				b = append(b, byte(r>>8), byte(r))
			}
		}
		return string(b)
	}
	cp1252, _ := charmap.Windows1252.NewEncoder().String(text)
	tests := []struct {
		name, data, enc string
	}{
		{"utf-8", text, EncodingUTF8},
		{"utf-8 BOM", "\ufeff" + text, EncodingUTF8},
		{"CRLF", strings.ReplaceAll(text, "\n", "\r\n"), EncodingUTF8},
		{"CR", strings.ReplaceAll(text, "\n", "\r"), EncodingUTF8},
		{"windows-1252", cp1252, EncodingWindows1252},
		{"windows-1252 CRLF", strings.ReplaceAll(cp1252, "\n", "\r\n"), EncodingWindows1252},
		{"utf-16le", utf16(true), EncodingUTF16LE},
		{"utf-16be", utf16(false), EncodingUTF16BE},
		{"stray control character dropped", strings.Replace(text, "Erevan", "Ere\x1bvan", 1), EncodingUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("a.txt", []byte(tt.data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Encoding != tt.enc {
				t.Errorf("encoding %q, want %q", a.Encoding, tt.enc)
			}
			want := strings.Split(text, "\n")
			if len(a.Blocks) != len(want) {
				t.Fatalf("%d blocks, want %d: %+v", len(a.Blocks), len(want), a.Blocks)
			}
			for i, b := range a.Blocks {
				if b.Text != want[i] || b.Line != i+1 {
					t.Errorf("block %d = line %d %q, want line %d %q", i, b.Line, b.Text, i+1, want[i])
				}
			}
		})
	}
}

func TestWindows1252Heuristic(t *testing.T) {
	enc := func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"accented french", enc("Le président a été reçu à Bakou."), true},
		{"no accents, french words and quotes", enc("« Le pays est dans la crise », dit-il sur la radio. Il part pour Moscou avec le ministre."), true},
		{"english with curly quotes", enc("“The talks went well,” he said in Baku on Monday."), false},
		{"german", enc("Die Bürger müssen größere Straßen überqueren."), false},
		{"mostly symbols", enc("é §§§ ¤¤¤ ¶¶ ±±± ××× 123 456 789 !!! ### $$$"), false},
		{"undefined byte", []byte("Le pr\xe9sident \x8d a parl\xe9."), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := windows1252French(tt.data); ok != tt.ok {
				t.Errorf("windows1252French = %v, want %v", ok, tt.ok)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{Path: "a.txt", Msg: "no text to translate"}, "a.txt: no text to translate"},
		{Error{Path: "b/c.md", Line: 4, Msg: "front matter title is not text"}, "b/c.md:4: front matter title is not text"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatOf(t *testing.T) {
	tests := map[string]string{
		"a.txt": "txt", "a/B.TXT": "txt", "a.md": "md", "a.markdown": "md", "a.Markdown": "md",
		"a.html": "", "txt": "", "a.md.bak": "",
	}
	for path, want := range tests {
		t.Run(path, func(t *testing.T) {
			if got := FormatOf(path); got != want {
				t.Errorf("FormatOf(%q) = %q, want %q", path, got, want)
			}
		})
	}
}

func TestArticleFields(t *testing.T) {
	data := []byte("Bonjour.\n")
	a, err := Parse("x/y.txt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// sha256 of "Bonjour.\n"
	if a.Path != "x/y.txt" || a.Format != "txt" || a.SHA256 != "7dde2d4ed2100f7f8616addfb120a89df09970a7d2d705d98db9b19da38ef9f2" {
		t.Errorf("article %+v", a)
	}
}
