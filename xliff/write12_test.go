package xliff

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// xmlChar reports whether XML 1.0 can hold r.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// FuzzWrite12RoundTrip checks that any unit [Write12] accepts reads back
// with the same text (characters XML cannot hold as U+FFFD), the same
// sentences when the writer split it, and the same terms.
func FuzzWrite12RoundTrip(f *testing.F) {
	f.Add("Le chat dort. Le chien mange.", "The cat sleeps. The dog eats.", "chat", "cat")
	f.Add("a <b> & \"c\"\r\n\x01", "", "", "")
	f.Add("  x  ", "\ty\t", "x", "y")
	f.Fuzz(func(t *testing.T, source, target, term, translation string) {
		if !utf8.ValidString(source) || !utf8.ValidString(target) || !utf8.ValidString(term) || !utf8.ValidString(translation) {
			return
		}
		u := DocUnit{ID: "p1", Source: source, Target: target, Sentences: SplitSentences(source), State: "translated", StateQualifier: "leveraged-mt"}
		if i := strings.Index(source, term); term != "" && i >= 0 {
			u.Terms = []Term{{Source: term, Target: translation, Entry: term, Start: i, End: i + len(term)}}
		}
		for _, opt := range []Options12{{}, {SourceInTarget: true}} {
			var buf bytes.Buffer
			if err := Write12(&buf, &Doc{SrcLang: "fr", TrgLang: "en", Original: "a.txt", Units: []DocUnit{u}}, opt); err != nil {
				t.Fatal(err)
			}
			x, err := Read(bytes.NewReader(buf.Bytes()), "rt.xlf")
			if err != nil {
				t.Fatalf("%v\n%s", err, buf.Bytes())
			}
			clean := func(s string) string {
				return strings.Map(func(r rune) rune {
					if xmlChar(r) {
						return r
					}
					return utf8.RuneError
				}, s)
			}
			got := x.Files[0].Units[0]
			wantTarget := target
			if opt.SourceInTarget {
				wantTarget = source
			}
			if got.Source != clean(source) || got.Target != clean(wantTarget) || got.HasTarget != (wantTarget != "") {
				t.Fatalf("read %q -> %q, wrote %q -> %q\n%s", got.Source, got.Target, source, wantTarget, buf.Bytes())
			}
			if len(got.Glossary) != len(u.Terms) || len(u.Terms) == 1 && (got.Glossary[0].Term != clean(term) || got.Glossary[0].Translation != clean(translation)) {
				t.Fatalf("terms %+v, wrote %+v", got.Glossary, u.Terms)
			}
			var joined string
			for _, s := range got.Segments {
				joined += s.Source
			}
			if len(got.Segments) > 1 && strings.Join(strings.Fields(joined), "") != strings.Join(strings.Fields(got.Source), "") {
				t.Fatalf("sentences %+v do not make the source %q", got.Segments, got.Source)
			}
		}
	})
}

func TestRead12Golden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "output", "testdata", "sample.fr-en.1.2.xlf"))
	if err != nil {
		t.Skip(err)
	}
	x, err := Read(bytes.NewReader(data), "sample.xlf")
	if err != nil {
		t.Fatal(err)
	}
	fe := x.Files[0]
	if fe.Meta["source-sha256"] != "9f2c1e" || fe.Units[1].Meta["origin"] != "mt" || fe.Units[1].StateQualifier != "leveraged-mt" {
		t.Errorf("file meta %v, unit meta %v, qualifier %q", fe.Meta, fe.Units[1].Meta, fe.Units[1].StateQualifier)
	}
}
