package article

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/diglot/diglot/bitext"
	"gopkg.in/yaml.v3"
)

var (
	mdFence      = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	mdATX        = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$`)
	mdClosingATX = regexp.MustCompile(`(?:^|[ \t]+)#+[ \t]*$`)
	mdSetext1    = regexp.MustCompile(`^ {0,3}=+[ \t]*$`)
	mdSetext2    = regexp.MustCompile(`^ {0,3}-+[ \t]*$`)
	mdBreak      = regexp.MustCompile(`^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	mdItem       = regexp.MustCompile(`^( *)([-*+]|[0-9]{1,9}[.)])(?:([ \t]+)(.*))?$`)
	mdTableDelim = regexp.MustCompile(`^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$`)
	mdYAMLLine   = regexp.MustCompile(`^(?:yaml: )?line ([0-9]+): `)

	// inline markup removed from a line before junk rules are tried again
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis = strings.NewReplacer("**", "", "__", "", "*", "", "_", "")
)

// listLevel is one open level of nested lists, by column.
type listLevel struct{ marker, content int }

// pending is the leaf block being gathered: a paragraph, quote paragraph,
// list item or setext heading candidate.
type pending struct {
	Block
	parts []string
}

// mdParser is a line-oriented parser for the block structure of CommonMark and
// GitHub tables, enough for articles: it keeps inline markup as written.
type mdParser struct {
	a     *Article
	c     *cleaner
	lines []string
	i     int  // index of the current line
	blank bool // the previous line was blank (or junk)
	cur   *pending
	lists []listLevel
}

func parseMarkdown(a *Article, lines []string, c *cleaner) error {
	p := &mdParser{a: a, c: c, lines: lines}
	start, err := p.frontMatter()
	if err != nil {
		return err
	}
	for p.i = start; p.i < len(lines); p.i++ {
		p.line()
	}
	p.flush()
	return nil
}

// frontMatter reads a YAML front matter between "---" lines at the top of the
// file, sets the title, and returns the index of the first body line.
func (p *mdParser) frontMatter() (int, error) {
	if len(p.lines) == 0 || strings.TrimRight(p.lines[0], " \t") != "---" {
		return 0, nil
	}
	end := -1
	for i := 1; i < len(p.lines); i++ {
		if l := strings.TrimRight(p.lines[i], " \t"); l == "---" || l == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return 0, &Error{Path: p.a.Path, Line: 1, Msg: "front matter has no closing ---"}
	}
	var doc yaml.Node
	if err := unmarshalYAML([]byte(strings.Join(p.lines[1:end], "\n")), &doc); err != nil {
		return 0, p.yamlError(err)
	}
	if len(doc.Content) == 0 {
		return end + 1, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return 0, &Error{Path: p.a.Path, Line: root.Line + 1, Msg: "front matter is not a mapping of keys to values"}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		if key.Value != "title" {
			continue
		}
		if val.Kind != yaml.ScalarNode {
			return 0, &Error{Path: p.a.Path, Line: val.Line + 1, Msg: "front matter title is not text"}
		}
		p.a.Title = normalizeSpace(val.Value)
		if p.a.Title != "" {
			p.a.Blocks = append(p.a.Blocks, Block{Kind: bitext.KindTitle, Text: p.a.Title, Line: val.Line + 1, Translate: true})
		}
	}
	return end + 1, nil
}

// unmarshalYAML decodes YAML, turning a panic of the decoder into an error:
// the front matter is untrusted input.
func unmarshalYAML(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &yamlPanic{r}
		}
	}()
	return yaml.Unmarshal(data, v)
}

type yamlPanic struct{ v any }

func (e *yamlPanic) Error() string { return "yaml: cannot parse" }

// yamlError converts a YAML error into an *Error on the file's line.
func (p *mdParser) yamlError(err error) *Error {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line := 1
	if m := mdYAMLLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line = n + 1
		msg = msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if line > len(p.lines) {
		line = len(p.lines)
	}
	return &Error{Path: p.a.Path, Line: line, Msg: "bad front matter: " + msg}
}

// line handles p.lines[p.i], advancing p.i past any extra lines it takes.
func (p *mdParser) line() {
	raw := p.lines[p.i]
	if strings.TrimSpace(raw) == "" {
		p.flush()
		p.blank = true
		return
	}
	wasBlank := p.blank
	p.blank = false
	exp := expandTabs(raw)
	indent := len(exp) - len(strings.TrimLeft(exp, " "))
	if len(p.lists) > 0 {
		switch {
		case mdItem.MatchString(exp) && !mdBreak.MatchString(exp) && !p.setext(exp):
			p.item(exp)
			return
		case indent >= p.lists[0].content:
			p.itemContent(exp, wasBlank)
			return
		case !wasBlank && p.cur != nil && p.cur.Kind == bitext.KindListItem && !p.startsBlock(exp):
			p.text(exp) // lazy continuation
			return
		}
		p.lists = nil
	}
	switch {
	case mdFence.MatchString(exp):
		p.fence(0)
	case indent >= 4 && p.cur == nil:
		p.indentedCode()
	case mdATX.MatchString(exp):
		p.heading(exp)
	case p.setext(exp):
		p.cur.Kind = bitext.KindHeading
		p.cur.Level = 1
		if mdSetext2.MatchString(exp) {
			p.cur.Level = 2
		}
		p.flush()
	case mdBreak.MatchString(exp):
		p.flush()
	case quoteMarker(exp) >= 0:
		p.quote(exp)
	case p.listStart(exp):
		p.lists = nil
		p.item(exp)
	case p.tableStart(exp):
		p.table()
	default:
		p.text(exp)
	}
}

// startsBlock reports whether line opens a block other than a paragraph, so
// that it cannot continue one lazily.
func (p *mdParser) startsBlock(line string) bool {
	return mdFence.MatchString(line) || mdATX.MatchString(line) || mdBreak.MatchString(line) ||
		quoteMarker(line) >= 0 || p.listStart(line)
}

// setext reports whether line underlines the open paragraph as a heading.
func (p *mdParser) setext(line string) bool {
	return p.cur != nil && p.cur.Kind == bitext.KindParagraph &&
		(mdSetext1.MatchString(line) || mdSetext2.MatchString(line))
}

// listStart reports whether line starts a list item here: an empty item or an
// ordered one not starting at 1 cannot interrupt a paragraph.
func (p *mdParser) listStart(line string) bool {
	m := mdItem.FindStringSubmatch(line)
	if m == nil || mdBreak.MatchString(line) {
		return false
	}
	if p.cur == nil || p.cur.Kind != bitext.KindParagraph {
		return true
	}
	if strings.TrimSpace(m[4]) == "" {
		return false
	}
	marker := m[2]
	return !isDigit(marker[0]) || strings.TrimLeft(marker[:len(marker)-1], "0") == "1"
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// item starts a list item, nesting it by the column of its marker.
func (p *mdParser) item(line string) {
	p.flush()
	m := mdItem.FindStringSubmatch(line)
	markerCol, marker, gap, text := len(m[1]), m[2], len(m[3]), m[4]
	if gap == 0 || gap > 4 || text == "" {
		gap = 1
	}
	content := markerCol + len(marker) + gap
	for len(p.lists) > 0 {
		top := p.lists[len(p.lists)-1]
		if markerCol >= top.content {
			break // nested in top
		}
		p.lists = p.lists[:len(p.lists)-1]
		if markerCol >= top.marker {
			break // sibling of top
		}
	}
	depth := len(p.lists)
	p.lists = append(p.lists, listLevel{marker: markerCol, content: content})
	if p.junk(text) {
		return
	}
	p.cur = &pending{Block: Block{Kind: bitext.KindListItem, Line: p.i + 1, Level: depth, Marker: marker}, parts: []string{text}}
}

// itemContent handles a line indented into the open list: a code fence, a
// quote, or more text of the last item.
func (p *mdParser) itemContent(line string, afterBlank bool) {
	// the deepest open level the line is indented into: levels nest, so
	// their content columns increase
	indent := len(line) - len(strings.TrimLeft(line, " "))
	k := sort.Search(len(p.lists), func(k int) bool { return p.lists[k].content > indent })
	level := p.lists[max(k-1, 0)]
	rest := line[level.content:]
	switch {
	case mdFence.MatchString(rest):
		p.fence(level.content)
	case quoteMarker(rest) >= 0:
		p.quote(rest)
	case afterBlank && p.cur == nil:
		// a further paragraph of the last item: reopen it if nothing came between
		if n := len(p.a.Blocks); n > 0 && p.a.Blocks[n-1].Kind == bitext.KindListItem && !p.junk(rest) {
			last := p.a.Blocks[n-1]
			p.a.Blocks = p.a.Blocks[:n-1]
			p.cur = &pending{Block: last, parts: []string{last.Text, rest}}
			return
		}
		p.text(rest)
	default:
		p.text(rest)
	}
}

// text adds a line of running text to the open block, or opens a paragraph.
func (p *mdParser) text(line string) {
	if p.junk(line) {
		return
	}
	if p.cur == nil {
		p.cur = &pending{Block: Block{Kind: bitext.KindParagraph, Line: p.i + 1}}
	}
	p.cur.parts = append(p.cur.parts, line)
}

// quote handles a block quote line: blank quote lines separate quote paragraphs.
func (p *mdParser) quote(line string) {
	line = stripQuotes(line)
	if strings.TrimSpace(line) == "" {
		p.flush()
		return
	}
	if p.junk(line) {
		return
	}
	if p.cur == nil || p.cur.Kind != bitext.KindQuote {
		p.flush()
		p.cur = &pending{Block: Block{Kind: bitext.KindQuote, Line: p.i + 1}}
	}
	p.cur.parts = append(p.cur.parts, line)
}

// stripQuotes removes the block quote markers that open line, at every
// nesting level: each is up to three spaces, '>' and one
// optional space or tab. It slices the line once, so that a line of many
// markers costs its length, not its length squared.
func stripQuotes(line string) string {
	for {
		n := quoteMarker(line)
		if n < 0 {
			return line
		}
		line = line[n:]
	}
}

// quoteMarker returns the length of the block quote marker at the start of
// line, or -1 when there is none.
func quoteMarker(line string) int {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if i == len(line) || line[i] != '>' {
		return -1
	}
	i++
	if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}

// heading emits an ATX heading.
func (p *mdParser) heading(line string) {
	p.flush()
	m := mdATX.FindStringSubmatch(line)
	text := mdClosingATX.ReplaceAllString(m[2], "")
	if p.junk(text) {
		return
	}
	p.a.Blocks = appendBlock(p.a.Blocks, Block{Kind: bitext.KindHeading, Text: text, Line: p.i + 1, Level: len(m[1])})
}

// fence emits a fenced code block opened on the current line, fences included;
// indent is the column of the list content the fence sits in. An unclosed
// fence runs to the end of the file.
func (p *mdParser) fence(indent int) {
	p.flush()
	start := p.i
	open := strings.TrimSpace(mdFence.FindString(expandTabs(p.lines[start])[indent:]))
	for p.i+1 < len(p.lines) {
		p.i++
		l := strings.TrimSpace(p.lines[p.i])
		if strings.HasPrefix(l, open) && strings.Trim(l, open[:1]) == "" {
			break
		}
	}
	p.raw(bitext.KindCode, start, p.i+1)
}

// indentedCode emits a block of lines indented by four columns or more.
func (p *mdParser) indentedCode() {
	start, end := p.i, p.i+1
	for j := p.i + 1; j < len(p.lines); j++ {
		l := expandTabs(p.lines[j])
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(l)-len(strings.TrimLeft(l, " ")) < 4 {
			break
		}
		end = j + 1
	}
	p.i = end - 1
	p.raw(bitext.KindCode, start, end)
}

// tableStart reports whether line is the header row of a pipe table.
func (p *mdParser) tableStart(line string) bool {
	if !strings.Contains(line, "|") || p.i+1 >= len(p.lines) {
		return false
	}
	delim := expandTabs(p.lines[p.i+1])
	return mdTableDelim.MatchString(delim) && tableCells(delim) == tableCells(line)
}

// tableCells counts the cells of a table row.
func tableCells(row string) int {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	if !strings.HasSuffix(row, "\\|") {
		row = strings.TrimSuffix(row, "|")
	}
	return strings.Count(row, "|") - strings.Count(row, "\\|") + 1
}

// table emits a pipe table: header, delimiter row and the rows that follow.
func (p *mdParser) table() {
	p.flush()
	start := p.i
	p.i++ // delimiter row
	for p.i+1 < len(p.lines) && strings.Contains(p.lines[p.i+1], "|") && strings.TrimSpace(p.lines[p.i+1]) != "" {
		p.i++
	}
	p.raw(bitext.KindTable, start, p.i+1)
}

// raw emits lines [start, end) as written, as a block never translated.
func (p *mdParser) raw(kind string, start, end int) {
	p.a.Blocks = append(p.a.Blocks, Block{Kind: kind, Text: strings.Join(p.lines[start:end], "\n"), Line: start + 1})
	p.blank = false
}

// junk reports whether the content of the current line is a junk line, and
// records it; a junk line ends the open block.
func (p *mdParser) junk(text string) bool {
	plain := mdEmphasis.Replace(mdLink.ReplaceAllString(text, "$1"))
	if !p.c.remove(p.i+1, text, plain) {
		return false
	}
	p.flush()
	p.blank = true
	return true
}

// flush emits the open block, if any.
func (p *mdParser) flush() {
	if p.cur == nil {
		return
	}
	b := p.cur.Block
	parts := p.cur.parts
	for i := range parts[:len(parts)-1] {
		parts[i] = strings.TrimSuffix(strings.TrimRight(parts[i], " \t"), "\\") // hard line breaks
	}
	b.Text = strings.Join(parts, " ")
	p.a.Blocks = appendBlock(p.a.Blocks, b)
	p.cur = nil
}

// expandTabs replaces tabs in the leading white space of line by spaces, to
// the next multiple of four columns.
func expandTabs(line string) string {
	n := len(line) - len(strings.TrimLeft(line, " \t"))
	if !strings.Contains(line[:n], "\t") {
		return line
	}
	col := 0
	for _, c := range line[:n] {
		if c == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	return strings.Repeat(" ", col) + line[n:]
}
