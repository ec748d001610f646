package edition

import (
	"context"
	"os"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
)

// upToDate reports whether the outputs at base were made from this very
// source with the same settings, glossary and reading, and no editor has
// approved another translation since, so that the article can be skipped;
// last is the edition's record at base.
func (b *batch) upToDate(ctx context.Context, last *bitext.Document, base, rel string, art *article.Article) bool {
	if !b.hasFormat("json") {
		return false
	}
	if last.Source.SHA256 != art.SHA256 || last.Source.Path != rel ||
		last.Backend.Name != b.p.BackendName || last.Backend.Settings != b.p.Settings ||
		last.Source.Lang != b.p.From || last.Target.Lang != b.p.To ||
		!sameGlossary(last.Glossary, b.p.Glossary) || len(last.Segments) != len(art.Blocks) ||
		len(last.Removed) != len(art.Removed) {
		return false
	}
	for i, s := range last.Segments {
		if s.Source != art.Blocks[i].Text || s.Kind != art.Blocks[i].Kind {
			return false
		}
	}
	for _, f := range b.cfg.Formats {
		if _, err := os.Stat(base + f.Ext); err != nil {
			return false
		}
	}
	if agrees, err := b.p.MemoryAgrees(ctx, last); err != nil || !agrees {
		return false
	}
	return true
}

func sameGlossary(refs []bitext.GlossaryRef, g *glossary.Glossary) bool {
	if g == nil {
		return len(refs) == 0
	}
	if len(refs) != len(g.Files) {
		return false
	}
	for i, f := range g.Files {
		if refs[i].Path != f.Path || refs[i].SHA256 != f.SHA256 {
			return false
		}
	}
	return true
}
