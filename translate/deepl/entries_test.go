package deepl_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/deepl"
)

// Whatever the glossary holds, its entries are ones DeepL accepts: valid
// phrases (no tab, line break or control character, no surrounding space,
// not empty, at most 1024 bytes), no source twice, sorted; every valid
// source form is there.
func FuzzEntries(f *testing.F) {
	f.Add("Haut-Karabakh", "Haut Karabagh", "Nagorno-Karabakh", "Erevan", "Yerevan")
	f.Add("a\tb", "a b", "x\ny", " a ", "\u2028")
	f.Add("", "\x85", "é", "é", "\t")
	f.Fuzz(func(t *testing.T, s1, s2, t1, s3, t2 string) {
		terms := []translate.Term{{Sources: []string{s1, s2}, Target: t1}, {Sources: []string{s3, s1}, Target: t2}}
		entries := deepl.Entries(terms)
		for i, e := range entries {
			for _, p := range []string{e.Source, e.Target} {
				if p == "" || len(p) > deepl.MaxTermBytes || strings.TrimSpace(p) != p ||
					strings.IndexFunc(p, func(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }) >= 0 {
					t.Errorf("entry %d: phrase %q DeepL refuses", i, p)
				}
			}
			if i > 0 && entries[i-1].Source >= e.Source {
				t.Errorf("entries %d and %d out of order or duplicated: %q, %q", i-1, i, entries[i-1].Source, e.Source)
			}
		}
		for _, tm := range terms {
			if !utf8.ValidString(tm.Target) || strings.TrimSpace(tm.Target) != tm.Target || tm.Target == "" || strings.ContainsFunc(tm.Target, unicode.IsControl) {
				continue
			}
			for _, s := range tm.Sources {
				if s == "" || strings.TrimSpace(s) != s || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' || unicode.IsControl(r) }) || strings.Contains(s, "  ") || len(s) > deepl.MaxTermBytes || !utf8.ValidString(s) {
					continue
				}
				found := false
				for _, e := range entries {
					found = found || e.Source == s
				}
				if !found {
					t.Errorf("source %q is not an entry: %q", s, entries)
				}
			}
		}
	})
}

// BenchmarkEntries100k is the cost a run pays before its first request to
// know its DeepL glossary's name: a 100,000-entry glossary with a variant
// each. go test -run=^$ -bench=Entries100k ./translate/deepl/
func BenchmarkEntries100k(b *testing.B) {
	terms := make([]translate.Term, 100_000)
	for i := range terms {
		terms[i] = translate.Term{Sources: []string{fmt.Sprintf("Ville numéro %d", i), fmt.Sprintf("ville-%d", i)}, Target: fmt.Sprintf("City %d", i)}
	}
	for b.Loop() {
		deepl.GlossaryName("fr", "en", deepl.Entries(terms))
	}
}
