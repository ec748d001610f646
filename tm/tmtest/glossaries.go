package tmtest

import (
	"reflect"
	"testing"

	"github.com/diglot/diglot/tm"
)

// glossaries: a source's machine translations under another glossary
// fingerprint are found for its backend, settings and pair, whatever the
// glossary asked for, and for no other backend, settings or pair; an
// approved translation is not one of them.
func (s *suite) glossaries(t *testing.T) {
	m := s.open(t)
	src, other := sample[0].Source, sample[1].Source
	withTerms := dlKey
	withTerms.Glossary = "terms/v1:aa"
	put(t, m, dlKey, sample[0])
	put(t, m, withTerms, sample[0])
	noTerms := dlKey
	noTerms.Glossary = ""
	put(t, m, noTerms, sample[1])
	approve(t, m, tm.Entry{Source: "Un texte approuvé.", Target: "An approved text."})

	got, err := m.Glossaries(ctx, tm.Key{Backend: dlKey.Backend, Settings: dlKey.Settings, From: "FR", To: "en", Glossary: "ignored"},
		[]string{src, "Absent.", "  Le  président est arrivé. ", other, "Un texte approuvé."})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{sortedPair(dlKey.Glossary, withTerms.Glossary), nil, sortedPair(dlKey.Glossary, withTerms.Glossary), {""}, nil}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("glossaries\n%q\nwant\n%q", got, want)
	}
	for name, k := range map[string]tm.Key{
		"other backend":  {Backend: "google", Settings: dlKey.Settings, From: "fr", To: "en"},
		"other settings": {Backend: dlKey.Backend, Settings: "formality=more", From: "fr", To: "en"},
		"other pair":     {Backend: dlKey.Backend, Settings: dlKey.Settings, From: "fr", To: "de"},
	} {
		got, err := m.Glossaries(ctx, k, []string{src, other})
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != nil || got[1] != nil {
			t.Errorf("%s: %q, want none", name, got)
		}
	}
	if got, err := m.Glossaries(ctx, dlKey, nil); err != nil || len(got) != 0 {
		t.Errorf("no sources: %q, %v", got, err)
	}
}

func sortedPair(a, b string) []string {
	if b < a {
		a, b = b, a
	}
	return []string{a, b}
}
