package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/testkit"
)

// BenchmarkRun checks 10,000 bitext documents of 4 segments each, written
// to a temporary folder, against a 10,000-entry glossary: Collect, read,
// every rule. Run it on one core:
//
//	go test -run=^$ -bench=BenchmarkRun -benchtime=3x -cpu=1 ./check
func BenchmarkRun(b *testing.B) {
	const docs, entries = 10000, 10000
	var tsv strings.Builder
	for i := range entries {
		fmt.Fprintf(&tsv, "Nom%dville\tName%dtown\n", i, i)
	}
	g, err := glossary.Parse("names.tsv", []byte(tsv.String()))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := range docs {
		a, c := i%entries, (i*7+3)%entries
		d := bitext.Document{Schema: bitext.Schema, Source: bitext.Source{Lang: "fr"}, Target: bitext.Target{Lang: "en"},
			Segments: []bitext.Segment{
				{ID: "p1", Kind: bitext.KindTitle, Source: fmt.Sprintf("Nom%dville : le point", a), Target: fmt.Sprintf("Name%dtown: an update", a)},
				{ID: "p2", Kind: bitext.KindParagraph,
					Source: fmt.Sprintf("Le maire de Nom%dville a reçu 6 500 habitants de Nom%dville le 1er octobre, soit 12,5 %% de la population.", a, c),
					Target: fmt.Sprintf("The mayor of Name%dtown received 6,500 residents of Name%dtown on October 1, or 12.5%% of the population.", a, c)},
				{ID: "p3", Kind: bitext.KindParagraph, Source: "« Nous resterons ici », a déclaré une habitante à l’AFP.",
					Target: "“We will stay here,” a resident told AFP."},
				{ID: "p4", Kind: bitext.KindParagraph, Source: fmt.Sprintf("Le budget de %d euros a été voté.", i),
					Target: fmt.Sprintf("The budget of %d euros was passed.", i+i%2)},
			}}
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("a%05d.fr-en.json", i)))
		if err != nil {
			b.Fatal(err)
		}
		if err := bitext.Write(f, &d); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.ResetTimer()
	start := testkit.CPUTime(false)
	for b.Loop() {
		inputs, err := Collect([]string{dir}, "fr", "en")
		if err != nil {
			b.Fatal(err)
		}
		r, err := Run(context.Background(), inputs, Options{Glossary: g})
		if err != nil {
			b.Fatal(err)
		}
		if r.Summary.Segments != 4*docs || r.Summary.Rules[NumberMismatch] != docs/2 {
			b.Fatalf("summary %+v", r.Summary)
		}
	}
	b.ReportMetric(float64(docs), "docs/op")
	testkit.ReportCPU(b, start, 0)
}

// wmtDocuments writes newstest2014's 3,003 French-English pairs (830 KB) as
// bitext documents of 30 segments each into a temporary folder, and returns
// their inputs, their size in bytes, and a 10-entry place-name glossary.
func wmtDocuments(b *testing.B) ([]Input, int64, *glossary.Glossary) {
	fr := strings.Split(strings.TrimSuffix(readCorpus(b, "parallel", "wmt", "newstest2014.fra-eng.fra"), "\n"), "\n")
	en := strings.Split(strings.TrimSuffix(readCorpus(b, "parallel", "wmt", "newstest2014.fra-eng.eng"), "\n"), "\n")
	if len(fr) != len(en) {
		b.Fatalf("newstest2014: %d French lines, %d English", len(fr), len(en))
	}
	g, err := glossary.Parse("places.tsv", []byte("États-Unis\tUnited States\nAllemagne\tGermany\n"+
		"Royaume-Uni\tUnited Kingdom\nChine\tChina\nRussie\tRussia\nEspagne\tSpain\nLondres\tLondon\n"+
		"Bruxelles\tBrussels\nUnion européenne\tEuropean Union\nSyrie\tSyria\n"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var size int64
	for start := 0; start < len(fr); start += 30 {
		d := bitext.Document{Schema: bitext.Schema, Source: bitext.Source{Lang: "fr"}, Target: bitext.Target{Lang: "en"}}
		for i := start; i < min(start+30, len(fr)); i++ {
			d.Segments = append(d.Segments, bitext.Segment{ID: fmt.Sprintf("p%d", i-start+1), Kind: bitext.KindParagraph,
				Source: fr[i], Target: en[i]})
			size += int64(len(fr[i]) + len(en[i]))
		}
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("wmt%04d.fr-en.json", start)))
		if err != nil {
			b.Fatal(err)
		}
		if err := bitext.Write(f, &d); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	inputs, err := Collect([]string{dir}, "fr", "en")
	if err != nil {
		b.Fatal(err)
	}
	return inputs, size, g
}

func readCorpus(b *testing.B, elem ...string) string {
	data, err := os.ReadFile(testkit.Corpus(b, elem...))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// BenchmarkRunWMT checks newstest2014 (real news text, 101 files) with a
// 10-entry glossary: read and every rule; MB/s counts source and target.
//
//	go test -run=^$ -bench=WMT -count=10 -cpu=1 ./check
func BenchmarkRunWMT(b *testing.B) {
	inputs, size, g := wmtDocuments(b)
	b.SetBytes(size)
	start := testkit.CPUTime(false)
	for b.Loop() {
		if _, err := Run(context.Background(), inputs, Options{Glossary: g}); err != nil {
			b.Fatal(err)
		}
	}
	testkit.ReportCPU(b, start, size)
}

// BenchmarkRulesWMT is BenchmarkRunWMT without reading: the documents are
// loaded once, and only the rules run.
func BenchmarkRulesWMT(b *testing.B) {
	inputs, size, g := wmtDocuments(b)
	var docs []*document
	for _, in := range inputs {
		d, err := load(in, "fr", "en")
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	b.SetBytes(size)
	start := testkit.CPUTime(false)
	for b.Loop() {
		c, err := newChecker(Options{Glossary: g})
		if err != nil {
			b.Fatal(err)
		}
		for i, d := range docs {
			c.document(i, d, c.passes(d))
		}
		c.finish()
	}
	testkit.ReportCPU(b, start, size)
}
