package output

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWordDiff(t *testing.T) {
	eq := func(s string) DiffOp { return DiffOp{OpEqual, s} }
	del := func(s string) DiffOp { return DiffOp{OpDelete, s} }
	ins := func(s string) DiffOp { return DiffOp{OpInsert, s} }
	tests := []struct {
		name string
		a, b string
		want []DiffOp
	}{
		{"both empty", "", "", nil},
		{"identical", "Le président russe.", "Le président russe.", []DiffOp{eq("Le président russe.")}},
		{"all new", "", "The Russian president.", []DiffOp{ins("The Russian president.")}},
		{"all gone", "The Russian president.", "", []DiffOp{del("The Russian president.")}},
		{
			"one word replaced whole, not by letters",
			"Le président russe a parlé.", "Le président arménien a parlé.",
			[]DiffOp{eq("Le président "), del("russe"), ins("arménien"), eq(" a parlé.")},
		},
		{
			"accent fixed replaces the word",
			"elle a ete elue", "elle a été elue",
			[]DiffOp{eq("elle a "), del("ete"), ins("été"), eq(" elue")},
		},
		{
			"spaces between replaced words fold into the replacement",
			"le chat noir dort", "la chienne noire dort",
			[]DiffOp{del("le chat noir"), ins("la chienne noire"), eq(" dort")},
		},
		{
			"name repaired, punctuation kept",
			"Nikol Pashinian, the prime minister", "Nikol Pashinyan, the prime minister",
			[]DiffOp{eq("Nikol "), del("Pashinian"), ins("Pashinyan"), eq(", the prime minister")},
		},
		{
			"word inserted",
			"in Karabakh", "in Nagorno-Karabakh",
			[]DiffOp{eq("in "), ins("Nagorno-"), eq("Karabakh")},
		},
		{
			"elision is a word boundary",
			"de l’Arménie", "de la Géorgie",
			[]DiffOp{eq("de "), del("l’Arménie"), ins("la Géorgie")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WordDiff(tt.a, tt.b)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("WordDiff(%q, %q)\n got %v\nwant %v", tt.a, tt.b, got, tt.want)
			}
			checkOps(t, tt.a, tt.b, got)
		})
	}
}

// checkOps asserts the invariants every word diff keeps: the ops rebuild both
// texts, no op is empty, and neighbours differ in kind.
func checkOps(t *testing.T, a, b string, ops []DiffOp) {
	t.Helper()
	var oldText, newText strings.Builder
	for i, op := range ops {
		if op.Text == "" {
			t.Fatalf("op %d is empty: %v", i, ops)
		}
		if i > 0 && ops[i-1].Kind == op.Kind {
			t.Fatalf("ops %d and %d share kind %d: %v", i-1, i, op.Kind, ops)
		}
		switch op.Kind {
		case OpEqual:
			oldText.WriteString(op.Text)
			newText.WriteString(op.Text)
		case OpDelete:
			oldText.WriteString(op.Text)
		case OpInsert:
			newText.WriteString(op.Text)
		default:
			t.Fatalf("op %d has kind %d", i, op.Kind)
		}
	}
	if oldText.String() != a {
		t.Errorf("old side rebuilt as %q, want %q", oldText.String(), a)
	}
	if newText.String() != b {
		t.Errorf("new side rebuilt as %q, want %q", newText.String(), b)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"l’Arménie,  6 500 km", []string{"l", "’", "Arménie", ",", "  ", "6", " ", "500", " ", "km"}},
		{"« Non ! »", []string{"«", " ", "Non", " ", "!", " ", "»"}},
		{"Haut-Karabakh", []string{"Haut", "-", "Karabakh"}},
		{"e\u0301te\u0301", []string{"e\u0301te\u0301"}}, // combining accents stay in the word
		{"a\xffb", []string{"a", "\xff", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := tokenize(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWordEdits(t *testing.T) {
	tests := []struct {
		name     string
		hyp, ref string
		want     EditStats
		rate     float64
	}{
		{"identical", "the cat sat", "the cat sat", EditStats{0, 3}, 0},
		{"one substitution", "the cat sat", "the dog sat", EditStats{1, 3}, 1.0 / 3},
		{"insertion", "the cat sat", "the black cat sat", EditStats{1, 4}, 0.25},
		{"deletion", "the black cat sat", "the cat sat", EditStats{1, 3}, 1.0 / 3},
		{"case counts", "The cat", "the cat", EditStats{1, 2}, 0.5},
		{"moved word costs two, no shifts", "yesterday he left", "he left yesterday", EditStats{2, 3}, 2.0 / 3},
		{"white space is not an edit", "the  cat\n sat", "the cat sat", EditStats{0, 3}, 0},
		{"everything deleted", "the cat", "", EditStats{2, 0}, 1},
		{"both empty", "", "", EditStats{0, 0}, 0},
		{"from nothing", "", "a new line", EditStats{3, 3}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WordEdits(tt.hyp, tt.ref)
			if got != tt.want {
				t.Errorf("WordEdits(%q, %q) = %+v, want %+v", tt.hyp, tt.ref, got, tt.want)
			}
			if r := got.Rate(); r != tt.rate {
				t.Errorf("Rate() = %v, want %v", r, tt.rate)
			}
		})
	}
}

// FuzzWordDiff checks that any pair of texts, valid UTF-8 or not, diffs into
// ops that rebuild both texts.
func FuzzWordDiff(f *testing.F) {
	f.Add("Le président russe a parlé.", "Le président arménien a parlé.")
	f.Add("le chat noir dort", "la chienne noire dort")
	f.Add("a b a", "a b x b a")
	f.Add("", "x")
	f.Add("a\xffb", "a\xfe b")
	f.Fuzz(func(t *testing.T, a, b string) {
		ops := WordDiff(a, b)
		checkOps(t, a, b, ops)
		if a == b && len(ops) > 1 {
			t.Fatalf("identical texts gave %d ops", len(ops))
		}
		s := WordEdits(a, b)
		if s.Edits < 0 || s.Edits > max(len(strings.Fields(a)), s.Words) {
			t.Fatalf("WordEdits(%q, %q) = %+v", a, b, s)
		}
	})
}

// frenchParagraphs returns two paragraphs of about n characters of French
// news prose that differ in about one word in ten.
func frenchParagraphs(n int) (string, string) {
	words := strings.Fields(`le président russe a déclaré mardi que les négociations avec
		l’Arménie et l’Azerbaïdjan sur le Haut-Karabakh reprendraient dans les prochaines
		semaines selon un communiqué publié par le Kremlin où les ministres des affaires
		étrangères se sont réunis pour la troisième fois depuis septembre avec 6 500
		soldats déployés dans la région frontalière`)
	replacements := strings.Fields(`gouvernement arménien jeudi accord conflit officiel
		rapidement capitale délégation humanitaire cessez-le-feu`)
	rng := rand.New(rand.NewPCG(1, 2))
	var a, b strings.Builder
	for utf8.RuneCountInString(a.String()) < n {
		w := words[rng.IntN(len(words))]
		a.WriteString(w)
		if rng.IntN(10) == 0 {
			w = replacements[rng.IntN(len(replacements))]
		}
		b.WriteString(w)
		a.WriteByte(' ')
		b.WriteByte(' ')
	}
	return a.String(), b.String()
}

func TestFrenchParagraphs(t *testing.T) {
	a, b := frenchParagraphs(4000)
	if n := utf8.RuneCountInString(a); n < 3900 || n > 4100 {
		t.Errorf("old paragraph has %d characters, want about 4000", n)
	}
	s := WordEdits(a, b)
	if r := s.Rate(); r < 0.05 || r > 0.15 {
		t.Errorf("paragraphs differ in %.1f%% of words, want about 10%%", 100*r)
	}
	checkOps(t, a, b, WordDiff(a, b))
}

// BenchmarkWordDiff diffs two 4,000-character French paragraphs that differ in
// about 10% of their words. See docs/benchmarks.md.
func BenchmarkWordDiff(b *testing.B) {
	x, y := frenchParagraphs(4000)
	b.SetBytes(int64(len(x) + len(y)))
	for b.Loop() {
		WordDiff(x, y)
	}
}

func BenchmarkWordEdits(b *testing.B) {
	x, y := frenchParagraphs(4000)
	for b.Loop() {
		WordEdits(x, y)
	}
}
