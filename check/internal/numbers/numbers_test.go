package numbers

import (
	"slices"
	"strings"
	"testing"
)

func values(ns []Number) string {
	var out []string
	for _, n := range ns {
		v := n.Value
		if n.Soft {
			v = "~" + v
		}
		out = append(out, v)
	}
	return strings.Join(out, " ")
}

func TestExtractNumbers(t *testing.T) {
	tests := []struct {
		name, lang, text, want string
	}{
		{"french thousands space", "fr", "6 500 manifestants", "6500"},
		{"french no-break space", "fr", "6\u00a0500 et 2\u202f000", "6500 2000"},
		{"french decimal comma", "fr", "12,5 % des voix", "12.5"},
		{"french thousands and decimal", "fr", "1 234,56 euros", "1234.56"},
		{"french dot thousands", "fr", "1.500 habitants", "1500"},
		{"french comma with three decimals", "fr", "1,500 km", "1.5"},
		{"english thousands comma", "en", "6,500 protesters", "6500"},
		{"english decimal point", "en", "12.5% of the vote", "12.5"},
		{"english lenient decimal comma", "en", "1,5 million", "1500000"},
		{"english point with three decimals", "en", "1.500 km", "1.5"},
		{"millions french", "fr", "6,5 millions d’euros", "6500000"},
		{"milliard is billion", "fr", "1,2 milliard", "1200000000"},
		{"billion english", "en", "1.2 billion", "1200000000"},
		{"french millions abbreviated", "fr", "50 M$ et 1,5 M£ et 4,1 Md$", "50000000 1500000 4100000000"},
		{"not a million", "fr", "la route M4 et 3 M. Dupont", "4 3"},
		{"hyphenated scale", "en", "$700-billion and £1.5million", "700000000000 1500000"},
		{"year not joined", "fr", "En 2019 500 personnes", "2019 500"},
		{"year", "en", "in 2019.", "2019"},
		{"negative", "fr", "-5 °C et −3,5 %", "-5 -3.5"},
		{"range is not negative", "fr", "2019-2020", "2019 2020"},
		{"code not negative", "en", "COVID-19", "19"},
		{"version", "en", "version 2.1.3", "2 1 3"},
		{"ordinal french", "fr", "le 1er janvier", "1"},
		{"ordinal english", "en", "January 1st", "1"},
		{"leading zeros", "fr", "le 07/03", "7 3"},
		{"french time", "fr", "à 22h30 puis 8 h et 20h00", "22 30 8 20"},
		{"english pm", "en", "at 10:30 p.m. then 8 am and 12 pm", "22 30 8 12"},
		{"english 24-hour", "en", "at 22:30", "22 30"},
		{"british time", "en", "at 10.30pm", "22 30"},
		{"hour duration french", "fr", "2 heures", "2"},
		{"words english", "en", "three people and twenty-one others", "~3 ~21"},
		{"words french", "fr", "trois morts, vingt-deux blessés, quatre-vingt-dix", "~3 ~22 ~90"},
		{"vingt et un", "fr", "vingt-et-un", "~21"},
		{"word with scale", "en", "two million", "~2000000"},
		{"roman ordinal french", "fr", "le XXIe siècle, Napoléon Ier, la Ve République", "~21 ~1 ~5"},
		{"roman numeral", "en", "Louis XIV", "~14"},
		{"not roman", "fr", "Le Monde, De Gaulle, Me Dupont, M. Macron, la CIA", ""},
		{"code with digits", "en", "an A320 and the G7", "320 7"},
		{"plain space in english", "en", "2 000 people", "2000"},
		{"thin and figure spaces", "fr", "10\u2009000 et 3\u2007000", "10000 3000"},
		{"percent sign glued", "en", "-3.5%", "-3.5"},
		{"empty", "fr", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := Extract(tt.text, tt.lang, true)
			if v := values(got); v != tt.want {
				t.Errorf("Extract(%q, %s) = %q, want %q", tt.text, tt.lang, v, tt.want)
			}
		})
	}
}

func TestNumberDiff(t *testing.T) {
	tests := []struct {
		name, src, tgt string
		missing, extra string
	}{
		{"thousands", "6 500 manifestants", "6,500 protesters", "", ""},
		{"percent", "12,5 %", "12.5%", "", ""},
		{"no separator", "6 500", "6500", "", ""},
		{"2 000", "2 000 soldats", "2,000 soldiers", "", ""},
		{"millions", "6,5 millions", "6.5 million", "", ""},
		{"millions in full", "6,5 millions", "6,500,000", "", ""},
		{"spelled out", "3 personnes", "three people", "", ""},
		{"roman century", "le XXIe siècle", "the 21st century", "", ""},
		{"time", "à 22 h", "at 10 p.m.", "", ""},
		{"time with a leading zero", "à 08 h 05", "at 8:05 a.m.", "", ""},
		{"midnight in digits", "à 00h30", "at 00:30", "", ""},
		{"english copy of french format", "2 000 soldats", "2 000 soldiers", "", ""},
		{"day then count", "Le 5 mai, 150 personnes", "On May 5 150 people", "", ""},
		{"changed", "6 500 manifestants", "6,050 protesters", "6500", "6050"},
		{"dropped", "en 2019, 12 morts", "in 2019, dead", "12", ""},
		{"added", "des morts", "12 dead", "", "12"},
		{"decimal misread", "1,5 km", "1,500 km", "1.5", "1500"},
		{"sign", "-5 °C", "5 °C", "-5", "5"},
		{"twice", "5 et 5", "5 and 6", "5", "6"},
		{"word does not require digits", "trois", "3", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, e := Diff(tt.src, "fr", tt.tgt, "en")
			if values(m) != tt.missing || values(e) != tt.extra {
				t.Errorf("Diff(%q, %q) = missing %q extra %q, want %q %q", tt.src, tt.tgt, values(m), values(e), tt.missing, tt.extra)
			}
		})
	}
}

func TestRomanValue(t *testing.T) {
	for v := 1; v < 4000; v++ {
		if got := romanValue(toRoman(v)); got != v {
			t.Fatalf("romanValue(%q) = %d, want %d", toRoman(v), got, v)
		}
	}
	for _, s := range []string{"IIII", "VV", "IC", "MMMM", ""} {
		if got := romanValue(s); got != 0 {
			t.Errorf("romanValue(%q) = %d, want 0", s, got)
		}
	}
}

func FuzzExtractNumbers(f *testing.F) {
	for _, s := range []string{"6 500", "12,5 %", "1.2 billion", "22h30", "10:30 p.m.", "XXIe", "vingt-et-un", "-3", "2.1.3", "1,", "9\u00a0"} {
		f.Add(s, "fr")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		for _, join := range []bool{true, false} {
			ns, _ := Extract(text, lang, join)
			for _, n := range ns {
				if n.Value == "" || !strings.Contains(text, n.Text) {
					t.Fatalf("%q: number %+v", text, n)
				}
				if strings.HasPrefix(n.Value, "0") && n.Value != "0" && !strings.HasPrefix(n.Value, "0.") {
					t.Fatalf("%q: value %q not canonical", text, n.Value)
				}
			}
		}
		m, e := Diff(text, lang, text, lang)
		if len(m) > 0 || len(e) > 0 {
			t.Fatalf("%q differs from itself: %v %v", text, m, e)
		}
	})
}

// diffRef is [Diff] without its shortcuts: no test for digits, the target
// extracted again for each reading of the source.
func diffRef(src, srcLang, tgt, tgtLang string) (missing, extra []Number) {
	best := -1
	for _, sj := range []bool{true, false} {
		s, sAmbiguous := Extract(src, srcLang, sj)
		for _, tj := range []bool{true, false} {
			t, tAmbiguous := Extract(tgt, tgtLang, tj)
			m, e := diffNumbers(s, t)
			if best < 0 || len(m)+len(e) < best {
				missing, extra, best = m, e, len(m)+len(e)
			}
			if best == 0 || !tAmbiguous {
				break
			}
		}
		if best == 0 || !sAmbiguous {
			break
		}
	}
	return missing, extra
}

// FuzzDiffQuick checks the shortcuts of [Diff] and lookupWord against the
// plain computations: Diff without its test for digits and with the
// target extracted for each reading of the source, and the number words
// looked up by their strings.ToLower.
func FuzzDiffQuick(f *testing.F) {
	f.Add("trois morts et XXIe siècle", "three dead in the 21st century", "Vingt-Deux")
	f.Add("Louis XIV, deux millions", "Louis XIV, two million", "QUATRE")
	f.Add("le 1er janvier", "on January first", "Première")
	f.Add("", "twenty", "\u212aeins")
	f.Add("En 2019 500 personnes, 6 500 euros", "In 2019 500 people, 6 500 euros", "six")
	f.Fuzz(func(t *testing.T, src, tgt, word string) {
		for _, langs := range [][2]string{{"fr", "en"}, {"en", "fr"}} {
			m1, e1 := Diff(src, langs[0], tgt, langs[1])
			m2, e2 := diffRef(src, langs[0], tgt, langs[1])
			if !slices.Equal(m1, m2) || !slices.Equal(e1, e2) {
				t.Fatalf("Diff(%q, %q) = %v, %v; without the shortcut %v, %v", src, tgt, m1, e1, m2, e2)
			}
		}
		for _, words := range []map[string]int{englishWords, frenchWords} {
			v, ok := lookupWord(words, word)
			want, wantOK := words[strings.ToLower(word)]
			if word == "" {
				want, wantOK = 0, false
			}
			if ok != wantOK || v != want {
				t.Fatalf("lookupWord(%q) = %d, %v; want %d, %v", word, v, ok, want, wantOK)
			}
		}
	})
}
