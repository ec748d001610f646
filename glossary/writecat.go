package glossary

import (
	"bufio"
	"cmp"
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

// writeTBX2 writes TBX v2 (TBX-Basic, <martif>): the structure of TBX v3
// with v2's names (termEntry, langSet, tig) and no namespace.
func writeTBX2(w *bufio.Writer, g *Glossary) error {
	from, to := cmp.Or(g.From, DefaultOptions.From), cmp.Or(g.To, DefaultOptions.To)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="%s">
  <martifHeader>
    <fileDesc>
      <sourceDesc>
        <p>Written by diglot</p>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <p type="XCSURI">TBXBasicXCSV02.xcs</p>
    </encodingDesc>
  </martifHeader>
  <text>
    <body>
`, escape(from))
	for i, e := range g.Entries {
		fmt.Fprintf(w, "      <termEntry id=\"c%d\">\n", i+1)
		if e.Note != "" {
			fmt.Fprintf(w, "        <note>%s</note>\n", escape(e.Note))
		}
		fmt.Fprintf(w, "        <langSet xml:lang=\"%s\">\n", escape(from))
		for j, s := range append(e.Sources[:len(e.Sources):len(e.Sources)], e.Forms...) {
			status, pos := admnAdmitted, ""
			if j == 0 {
				status, pos = admnPreferred, e.POS
			}
			writeTig(w, s, pos, status)
		}
		fmt.Fprintf(w, "        </langSet>\n        <langSet xml:lang=\"%s\">\n", escape(to))
		writeTig(w, e.Target, "", admnPreferred)
		for _, s := range e.TargetForms {
			writeTig(w, s, "", admnAdmitted)
		}
		for _, s := range e.Forbidden {
			writeTig(w, s, "", admnDeprecated)
		}
		w.WriteString("        </langSet>\n      </termEntry>\n")
	}
	w.WriteString("    </body>\n  </text>\n</martif>\n")
	return nil
}

func writeTig(w *bufio.Writer, term, pos, status string) {
	fmt.Fprintf(w, "          <tig>\n            <term>%s</term>\n", escape(term))
	if pos != "" {
		fmt.Fprintf(w, "            <termNote type=\"partOfSpeech\">%s</termNote>\n", escape(pos))
	}
	fmt.Fprintf(w, "            <termNote type=\"administrativeStatus\">%s</termNote>\n          </tig>\n", status)
}
