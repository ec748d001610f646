package glossary

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// joinReference is foldString and normalString as they were first written:
// the forms of tokenize's tokens joined by spaces.
func joinReference(s string, exact bool) string {
	var parts []string
	for _, t := range tokenize(s) {
		if exact {
			parts = append(parts, t.exact)
		} else {
			parts = append(parts, t.fold)
		}
	}
	return strings.Join(parts, " ")
}

// FuzzJoinTokens checks that the keys written token by token into one buffer
// are the forms tokenize gives: source keys, fingerprints and the matcher's
// vocabulary depend on it.
func FuzzJoinTokens(f *testing.F) {
	for _, s := range []string{"Haut-Karabakh", "l’Arménie", "ÉTATS-UNIS", "Ω\u2126", "so\u00adft", "e\u0301", "a  b\t«c»", "Ǆemal", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, exact := range []bool{false, true} {
			if got, want := joinTokens(s, exact), joinReference(s, exact); got != want {
				t.Fatalf("%q (exact %v): %q, want %q", s, exact, got, want)
			}
		}
	})
}

// TestFingerprintStable pins the fingerprint of the sample glossary: the
// translation memory keys on it, so a faster computation must give the
// same value.
func TestFingerprintStable(t *testing.T) {
	g, err := Load(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := g.Fingerprint(), "74e849f650e973ba2abcf274de240d0502ab1669920ad0f96c23120d3f76ef08"; got != want {
		t.Errorf("fingerprint %s, want %s", got, want)
	}
}

// TestManyVariants: rows sharing one target are variants of one entry, each
// kept once, whatever their number.
func TestManyVariants(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "variante%d\tcible\n", i%1000) // each source twice
	}
	g, err := Parse("v.tsv", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Entries) != 1 || len(g.Entries[0].Sources) != 1000 {
		t.Fatalf("%d entries, %d sources; want 1 entry of 1000", len(g.Entries), len(g.Entries[0].Sources))
	}
	dups := 0
	for _, f := range Lint(g) {
		if f.Rule == RuleDuplicate {
			dups++
		}
	}
	if dups != 1000 {
		t.Errorf("%d duplicate findings, want 1000", dups)
	}
}

// BenchmarkManyVariants parses 100,000 rows sharing one target: each row
// was compared with every earlier variant (5·10⁹ comparisons).
func BenchmarkManyVariants(b *testing.B) {
	var sb strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&sb, "variante%d\tcible\n", i)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("v.tsv", data); err != nil {
			b.Fatal(err)
		}
	}
}
