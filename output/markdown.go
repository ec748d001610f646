package output

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/diglot/diglot/bitext"
)

// MarkdownLayout selects how [WriteMarkdown] arranges the two languages.
type MarkdownLayout string

// Markdown layouts.
const (
	// LayoutInterleaved puts each source block, quoted, before its translation.
	LayoutInterleaved MarkdownLayout = "interleaved"
	// LayoutTable puts source and translation in the two columns of a table.
	LayoutTable MarkdownLayout = "table"
)

// mdFrontMatter is the YAML front matter of the Markdown output.
type mdFrontMatter struct {
	Title       string   `yaml:"title"`
	SourceTitle string   `yaml:"source_title,omitempty"`
	Source      string   `yaml:"source"`
	From        string   `yaml:"from"`
	To          string   `yaml:"to"`
	Backend     string   `yaml:"backend"`
	Glossary    []string `yaml:"glossary,omitempty"`
	Segments    int      `yaml:"segments"`
	Problems    int      `yaml:"problems"`
	Removed     int      `yaml:"removed_lines"`
}

// WriteMarkdown writes d as Markdown in the given layout ("" means
// [LayoutInterleaved]): YAML front matter with the title, source path and
// backend, the segments, and the problems as footnotes at the end.
//
// Segment text is kept exact. Text from a Markdown source passes through, its
// inline markup included; text from a plain-text source has the characters
// Markdown would interpret escaped. Code blocks and tables, never translated,
// are written once.
func WriteMarkdown(w io.Writer, d *bitext.Document, layout MarkdownLayout) error {
	var body func(*bufio.Writer, *bitext.Document, bool)
	switch layout {
	case "", LayoutInterleaved:
		body = interleaved
	case LayoutTable:
		body = table
	default:
		return fmt.Errorf("output: markdown layout %q: want %q or %q", layout, LayoutInterleaved, LayoutTable)
	}
	bw := bufio.NewWriter(w)
	if err := frontMatter(bw, d); err != nil {
		return err
	}
	body(bw, d, d.Source.Format != "md")
	footnotes(bw, d)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("output: markdown of %s: %w", d.Source.Path, err)
	}
	return nil
}

func frontMatter(w *bufio.Writer, d *bitext.Document) error {
	fm := mdFrontMatter{
		Title:    documentTitle(d),
		Source:   d.Source.Path,
		From:     d.Source.Lang,
		To:       d.Target.Lang,
		Backend:  d.Backend.Name,
		Segments: len(d.Segments),
		Problems: d.Problems(),
		Removed:  len(d.Removed),
	}
	if d.Source.Title != fm.Title {
		fm.SourceTitle = d.Source.Title
	}
	if d.Backend.Model != "" {
		fm.Backend += " (" + d.Backend.Model + ")"
	}
	for _, g := range d.Glossary {
		fm.Glossary = append(fm.Glossary, g.Path)
	}
	w.WriteString("---\n")
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return fmt.Errorf("output: markdown front matter of %s: %w", d.Source.Path, err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("output: markdown front matter of %s: %w", d.Source.Path, err)
	}
	w.WriteString("---\n")
	return nil
}

// interleaved writes each segment's source as a block quote, with its
// heading or list marker restored, then its translation.
func interleaved(w *bufio.Writer, d *bitext.Document, plain bool) {
	inline := func(s string) string { return s }
	if plain {
		inline = escapeMarkdown
	}
	for i := range d.Segments {
		s := &d.Segments[i]
		w.WriteString("\n")
		switch s.Kind {
		case bitext.KindCode:
			w.WriteString(fenced(s.Source))
			w.WriteString("\n")
			continue
		case bitext.KindTable:
			w.WriteString(s.Source)
			w.WriteString("\n")
			continue
		}
		w.WriteString(prefixLines(mdBlock(s, inline(s.Source)), "> "))
		w.WriteString("\n\n")
		w.WriteString(mdBlock(s, inline(s.Target)))
		w.WriteString(footnoteRef(s))
		w.WriteString("\n")
	}
}

// fenced returns a code block as written when it is fenced or indented in
// the source, else inside a fence longer than any run of backticks in it.
func fenced(code string) string {
	first, _, _ := strings.Cut(code, "\n")
	if t := strings.TrimLeft(first, " "); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") ||
		strings.HasPrefix(first, "    ") || strings.HasPrefix(first, "\t") {
		return code
	}
	longest, run := 0, 0
	for _, r := range code {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + "\n" + code + "\n" + fence
}

// mdBlock writes text as the Markdown block of s's kind.
func mdBlock(s *bitext.Segment, text string) string {
	switch s.Kind {
	case bitext.KindTitle:
		return "# " + oneLine(text)
	case bitext.KindHeading:
		return strings.Repeat("#", min(max(s.Level, 1), 6)) + " " + oneLine(text)
	case bitext.KindListItem:
		marker := mdMarker(s)
		indent := strings.Repeat("  ", max(s.Level, 0))
		cont := indent + strings.Repeat(" ", len(marker)+1)
		return indent + marker + " " + strings.ReplaceAll(text, "\n", "\n"+cont)
	case bitext.KindQuote:
		return prefixLines(text, "> ")
	}
	return text
}

// mdMarker is the list marker of a list item, "-" when it has none.
func mdMarker(s *bitext.Segment) string {
	if s.Marker == "" {
		return "-"
	}
	return s.Marker
}

// table writes a two-column table, source left, translation right.
func table(w *bufio.Writer, d *bitext.Document, plain bool) {
	inline := func(s string) string { return s }
	if plain {
		inline = markdownSpecial.Replace // no block starts inside a cell
	}
	fmt.Fprintf(w, "\n| %s | %s |\n| --- | --- |\n", cellText(d.Source.Lang), cellText(d.Target.Lang))
	for i := range d.Segments {
		s := &d.Segments[i]
		var src, tgt string
		switch s.Kind {
		case bitext.KindCode, bitext.KindTable:
			src, tgt = codeCell(s.Source), codeCell(s.Target)
		default:
			src, tgt = cellText(inline(s.Source)), cellText(inline(s.Target))
			if s.Kind == bitext.KindListItem {
				m := cellText(mdMarker(s))
				src, tgt = m+" "+src, m+" "+tgt
			}
		}
		fmt.Fprintf(w, "| %s | %s%s |\n", src, tgt, footnoteRef(s))
	}
}

// cellText makes text fit one table cell: pipes escaped, line breaks as <br>.
func cellText(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\n", "<br>")
}

// codeCell shows a code block or table in a cell, as HTML inline code.
func codeCell(s string) string {
	s = strings.ReplaceAll(html.EscapeString(s), "|", "&#124;")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return "<code>" + strings.ReplaceAll(s, "\n", "<br>") + "</code>"
}

// footnoteRef refers to the note listing s's problems, if it has any.
func footnoteRef(s *bitext.Segment) string {
	if len(s.Issues) == 0 {
		return ""
	}
	return "[^" + footnoteLabel(s.ID) + "]"
}

// footnotes lists each flagged segment's issues as a footnote.
func footnotes(w *bufio.Writer, d *bitext.Document) {
	first := true
	for _, s := range d.Segments {
		if len(s.Issues) == 0 {
			continue
		}
		if first {
			w.WriteString("\n")
			first = false
		}
		notes := make([]string, len(s.Issues))
		for i, is := range s.Issues {
			notes[i] = fmt.Sprintf("%s `%s`: %s", is.Severity, is.Rule, oneLine(escapeMarkdown(is.Message)))
		}
		fmt.Fprintf(w, "[^%s]: %s: %s\n", footnoteLabel(s.ID), s.ID, strings.Join(notes, "; "))
	}
}

// footnoteLabel makes a segment id usable as a footnote label.
func footnoteLabel(id string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return '-'
	}, id)
}

func prefixLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// markdownSpecial are the characters Markdown may read as inline markup.
var markdownSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `&`, `\&`,
)

// escapeMarkdown escapes plain text so that Markdown shows it as written:
// inline markup characters anywhere, and what would start a block (heading,
// list, quote, rule) at the start of a line.
func escapeMarkdown(s string) string {
	lines := strings.Split(markdownSpecial.Replace(s), "\n")
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		lead := l[:len(l)-len(trimmed)]
		switch {
		case trimmed == "":
		case strings.ContainsRune("#+-=|", rune(trimmed[0])):
			lines[i] = lead + `\` + trimmed
		default:
			// "1. " or "1) " would start an ordered list.
			n := len(trimmed) - len(strings.TrimLeft(trimmed, "0123456789"))
			if n > 0 && n < len(trimmed) && (trimmed[n] == '.' || trimmed[n] == ')') {
				lines[i] = lead + trimmed[:n] + `\` + trimmed[n:]
			}
		}
	}
	return strings.Join(lines, "\n")
}
