package pipeline_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate/fake"
)

// BenchmarkDocumentFromMemory is a re-run of a 20-paragraph article with a
// glossary, every paragraph in an SQLite memory: 8 paragraphs match one
// entry each (4 distinct entries), 12 match none. It measures what keying
// each paragraph on its own entries costs in lookups.
func BenchmarkDocumentFromMemory(b *testing.B) {
	g, err := glossary.Parse("names.tsv", []byte(names))
	if err != nil {
		b.Fatal(err)
	}
	terms := []string{"Pashinian", "Haut-Karabakh", "Conseil européen", "Pashinyan"}
	var text strings.Builder
	for i := range 20 {
		if i%5 < 2 {
			fmt.Fprintf(&text, "Le paragraphe %d parle de %s et de la paix.\n\n", i, terms[i%4])
		} else {
			fmt.Fprintf(&text, "Le paragraphe %d parle de la guerre et de la paix.\n\n", i)
		}
	}
	m, err := tm.Open(filepath.Join(b.TempDir(), "tm.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	p, err := pipeline.New(pipeline.Config{Backend: &fake.Backend{}, BackendName: "fake", From: "fr", To: "en", Glossary: g, Memory: m})
	if err != nil {
		b.Fatal(err)
	}
	a := parse(b, text.String())
	ctx := context.Background()
	if _, _, err := p.Document(ctx, a, "a.txt"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, st, err := p.Document(ctx, a, "a.txt"); err != nil || st.MemoryHits != 20 {
			b.Fatalf("%+v, %v", st, err)
		}
	}
}
