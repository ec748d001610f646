package article

import (
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/internal/testkit"
)

// junkLines are lines built to hit every default rule, in several cases and
// with the look-alike letters (?i) folds: K and the Kelvin sign, s and ſ.
var junkLines = []string{
	"[ad_1]", "[ /ADS ]", "Source link -32", "LIEN SOURCE", "À lire aussi", "VOIR ÉGALEMENT : la suite",
	"Partager sur Facebook", "facebook | twitter | e-mail", "PUBLICITÉ", "Contenu sponsorisé",
	"Abonnez-vous à notre newsletter.", "Lettre d’information :", "Cliquez ici", "Suivez-nous sur X",
	"Retrouvez toute l’actualité", "(Crédit photo : AFP)", "(Photo: Reuters)", "Illustration : X",
	"© 2024 Le Monde", "(c) 2023", "Copyright AFP", "Le Monde – Tous droits réservés", "TOUS DROITS RÉSERVÉS",
	"Ce site utilise des cookies pour améliorer votre expérience", "Gérer mes cookies", "Tout accepter",
	"En poursuivant votre navigation, vous acceptez", "Politique de cookies", "Paramètres des cookies",
	"Continuer sans accepter", "ſource link", "\u212aacebook", "Partager l’article", "x",
}

// corpusLines returns French lines of the corpus: WMT newstest2014 and
// FLORES-200 devtest, skipping when the corpus is absent.
func corpusLines(t *testing.T) []string {
	var lines []string
	for _, elem := range [][]string{
		{"parallel", "wmt", "newstest2014.fra-eng.fra"},
		{"parallel", "flores200", "devtest.fra_Latn"},
	} {
		data, err := os.ReadFile(testkit.Corpus(t, elem...))
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	return lines
}

// TestPrefilterExact compares the junk rules with and without their
// prefilters over the corpus's French lines, the sample articles' lines and
// lines made to be junk: the prefilters must change no result.
func TestPrefilterExact(t *testing.T) {
	lines := append(corpusLines(t), junkLines...)
	files, _ := filepath.Glob(filepath.Join(articlesDir, "*.*"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	filtered, byRule, unfiltered := newCleaner(Options{}), newCleaner(Options{}), newCleaner(Options{})
	byRule.quick = nil
	unfiltered.unfiltered = true
	if filtered.quick == nil {
		t.Fatal("no one-pass scan for the default rules")
	}
	junk, skipped := 0, 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		got, want := filtered.rule(l), unfiltered.rule(l)
		if got != want {
			t.Errorf("%q: rule %q with prefilters, %q without", l, got, want)
		}
		if got := byRule.rule(l); got != want {
			t.Errorf("%q: rule %q with prefilters rule by rule, %q without", l, got, want)
		}
		if want != "" {
			junk++
		}
		folded := caseless(l)
		for _, f := range filtered.filters {
			if !f.mayMatch(folded) {
				skipped++
			}
		}
	}
	t.Logf("%d lines, %d junk; the prefilters spared %.0f%% of the regexp runs",
		len(lines), junk, 100*float64(skipped)/float64(len(lines)*len(filtered.filters)))
	if junk < len(junkLines)-2 {
		t.Errorf("only %d junk lines found: the rules changed?", junk)
	}
}

// TestPrefilterLiterals pins the literals derived for a few patterns.
func TestPrefilterLiterals(t *testing.T) {
	tests := []struct {
		pattern string
		want    string // literals joined by |; "" means no prefilter
	}{
		{`(?i).*tous\s+droits\s+réservés.*`, "RÉSERVÉS"},
		{`abc`, "ABC"},
		{`(?:©|copyright\b|\(c\)\s*\d{4}).*`, "©|COPYRIGHT|(C)"},
		{`a*`, ""},
		{`.*`, ""},
		{`x|y*`, ""},
		{`[a-z]+`, ""},
		{`(foo)+bar?`, "FOO"},
		{`\bpub\b`, "PUB"},
		{`(?:ab){2,}`, "AB"},
	}
	for _, tt := range tests {
		got := strings.Join(newPrefilter(regexp.MustCompile(tt.pattern)).lits, "|")
		if got != tt.want {
			t.Errorf("%s: literals %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

// FuzzPrefilter checks the prefilter's one property on any pattern and line:
// when the regexp matches the line, the prefilter lets the line through.
func FuzzPrefilter(f *testing.F) {
	for _, d := range defaultJunk {
		f.Add(d.pattern, "x")
	}
	for _, l := range junkLines {
		f.Add(`(?i)(?:partager|x)\s+sur`, l)
	}
	f.Add(`(?i)k`, "\u212a")
	f.Add(`(?i)s`, "ſ")
	f.Add(`\x{FFFD}`, "\xff")
	f.Fuzz(func(t *testing.T, pattern, line string) {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		if re.MatchString(line) && !newPrefilter(re).mayMatch(caseless(line)) {
			t.Fatalf("%q matches %q, but the prefilter %q rejects it", pattern, line, newPrefilter(re).lits)
		}
		whole := anchored(re)
		q, _ := newQuickRules([]*regexp.Regexp{whole}, []prefilter{newPrefilter(re)})
		if line != "" && whole.MatchString(line) && q.candidates(line) == 0 {
			t.Fatalf("%q matches all of %q, but its heads %q and finders reject it", pattern, line, q.heads[0])
		}
		for _, l := range newPrefilter(re).lits {
			f := newFinder(l)
			if got, want := f.in(line), strings.Contains(caseless(line), l); got != want {
				t.Fatalf("finder of %q in %q: %v, want %v", l, line, got, want)
			}
		}
	})
}

// FuzzFinder checks that a finder tells what making the line caseless and
// searching it tells.
func FuzzFinder(f *testing.F) {
	f.Add("COOKIES", "Gérer mes coo\u212aies")
	f.Add("RÉSERVÉS", "tous droits réſervés")
	f.Add("ABONNEZ-VOUS", "\xffabonnez-vous")
	f.Add("©", "© 2024")
	f.Fuzz(func(t *testing.T, lit, line string) {
		if lit == "" {
			return
		}
		lit = caseless(lit)
		fi := newFinder(lit)
		if got, want := fi.in(line), strings.Contains(caseless(line), lit); got != want {
			t.Fatalf("finder of %q (anchor %d) in %q: %v, want %v", lit, fi.anchor, line, got, want)
		}
	})
}

// TestHeads pins the starts derived for a few patterns.
func TestHeads(t *testing.T) {
	tests := []struct {
		pattern string
		want    string // heads joined by |; "*" when any start
	}{
		{`(?i)partager(?:\s+sur)?`, "PARTAGER"},
		{`(?i)(?:à\s+|a\s+)?(?:lire|voir)\s+aussi`, "À|A|LIRE|VOIR"},
		{`(?i).*tous\s+droits`, "*"},
		{`\bfoo|^bar`, "FOO|BAR"},
		{`x*y?z`, "X|Y|Z"},
		{`(?i)abcdefghijklmnopqrstuvwxyz`, "ABCDEFGHIJKLMNOP"},
	}
	for _, tt := range tests {
		tree, err := syntax.Parse(tt.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		hs, _, ok := heads(tree.Simplify())
		got := strings.Join(hs, "|")
		if !ok {
			got = "*"
		}
		if got != tt.want {
			t.Errorf("%s: heads %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

// cpuClock reports the CPU time the process used, so that throughput can be
// given per CPU second, which other load on the machine skews far less than
// wall-clock time.
func cpuClock() time.Duration { return testkit.CPUTime(false) }

// FuzzJunkRules checks that the default rules give the same verdict on any
// line with their prefilters as without.
func FuzzJunkRules(f *testing.F) {
	for _, l := range junkLines {
		f.Add(l)
	}
	filtered, byRule, unfiltered := newCleaner(Options{}), newCleaner(Options{}), newCleaner(Options{})
	byRule.quick = nil
	unfiltered.unfiltered = true
	f.Fuzz(func(t *testing.T, line string) {
		want := unfiltered.rule(line)
		if got := filtered.rule(line); got != want {
			t.Fatalf("%q: rule %q with prefilters, %q without", line, got, want)
		}
		if got := byRule.rule(line); got != want {
			t.Fatalf("%q: rule %q with prefilters rule by rule, %q without", line, got, want)
		}
	})
}

// BenchmarkJunkRules tries the default rules on every French line of WMT
// newstest2014 (0.44 MB): prefiltered in one pass over each line, prefiltered
// rule by rule, and without prefilters.
func BenchmarkJunkRules(b *testing.B) {
	data, err := os.ReadFile(testkit.Corpus(b, "parallel", "wmt", "newstest2014.fra-eng.fra"))
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for _, name := range []string{"one-pass", "rule-by-rule", "unfiltered"} {
		b.Run(name, func(b *testing.B) {
			c := newCleaner(Options{})
			c.unfiltered = name == "unfiltered"
			if name == "rule-by-rule" {
				c.quick = nil // each rule's literals searched on their own
			}
			b.SetBytes(int64(len(data)))
			cpu := cpuClock()
			for b.Loop() {
				for _, l := range lines {
					c.rule(strings.TrimSpace(l))
				}
			}
			if used := cpuClock() - cpu; used > 0 {
				b.ReportMetric(float64(len(data))*float64(b.N)/1e6/used.Seconds(), "MB/cpu-s")
			}
		})
	}
}
