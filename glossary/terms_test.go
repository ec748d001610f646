package glossary

import (
	"path/filepath"
	"strings"
	"testing"
)

// TermsFingerprint identifies the entries a text matched and nothing else:
// "" for none, the same whatever the order, the repeats, the other entries
// or the notes, another one when a matched entry changes; versioned, and
// never equal to a whole glossary's fingerprint.
func TestTermsFingerprint(t *testing.T) {
	parse := func(data string) *Glossary {
		t.Helper()
		g, err := Parse("g.tsv", []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	fp := func(g *Glossary, text string) string { return g.TermsFingerprint(g.Matcher().Find(text)) }
	base := parse("Pashinian\tPashinyan\nErevan\tYerevan\n")
	text := "Pashinian est à Erevan, puis Pashinian repart."
	got := fp(base, text)
	if !strings.HasPrefix(got, TermsVersion) || len(got) != len(TermsVersion)+64 {
		t.Fatalf("fingerprint %q", got)
	}
	if got == base.Fingerprint() || strings.TrimPrefix(got, TermsVersion) == base.Fingerprint() {
		t.Error("the fingerprint of every entry matched equals the glossary's")
	}
	tests := []struct {
		name, glossary, text string // glossary "" is base
		same                 bool
	}{
		{"other order of the text", "", "Erevan, puis Pashinian.", true},
		{"another entry, not matched", "Pashinian\tPashinyan\nErevan\tYerevan\nSotchi\tSochi\n", text, true},
		{"lines reordered, a note", "Erevan\tYerevan\tcapital\nPashinian\tPashinyan\n", text, true},
		{"a matched target changed", "Pashinian\tPashinian\nErevan\tYerevan\n", text, false},
		{"a variant added", "Pashinian\tPashinyan\nPachinian\tPashinyan\nErevan\tYerevan\n", text, false},
		{"a matched entry removed", "Pashinian\tPashinyan\n", text, false},
		{"a new entry matched", "Pashinian\tPashinyan\nErevan\tYerevan\nrepart\tleaves\n", text, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := base
			if tt.glossary != "" {
				g = parse(tt.glossary)
			}
			if other := fp(g, tt.text); (other == got) != tt.same {
				t.Errorf("%q: same = %v, want %v", other, other == got, tt.same)
			}
		})
	}
	if got := fp(base, "Rien à signaler."); got != "" {
		t.Errorf("no match: %q, want \"\"", got)
	}
}

// TestTermsFingerprintStable pins the fingerprint of a text's entries in
// the sample glossary: the translation memory keys on it, so a faster
// computation must give the same value (a new one needs a new
// TermsVersion).
func TestTermsFingerprintStable(t *testing.T) {
	g, err := Load(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ms := g.Matcher().Find(g.Entries[0].Sources[0] + " et " + g.Entries[1].Sources[0])
	if len(ms) != 2 {
		t.Fatalf("matches %v", ms)
	}
	if got, want := g.TermsFingerprint(ms), TermsVersion+"328f00d29285d43921c279fd2b57fc585141377618725ae47f5e6eb6e52154bc"; got != want {
		t.Errorf("fingerprint %s, want %s", got, want)
	}
}
