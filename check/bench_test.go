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
}
