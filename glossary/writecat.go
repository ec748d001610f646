package glossary

import (
	"bufio"
	"fmt"
)

// writeTab writes OmegaT's tab-separated glossary: the rows of TSV, with the
// entry's note on each of them.
func writeTab(w *bufio.Writer, g *Glossary) error {
	first := true
	for _, e := range g.Entries {
		for _, src := range append(e.Sources[:len(e.Sources):len(e.Sources)], e.Forms...) {
			cells := []string{src, e.Target}
			if e.Note != "" {
				cells = append(cells, e.Note)
			}
			if first && isHeader(cells) {
				return fmt.Errorf("glossary: %s:%d: %q -> %q would read back as a header row", e.File, e.Line, src, e.Target)
			}
			first = false
			for j, c := range cells {
				if j > 0 {
					w.WriteByte('\t')
				}
				c, err := rowCell(c, '\t', j == 0)
				if err != nil {
					return fmt.Errorf("glossary: %s:%d: %w", e.File, e.Line, err)
				}
				w.WriteString(c)
			}
			w.WriteByte('\n')
		}
	}
	return nil
}
