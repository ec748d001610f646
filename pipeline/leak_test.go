package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/apertium"
	"github.com/diglot/diglot/translate/apertium/apytest"
	"github.com/diglot/diglot/translate/fake"
)

// residue finds what may be left of a placeholder in a target, whatever its
// exact shape: the letters of either end of one, in any case and with any
// marks or spaces between them, and any word mixing letters and digits or
// glued to Apertium's marks that the source does not hold.
var (
	residueLetters = regexp.MustCompile(`(?i)z[\W_]{0,3}x[\W_]{0,3}q|q[\W_]{0,3}x[\W_]{0,3}z`)
	mixedWord      = regexp.MustCompile(`[\pL*#@~]*(?:\pL[*#@~]*\d|\d[*#@~]*\pL)[\pL\d*#@~]*`)
)

func residues(source, target string) []string {
	var out []string
	for _, m := range residueLetters.FindAllString(target, -1) {
		if !residueLetters.MatchString(source) {
			out = append(out, m)
		}
	}
	for _, w := range mixedWord.FindAllString(target, -1) {
		if !strings.Contains(source, strings.Trim(w, "*#@~")) {
			out = append(out, w)
		}
	}
	return out
}

// mangle does to placeholders what engines do: glue Apertium's marks inside
// one, lowercase it, split its digits, drop it.
func mangle(text string) string {
	ph := regexp.MustCompile(`Zxq(\d+)qxZ`)
	n := 0
	return ph.ReplaceAllStringFunc(text, func(m string) string {
		d := ph.FindStringSubmatch(m)[1]
		n++
		switch n % 4 {
		case 0:
			return "Zxq*" + d + "qxZ"
		case 1:
			return strings.ToLower(m) + "#"
		case 2:
			return "Zxq" + d + " 7qxZ"
		}
		return ""
	})
}

// assertClean fails for any residue of a placeholder and any term-missing.
func assertClean(t *testing.T, doc *bitext.Document) {
	t.Helper()
	for _, s := range doc.Segments {
		if r := residues(s.Source, s.Target); len(r) > 0 {
			t.Errorf("%s %s: target holds %q: %q", doc.Source.Path, s.ID, r, s.Target)
		}
		if r := residues(s.Source, s.MT); len(r) > 0 {
			t.Errorf("%s %s: mt holds %q: %q", doc.Source.Path, s.ID, r, s.MT)
		}
		for _, is := range s.Issues {
			if is.Rule == glossary.RuleTermMissing || is.Rule == glossary.RuleTermForbidden {
				t.Errorf("%s %s: %s: %s (target %q)", doc.Source.Path, s.ID, is.Rule, is.Message, s.Target)
			}
		}
	}
}

// A backend that mangles or drops every placeholder: each such paragraph is
// translated again without them and repaired; nothing of a placeholder is
// published and every term is honoured.
func TestProtectRetranslatesWhatLostItsPlaceholders(t *testing.T) {
	b := &fake.Backend{Edit: mangle}
	// The fake passes these names through: unprotected, they are repaired.
	a := parse(t, "Pashinian et le Conseil européen.\nLe Conseil européen et Pashinyan, avec Pashinian.\nLa paix.\n")
	doc, st, err := newPipeline(t, b).Document(context.Background(), a, "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	assertClean(t, doc)
	if st.Retranslated != 2 {
		t.Errorf("%d paragraphs re-translated, want 2", st.Retranslated)
	}
	if req, _ := b.Calls(); req != 2 {
		t.Errorf("%d requests, want 2 (one per round)", req)
	}
}

// When the engine loses a placeholder and the term cannot be repaired, the
// segment is published without residue and its term-missing says what
// happened.
func TestLostPlaceholderThatCannotBeRepairedIsExplained(t *testing.T) {
	b := &fake.Backend{Edit: func(s string) string {
		s = regexp.MustCompile(`Zxq\d+qxZ`).ReplaceAllString(s, "")
		return strings.ReplaceAll(s, "Pashinian", "the prime minister")
	}}
	doc, _, err := newPipeline(t, b).Document(context.Background(), parse(t, "Pashinian est là.\n"), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Segments[0]
	if r := residues(s.Source, s.Target); len(r) > 0 {
		t.Errorf("target holds %q", r)
	}
	var msg string
	for _, is := range s.Issues {
		if is.Rule == glossary.RuleTermMissing {
			msg = is.Message
		}
	}
	if !strings.Contains(msg, `"Pashinian" is not translated as "Pashinyan"`) || !strings.Contains(msg, "lost the placeholder") ||
		!strings.Contains(msg, "re-translated without placeholders") {
		t.Errorf("term-missing message %q does not say what happened (issues %v)", msg, s.Issues)
	}
}

// Verify-first sends the text as it is and protects only the paragraphs
// whose terms came out wrong.
func TestVerifyFirstProtectsOnlyWhereNeeded(t *testing.T) {
	var protected []string
	b := &fake.Backend{Edit: func(s string) string {
		if strings.Contains(s, "Zxq") {
			protected = append(protected, s)
			return s
		}
		return strings.ReplaceAll(s, "Pashinian", "Pachinyan") // a wrong spelling repair cannot see
	}}
	a := parse(t, "Le président Pashinian.\nLe Conseil européen et la paix.\nLa guerre.\n")
	doc, st, err := newPipeline(t, b, func(c *pipeline.Config) { c.Terms = pipeline.VerifyFirst }).Document(context.Background(), a, "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	assertClean(t, doc)
	if st.Retranslated != 1 || len(protected) != 1 || !strings.HasPrefix(protected[0], "The president Zxq0qxZ") {
		t.Errorf("re-translated %d, protected requests %q: want only the first paragraph", st.Retranslated, protected)
	}
	if got := doc.Segments[1].Target; got != "The European Council and the peace." {
		t.Errorf("unprotected paragraph repaired to %q", got)
	}
}

// Verify-first keeps the unprotected translation, repaired, when the
// protected one loses its placeholder.
func TestVerifyFirstFallsBackWhenPlaceholdersAreLost(t *testing.T) {
	b := &fake.Backend{Edit: func(s string) string {
		return strings.ReplaceAll(mangle(s), "Pashinian", "Pachinyan")
	}}
	doc, st, err := newPipeline(t, b, func(c *pipeline.Config) { c.Terms = pipeline.VerifyFirst }).
		Document(context.Background(), parse(t, "Pashinian et Pashinian.\n"), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Segments[0]
	if r := residues(s.Source, s.Target); len(r) > 0 || st.Retranslated != 1 {
		t.Errorf("target %q (residue %q), re-translated %d", s.Target, r, st.Retranslated)
	}
	var missing []string
	for _, is := range s.Issues {
		if is.Rule == glossary.RuleTermMissing {
			missing = append(missing, is.Message)
		}
	}
	if len(missing) != 1 || !strings.Contains(missing[0], "kept the translation made without placeholders") {
		t.Errorf("term-missing issues %q", missing)
	}
}

// A source that holds placeholder-shaped text keeps it, on either strategy.
func TestPlaceholderShapedSourceSurvives(t *testing.T) {
	for _, terms := range pipeline.Strategies {
		t.Run(string(terms), func(t *testing.T) {
			doc, _, err := newPipeline(t, &fake.Backend{}, func(c *pipeline.Config) { c.Terms = terms }).
				Document(context.Background(), parse(t, "Le code Zxq0qxZ et Zxq1qxZ précède Pashinian.\n"), "a.txt")
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Segments[0].Target; !strings.Contains(got, "Zxq0qxZ and Zxq1qxZ") || !strings.Contains(got, "Pashinyan") {
				t.Errorf("target %q", got)
			}
		})
	}
}

// esperantoModes is a modes folder with only the fr→eo→en route.
func esperantoModes(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, m := range []string{"fr-eo.mode", "eo-en.mode"} {
		data, err := os.ReadFile(filepath.Join(apertium.DefaultModesDir, m))
		if err != nil {
			t.Skipf("the Esperanto route is not installed: %v", err)
		}
		if err := os.WriteFile(filepath.Join(dir, m), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// teamArticles reads the seed article and the team's articles.
func teamArticles(t *testing.T) map[string]*article.Article {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*"))
	seed, _ := filepath.Glob(filepath.Join(testkit.Corpus(t, "seed"), "*.txt"))
	out := map[string]*article.Article{}
	for _, p := range append(paths, seed...) {
		if ext := filepath.Ext(p); ext != ".txt" && ext != ".md" {
			continue
		}
		a, err := article.Read(p, article.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = a
	}
	return out
}

// Through the real Apertium, forced through Esperanto (which mangles
// placeholders), and through APY: no target holds anything of a
// placeholder and every term is honoured, on either strategy.
func TestRealApertiumPublishesNoPlaceholder(t *testing.T) {
	if testing.Short() {
		t.Skip("real Apertium runs")
	}
	if _, err := os.Stat(apertium.DefaultModesDir); err != nil {
		t.Skip("Apertium is not installed")
	}
	data, err := os.ReadFile(filepath.Join("..", "testdata", "glossary", "names.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := glossary.Parse("names.tsv", data)
	if err != nil {
		t.Fatal(err)
	}
	articles := teamArticles(t)
	engines := map[string]func(t *testing.T) translate.Config{
		"esperanto": func(t *testing.T) translate.Config {
			return translate.Config{Options: map[string]string{"modes-dir": esperantoModes(t)}}
		},
		"apy": func(t *testing.T) translate.Config { return translate.Config{Endpoint: apytest.Start(t)} },
	}
	for name, cfg := range engines {
		t.Run(name, func(t *testing.T) {
			b, err := apertium.Info().New(cfg(t))
			if err != nil {
				t.Fatal(err)
			}
			if c, ok := b.(interface{ Close() error }); ok {
				defer c.Close()
			}
			for _, terms := range pipeline.Strategies {
				t.Run(string(terms), func(t *testing.T) {
					p, err := pipeline.New(pipeline.Config{Backend: b, BackendName: "apertium", From: "fr", To: "en",
						Glossary: g, Terms: terms})
					if err != nil {
						t.Fatal(err)
					}
					for rel, a := range articles {
						doc, _, err := p.Document(context.Background(), a, rel)
						if err != nil {
							t.Fatal(err)
						}
						assertClean(t, doc)
					}
				})
			}
		})
	}
}
