package pipeline_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/chrf"
	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/apertium"
)

// namesGlossary builds a glossary of country names, French common name →
// English common name, from the corpus's countries.json (never committed).
func namesGlossary(t *testing.T) *glossary.Glossary {
	t.Helper()
	data, err := os.ReadFile(testkit.Corpus(t, "names", "countries.json"))
	if err != nil {
		t.Fatal(err)
	}
	var countries []struct {
		Name struct {
			Common string `json:"common"`
		} `json:"name"`
		Translations map[string]struct {
			Common string `json:"common"`
		} `json:"translations"`
	}
	if err := json.Unmarshal(data, &countries); err != nil {
		t.Fatal(err)
	}
	var tsv strings.Builder
	for _, c := range countries {
		fr := c.Translations["fra"].Common
		if fr == "" || c.Name.Common == "" || strings.ContainsAny(fr+c.Name.Common, "\t\n") {
			continue
		}
		fmt.Fprintf(&tsv, "%s\t%s\n", fr, c.Name.Common)
	}
	g, err := glossary.Parse("countries.tsv", []byte(tsv.String()))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func readLines(t *testing.T, path string, n int) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() && len(out) < n {
		out = append(out, sc.Text())
	}
	return out
}

// TestTermStrategiesQuality measures chrF and term success of raw Apertium
// (no glossary) and of both term strategies with a names glossary, on the
// first N lines of newstest2014 and FLORES devtest. It runs only when
// DIGLOT_QUALITY_LINES=N is set: docs/benchmarks.md has the figures.
func TestTermStrategiesQuality(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DIGLOT_QUALITY_LINES"))
	if n <= 0 {
		t.Skip("set DIGLOT_QUALITY_LINES=N to measure on the first N lines of each set")
	}
	if _, err := os.Stat(apertium.DefaultModesDir); err != nil {
		t.Skip("Apertium is not installed")
	}
	g := namesGlossary(t)
	m := g.Matcher()
	sets := []struct{ name, fr, en string }{
		{"newstest2014", filepath.Join("parallel", "wmt", "newstest2014.fra-eng.fra"), filepath.Join("parallel", "wmt", "newstest2014.fra-eng.eng")},
		{"FLORES devtest", filepath.Join("parallel", "flores200", "devtest.fra_Latn"), filepath.Join("parallel", "flores200", "devtest.eng_Latn")},
	}
	b, err := apertium.Info().New(translate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := b.(interface{ Close() error }); ok {
		defer c.Close()
	}
	fmt.Printf("| set | lines | lines with a term | terms | strategy | chrF | chrF, lines with a term | term success | re-translated |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, set := range sets {
		src := readLines(t, testkit.Corpus(t, set.fr), n)
		ref := readLines(t, testkit.Corpus(t, set.en), n)
		a, err := article.Parse("set.txt", []byte(strings.Join(src, "\n\n")+"\n"), article.Options{KeepJunk: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, run := range []struct {
			name  string
			g     *glossary.Glossary
			terms pipeline.Strategy
		}{{"raw Apertium", nil, ""}, {"protect", g, pipeline.Protect}, {"verify-first", g, pipeline.VerifyFirst}} {
			p, err := pipeline.New(pipeline.Config{Backend: b, BackendName: "apertium", From: "fr", To: "en", Glossary: run.g, Terms: run.terms})
			if err != nil {
				t.Fatal(err)
			}
			doc, st, err := p.Document(context.Background(), a, set.name)
			if err != nil {
				t.Fatal(err)
			}
			hyps := make([]string, len(src))
			for _, s := range doc.Segments {
				hyps[(s.Line-1)/2] = s.Target // lines are paragraphs, a blank line apart
			}
			var all, termed chrf.Stats
			lines, terms, ok := 0, 0, 0
			for i, s := range src {
				all.Add(hyps[i], ref[i])
				seen := map[*glossary.Entry]bool{}
				for _, mt := range m.Find(s) {
					if seen[mt.Entry] {
						continue
					}
					seen[mt.Entry] = true
					terms++
					if m.CountTarget(hyps[i], mt.Entry) > 0 {
						ok++
					}
				}
				if len(seen) > 0 {
					lines++
					termed.Add(hyps[i], ref[i])
				}
			}
			fmt.Printf("| %s | %d | %d | %d | %s | %.2f | %.2f | %.1f%% | %d |\n", set.name, len(src), lines, terms, run.name,
				all.Score(), termed.Score(), 100*float64(ok)/float64(max(terms, 1)), st.Retranslated)
			if run.g != nil && ok != terms {
				t.Errorf("%s, %s: term success %d/%d", set.name, run.name, ok, terms)
			}
		}
	}
}
