package article

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to Parse as .txt and as .md: it must not
// panic, must fail only with an *Error, and must give blocks with text on a
// line of the file.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"[ad_1]\nLe président.\n\nSource link -32",
		"TITRE\nUn texte\nsur deux lignes.\n\nFin.",
		"---\ntitle: x\n---\n# T\n\n- a\n  - b\n> q\n\n```\nc\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"---\ntitle: [\n---\n",
		"    code\n\ttab\n1) un\n2. deux\nx\n===\n",
		"\xef\xbb\xbfa\r\nb\rc",
		"\xffLe caf\xe9 \xab chaud \xbb",
		"\xff\xfeL\x00e\x00",
		"a\x00b",
	}
	files, _ := filepath.Glob(filepath.Join(articlesDir, "*.*"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			seeds = append(seeds, string(data))
		}
	}
	for _, s := range seeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, md bool) {
		path := "a.txt"
		if md {
			path = "a.md"
		}
		a, err := Parse(path, data, Options{})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q is not one line", err)
			}
			return
		}
		// lines of the file: at least the number of line ends, plus one
		lines := strings.Count(string(data), "\n") + strings.Count(string(data), "\r") + 1
		if len(a.Blocks) == 0 {
			t.Fatal("no blocks and no error")
		}
		for i, b := range a.Blocks {
			if strings.TrimSpace(b.Text) == "" {
				t.Errorf("block %d has no text: %+v", i, b)
			}
			if b.Line < 1 || b.Line > lines {
				t.Errorf("block %d on line %d of %d", i, b.Line, lines)
			}
			if b.Translate && b.Text != normalizeSpace(b.Text) {
				t.Errorf("block %d text %q not normalised", i, b.Text)
			}
			if !utf8.ValidString(b.Text) {
				t.Errorf("block %d text %q is not UTF-8", i, b.Text)
			}
		}
		for _, r := range a.Removed {
			if r.Line < 1 || r.Line > lines || r.Rule == "" {
				t.Errorf("removed %+v out of the file's %d lines", r, lines)
			}
		}
	})
}

// FuzzQuoteDepth checks that nesting a Markdown block quote deeper changes
// nothing: a line under any number of markers reads as under one, with the
// an error for both or for neither. The markers are stripped in one pass, so a
// deep quote also costs no more than its length.
func FuzzQuoteDepth(f *testing.F) {
	for _, s := range []string{"texte cité", "  > encore", "# titre", "- point", "[ad_1]", "", "\t>x", "```"} {
		f.Add(s, uint16(1))
		f.Add(s, uint16(300))
	}
	f.Fuzz(func(t *testing.T, line string, depth uint16) {
		if strings.ContainsAny(line, "\r\n") || !utf8.ValidString(line) || strings.ContainsFunc(line, unicode.IsControl) {
			t.Skip("one line of text") // error offsets and shares of control characters depend on the depth
		}
		one, err1 := Parse("a.md", []byte("> "+line+"\n"), Options{})
		deep, err2 := Parse("a.md", []byte(strings.Repeat(">", int(depth%4096)+1)+" "+line+"\n"), Options{})
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v / %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		if !reflect.DeepEqual(one.Blocks, deep.Blocks) || !reflect.DeepEqual(one.Removed, deep.Removed) {
			t.Fatalf("depth %d: %+v %+v, want %+v %+v", depth%4096+1, deep.Blocks, deep.Removed, one.Blocks, one.Removed)
		}
	})
}

// FuzzSentences checks the invariants of Sentences on arbitrary text.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"M. Pashinyan a parlé. Puis « Non ! » dit-il… Fin?! 6 500 morts, 12,5 %.",
		"En 52 av. J.-C. César. [...] « a. » B.",
		"\u202f?\u00a0» \n\n . . .",
		"\xff.\xfe A",
		"»»» ... »",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, Sentences(text))
	})
}

func BenchmarkParse(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(articlesDir, "*.*"))
	var all [][]byte
	var names []string
	size := 0
	for _, file := range files {
		if FormatOf(file) == "" || filepath.Base(file) == "README.md" {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		all, names = append(all, data), append(names, file)
		size += len(data)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for i, data := range all {
			if _, err := Parse(names[i], data, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkSentences(b *testing.B) {
	text := strings.Repeat("Le président russe M. Poutine a reçu MM. Pashinyan et Aliyev à Sotchi. « Nous devons y mettre fin ! » a-t-il dit. Plus de 6 500 morts, etc. ", 50)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sentences(text)
	}
}
