package glossary

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// refTokens is the reference of automaton.tokens: nextToken, appendFold and
// stem as the tokeniser defines them, each word looked up in a map of the
// automaton's words and stems.
func refTokens(a *automaton, text string) []textToken {
	var toks []textToken
	vocab, stems := mapOf(a.words), mapOf(a.stemWords)
	withStems := len(stems) > 0
	for i := 0; ; {
		kind, start, end, flags := nextToken(text, i)
		if kind == 0 {
			return toks
		}
		i = end
		w := text[start:end]
		t := textToken{start: int32(start), end: int32(end), id: -1, stem: -1, kind: kind}
		switch kind {
		case tokWord:
			fold := string(appendFold(nil, w, flags))
			t.id = lookup(vocab, fold)
			if withStems {
				t.stem = lookup(stems, stem(fold))
			}
		case tokApos:
			t.id = lookup(vocab, "'")
			if withStems {
				t.stem = lookup(stems, "'")
			}
		default:
			t.id = lookup(vocab, w)
			if withStems {
				t.stem = lookup(stems, w)
			}
		}
		toks = append(toks, t)
	}
}

// lookup is the id of s in m, or -1.
func lookup(m map[string]int32, s string) int32 {
	if id, ok := m[s]; ok {
		return id
	}
	return -1
}

// mapOf is the words of t and their ids as a map.
func mapOf(t *wordTable) map[string]int32 {
	m := make(map[string]int32, len(t.words))
	for _, w := range t.words {
		m[w.word] = w.id
	}
	return m
}

// checkTokens compares the tokens of text, read whole and a few at a time,
// with refTokens, in every automaton of m.
func checkTokens(t *testing.T, m *Matcher, text string) {
	t.Helper()
	for _, a := range []*automaton{m.src, m.forbidden} {
		want := refTokens(a, text)
		got, _, done := a.tokens(text, 0, nil, len(text)+1)
		if !done || !sameTokens(got, want) {
			t.Fatalf("tokens of %q:\n got %+v\nwant %+v", text, got, want)
		}
		var part []textToken
		for i, done := 0, false; !done; {
			part, i, done = a.tokens(text, i, part, len(part)+3)
		}
		if !sameTokens(part, want) {
			t.Fatalf("tokens of %q three at a time:\n got %+v\nwant %+v", text, part, want)
		}
	}
}

func sameTokens(a, b []textToken) bool {
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

// tokenGlossary has terms of every kind the tokeniser folds: accents,
// ligatures, apostrophes, hyphens, capitals, long words, stems, words
// beyond Latin and in decomposed form.
func tokenGlossary(t testing.TB, extra ...string) *Glossary {
	g := testGlossary(t)
	for k, s := range append([]string{
		"cœur", "Œuvre", "ŒUVRES", "aujourd’hui", "l'Élysée", "Saint-Étienne", "ÉTATS-UNIS", "Ⱥgence",
		"anticonstitutionnellement", "intergouvernementalisation européenne", "Ça", "Noël", "İstanbul",
		"façade", "naïveté", "ΣΑΣ", "Москва", "Arme\u0301nie", "pa\u00adtrie", "6 500", "G20", "S.A.",
		"«", "€", "a;b", "x\u037ey", "ǅemal", "ﬁnance", "DÉFENSE NATIONALE", "j’", "1er",
	}, extra...) {
		e := &Entry{ID: s, Sources: []string{s}, Target: "t" + s, Forbidden: []string{strings.ToUpper(s)}}
		e.Stem = k%3 == 0
		e.CaseSensitive = k%5 == 1
		g.Entries = append(g.Entries, e)
	}
	return g
}

var tokenTexts = []string{
	"", " ", "a", "L’Arménie et le Haut-Karabakh.", "LE CŒUR DE L'ŒUVRE", "le cœur de l’œuvre", "Cœurs, œuvres!",
	"aujourd’hui à Saint-Étienne, Saint Étienne", "ANTICONSTITUTIONNELLEMENT anticonstitutionnellementS",
	"intergouvernementalisationeuropéenneintergouvernementalisationeuropéenne", "Ⱥgence ⱥgence ȺGENCE",
	"İstanbul istanbul ISTANBUL", "Москва МОСКВА москва", "Arme\u0301nie Arménie ARME\u0301NIE", "pa\u00adtrie patrie PA\u00adTRIE",
	"6\u202f500 6\u00a0500", "x\u037ey a;b", "ǅemal ǆemal Ǆemal", "ﬁnance FINANCE", "\xff\xfeabc\xc3", "abcdefgh\xc3",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "@[`{ AZ az 09 /:", "j’ai 1er 1ER",
	strings.Repeat("é", 40), strings.Repeat("a", 63) + "é" + strings.Repeat("A", 70), strings.Repeat("Ⱥ", 20),
}

func TestTokensOracle(t *testing.T) {
	m := tokenGlossary(t).Matcher()
	for _, text := range tokenTexts {
		checkTokens(t, m, text)
	}
	for _, l := range newsText(t) {
		checkTokens(t, m, l)
	}
}

// TestTokensOracleNews compares the tokens of the news text in the
// benchmarks' large glossaries, with and without stems.
func TestTokensOracleNews(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100,000-entry glossary")
	}
	text := strings.Join(newsText(t), "\n")
	for _, g := range []*Glossary{synthetic(100_000), syntheticStem(100_000, 10)} {
		m := g.Matcher()
		checkTokens(t, m, text)
		checkTokens(t, m, strings.ToUpper(text))
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range tokenTexts {
		f.Add(s, "Conseil")
	}
	f.Add("Le cœur", "cœur")
	f.Add("L’ŒUVRE", "œuvre")
	f.Fuzz(func(t *testing.T, text, term string) {
		if !utf8.ValidString(term) {
			return
		}
		m := tokenGlossary(t, term, text, strings.ToUpper(term), strings.ToLower(text)).Matcher()
		checkTokens(t, m, text)
		checkTokens(t, m, term+" "+text)
	})
}
