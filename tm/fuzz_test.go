package tm

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/diglot/diglot/article"
)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", " a  b ", "Re\u0301sume\u0301\u00a0!", "\u202f«\tx\r\n»", "\xff\xfe", "a\u0085b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if Normalize(n) != n {
			t.Errorf("not idempotent: %q -> %q -> %q", s, n, Normalize(n))
		}
		if strings.Contains(n, "  ") || strings.TrimSpace(n) != n {
			t.Errorf("%q: white space left in %q", s, n)
		}
		if strings.ContainsFunc(n, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) {
			t.Errorf("%q: white space other than a space in %q", s, n)
		}
		if utf8.ValidString(s) && !norm.NFC.IsNormalString(n) {
			t.Errorf("%q: %q is not NFC", s, n)
		}
		if utf8.ValidString(s) && (sourceHash(s) == nil || string(sourceHash(s)) != string(sourceHash(n))) {
			t.Errorf("%q and its normal form hash differently", s)
		}
	})
}

// FuzzReadImport reads arbitrary files as Import does (the database work
// is left out: SQLite compiled with coverage instrumentation is too slow to
// fuzz). Every unit read has a source, and a file read has a format.
func FuzzReadImport(f *testing.F) {
	f.Add([]byte(foreign2), false)
	f.Add([]byte(foreign12), false)
	f.Add([]byte(readFile(f, writeXLIFF(f, translated(), nil))), false)
	f.Add([]byte(`<?xml version="1.0"?>
<tmx version="1.4"><header srclang="*all*"/><body>
<tu tuid="a/karabakh.txt#p4"><prop type="x-diglot-origin">approved</prop><tuv xml:lang="fr-FR"><seg>Le gouvernement a réagi.</seg></tuv><tuv xml:lang="en"><seg>It did.</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Hallo.</seg></tuv></tu>
</body></tmx>`), true)
	f.Add([]byte("\xff\xfe<\x00t\x00m\x00x\x00"), true)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, tmxName bool) {
		path := filepath.Join(dir, "in.xlf")
		if tmxName {
			path = filepath.Join(dir, "in.tmx")
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		in, err := readImport(path, "fr", "en")
		if err != nil {
			return
		}
		if !strings.HasPrefix(in.format, "xliff ") && !strings.HasPrefix(in.format, "tmx ") {
			t.Errorf("format %q", in.format)
		}
		for _, a := range in.articles {
			for _, u := range a.units {
				if strings.TrimSpace(u.source) == "" || (u.hasTarget && strings.TrimSpace(u.target) == "") {
					t.Errorf("unit %+v", u)
				}
			}
		}
	})
}

// TestImportAnyFile imports the fuzz seeds and a few broken files into a
// memory: a file refused or unreadable leaves the memory as it was.
func TestImportAnyFile(t *testing.T) {
	m := seeded(t, translated())
	files := map[string]string{
		"foreign.xlf": foreign2, "foreign12.xlf": foreign12,
		"empty.xlf": "", "empty.tmx": "", "truncated.xlf": foreign2[:len(foreign2)/2],
		"notmx.tmx": "<tmx", "utf16.tmx": "\xff\xfe<\x00t\x00m\x00x\x00",
		"nounits.xlf": `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en"><file id="f"><unit id="u"><segment><source> </source></segment></unit></file></xliff>`,
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			before, err := m.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := m.Import(ctx, writeFile(t, name, content), ImportOptions{})
			after, serr := m.Stats(ctx)
			if serr != nil {
				t.Fatal(serr)
			}
			var re *RefusedError
			switch {
			case errors.As(err, &re) && re.Reason == "":
				t.Errorf("refusal without a reason: %v", err)
			case err != nil && after.Approved != before.Approved:
				t.Errorf("failed import (%v) changed the approved count %d -> %d", err, before.Approved, after.Approved)
			case err == nil && after.Approved != before.Approved+rep.Taken:
				t.Errorf("report %+v, approved %d -> %d", rep, before.Approved, after.Approved)
			}
		})
	}
}

// FuzzJoinSentences: a paragraph whose every sentence is "approved" as
// itself is put back together as the paragraph (white space folded), so
// that an assembled translation neither loses nor repeats text.
func FuzzJoinSentences(f *testing.F) {
	f.Add("La guerre est finie. La paix est revenue.")
	f.Add("M. Dupont est arrivé. « Partez ! » dit-il. Fin…")
	f.Add("Un.\n\nDeux. Trois")
	f.Fuzz(func(t *testing.T, text string) {
		spans := article.Sentences(text)
		sents := make([]Sentence, len(spans))
		for i, sp := range spans {
			if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End || i > 0 && sp.Start < spans[i-1].End {
				t.Fatalf("span %d %+v out of order in %q", i, sp, text)
			}
			sents[i] = Sentence{Start: sp.Start, End: sp.End, Target: strings.TrimSpace(text[sp.Start:sp.End]), Approved: true}
		}
		got := Normalize(JoinSentences(text, sents, nil))
		if want := Normalize(text); got != want {
			t.Errorf("JoinSentences(%q) = %q, want %q", text, got, want)
		}
	})
}
