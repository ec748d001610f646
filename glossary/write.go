package glossary

import (
	"bufio"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// Formats lists the formats [Write] produces (and [Load] reads).
var Formats = []string{"tsv", "csv", "tab", "tbx", "tbx3", "yaml"}

// Write writes g in format, one of [Formats], keeping what the format can hold:
//
//   - tsv, csv: one row per source form (canonical, variants, inflected
//     forms) with the target, and the note in a third column on the entry's
//     first row; no header. Target forms, forbidden forms, case and stem
//     have no place there and are left out.
//   - tab: OmegaT's tab-separated glossary (.tab, .utf8): source TAB target
//     TAB comment, UTF-8 without a byte order mark, one row per source form
//     as in tsv, with the note repeated on every row of the entry (OmegaT
//     shows the comment of the row that matched). diglot reads it as TSV.
//   - tbx: TBX v2 (ISO 30042:2008, <martif type="TBX-Basic">), the version
//     CAT tools read (OmegaT 3.6 reads no other): one termEntry per entry,
//     every source form a <tig> of one French <langSet> (synonyms of one
//     concept), the canonical one preferredTerm-admn-sts and the others
//     admittedTerm-admn-sts; the target preferred, target forms admitted,
//     forbidden forms deprecatedTerm-admn-sts in the English <langSet>; part
//     of speech and note kept. No DOCTYPE is written, so that no reader goes
//     looking for a DTD. Inflected forms come back as variants; case and stem
//     are left out.
//   - tbx3: the same in TBX v3 (ISO 30042:2019, <tbx>, conceptEntry/langSec/termSec).
//   - yaml: everything.
func Write(w io.Writer, g *Glossary, format string) error {
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case "tsv":
		err = writeRows(bw, g, '\t')
	case "csv":
		err = writeRows(bw, g, ',')
	case "tab":
		err = writeTab(bw, g)
	case "tbx":
		err = writeTBX(bw, g, tbx2)
	case "tbx3":
		err = writeTBX(bw, g, tbx3)
	case "yaml":
		err = writeYAML(bw, g)
	default:
		return fmt.Errorf("glossary: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// writeRows writes the two- or three-column TSV or CSV form.
func writeRows(w *bufio.Writer, g *Glossary, sep byte) error {
	first := true
	for _, e := range g.Entries {
		for i, src := range append(e.Sources[:len(e.Sources):len(e.Sources)], e.Forms...) {
			cells := []string{src, e.Target}
			if i == 0 && e.Note != "" {
				cells = append(cells, e.Note)
			}
			if first && isHeader(cells) {
				return fmt.Errorf("glossary: %s:%d: %q -> %q would read back as a header row", e.File, e.Line, src, e.Target)
			}
			first = false
			for j, c := range cells {
				if j > 0 {
					w.WriteByte(sep)
				}
				var err error
				if c, err = rowCell(c, sep, j == 0); err != nil {
					return fmt.Errorf("glossary: %s:%d: %w", e.File, e.Line, err)
				}
				w.WriteString(c)
			}
			w.WriteByte('\n')
		}
	}
	return nil
}

// rowCell renders one cell: CSV quoting where needed (and for a leading #,
// which would read back as a comment); TSV cells cannot hold a tab, a line
// break or a leading #.
func rowCell(c string, sep byte, first bool) (string, error) {
	c = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, c)
	if sep == '\t' {
		if first && strings.HasPrefix(strings.TrimSpace(c), "#") {
			return "", fmt.Errorf("%q starts with # and would read back as a comment (use CSV or YAML)", c)
		}
		return c, nil
	}
	if strings.ContainsAny(c, `,"`) || strings.HasPrefix(c, "#") || strings.TrimSpace(c) != c {
		return `"` + strings.ReplaceAll(c, `"`, `""`) + `"`, nil
	}
	return c, nil
}

func writeYAML(w *bufio.Writer, g *Glossary) error {
	f := yamlFile{From: cmp.Or(g.From, DefaultOptions.From), To: cmp.Or(g.To, DefaultOptions.To)}
	for _, e := range g.Entries {
		y := yamlEntry{Source: e.Sources[0], Variants: e.Sources[1:], Forms: e.Forms, Target: e.Target,
			TargetForms: e.TargetForms, Forbidden: e.Forbidden, Stem: e.Stem, Note: e.Note, POS: e.POS}
		if e.CaseSensitive {
			y.Case = caseSensitive
		}
		f.Entries = append(f.Entries, y)
	}
	w.WriteString("# diglot glossary\n")
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("glossary: %w", err)
	}
	return enc.Close()
}

// TBX administrative statuses written.
const (
	admnPreferred  = "preferredTerm-admn-sts"
	admnAdmitted   = "admittedTerm-admn-sts"
	admnDeprecated = "deprecatedTerm-admn-sts"
)

// tbxDialect is what tells TBX v3 (<tbx>, ISO 30042:2019) from TBX v2
// (<martif>, which OmegaT 3.6 reads): the document's head and tail, and the
// names of the entry, language and term elements. The structure is the same.
type tbxDialect struct {
	head, tail        string // head has one %s: the source language
	entry, lang, term string
}

var (
	tbx3 = tbxDialect{
		head: `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="%s" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader>
    <fileDesc>
      <sourceDesc>
        <p>Written by diglot</p>
      </sourceDesc>
    </fileDesc>
  </tbxHeader>
  <text>
    <body>
`,
		tail:  "    </body>\n  </text>\n</tbx>\n",
		entry: "conceptEntry", lang: "langSec", term: "termSec",
	}
	tbx2 = tbxDialect{
		head: `<?xml version="1.0" encoding="UTF-8"?>
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
`,
		tail:  "    </body>\n  </text>\n</martif>\n",
		entry: "termEntry", lang: "langSet", term: "tig",
	}
)

// writeTBX writes g as TBX in dialect d: one entry per glossary entry, the
// source forms (the canonical one preferred, variants admitted) in one
// language element, the target (preferred), its forms (admitted) and the
// forbidden forms (deprecated) in the other.
func writeTBX(w *bufio.Writer, g *Glossary, d tbxDialect) error {
	from, to := cmp.Or(g.From, DefaultOptions.From), cmp.Or(g.To, DefaultOptions.To)
	fmt.Fprintf(w, d.head, escape(from))
	for i, e := range g.Entries {
		fmt.Fprintf(w, "      <%s id=\"c%d\">\n", d.entry, i+1)
		if e.Note != "" {
			fmt.Fprintf(w, "        <note>%s</note>\n", escape(e.Note))
		}
		fmt.Fprintf(w, "        <%s xml:lang=\"%s\">\n", d.lang, escape(from))
		for j, s := range append(e.Sources[:len(e.Sources):len(e.Sources)], e.Forms...) {
			status, pos := admnAdmitted, ""
			if j == 0 {
				status, pos = admnPreferred, e.POS
			}
			d.writeTerm(w, s, pos, status)
		}
		fmt.Fprintf(w, "        </%s>\n        <%s xml:lang=\"%s\">\n", d.lang, d.lang, escape(to))
		d.writeTerm(w, e.Target, "", admnPreferred)
		for _, s := range e.TargetForms {
			d.writeTerm(w, s, "", admnAdmitted)
		}
		for _, s := range e.Forbidden {
			d.writeTerm(w, s, "", admnDeprecated)
		}
		fmt.Fprintf(w, "        </%s>\n      </%s>\n", d.lang, d.entry)
	}
	w.WriteString(d.tail)
	return nil
}

func (d tbxDialect) writeTerm(w *bufio.Writer, term, pos, status string) {
	fmt.Fprintf(w, "          <%s>\n            <term>%s</term>\n", d.term, escape(term))
	if pos != "" {
		fmt.Fprintf(w, "            <termNote type=\"partOfSpeech\">%s</termNote>\n", escape(pos))
	}
	fmt.Fprintf(w, "            <termNote type=\"administrativeStatus\">%s</termNote>\n          </%s>\n", status, d.term)
}

// escape makes s safe as XML text or attribute value.
func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}
