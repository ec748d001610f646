package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/bitext"
)

// textLine is a content line of a .txt article.
type textLine struct {
	no   int    // 1-based line number
	text string // trimmed
}

// parseText cuts a plain-text article into blocks; the package documentation
// states the rule.
func parseText(a *Article, lines []string, c *cleaner) {
	var (
		runs     [][]textLine // maximal runs of consecutive content lines
		run      []textLine
		blankSep bool // a blank line stands between two content lines
		blank    bool // a blank line since the last content line
	)
	endRun := func() {
		if len(run) > 0 {
			runs = append(runs, run)
			run = nil
		}
	}
	for i, raw := range lines {
		text := strings.TrimSpace(raw)
		switch {
		case text == "":
			blank = true
			endRun()
		case c.remove(i+1, text, text):
			endRun() // a junk line separates paragraphs but is no blank line
		default:
			if blank && (len(runs) > 0 || len(run) > 0) {
				blankSep = true
			}
			blank = false
			run = append(run, textLine{no: i + 1, text: text})
		}
	}
	endRun()
	if len(runs) == 0 {
		return
	}
	if first := runs[0][0]; isHeadline(first.text) {
		a.Blocks = append(a.Blocks, Block{Kind: bitext.KindHeading, Text: normalizeSpace(first.text), Line: first.no, Level: 1, Translate: true})
		if runs[0] = runs[0][1:]; len(runs[0]) == 0 {
			runs = runs[1:]
		}
	}
	wrapped := blankSep && anySoftWrap(runs)
	for _, run := range runs {
		if wrapped && hasOpenLine(run) {
			parts := make([]string, len(run))
			for i, l := range run {
				parts[i] = l.text
			}
			a.Blocks = appendBlock(a.Blocks, Block{Kind: bitext.KindParagraph, Text: strings.Join(parts, " "), Line: run[0].no})
			continue
		}
		for _, l := range run {
			a.Blocks = appendBlock(a.Blocks, Block{Kind: bitext.KindParagraph, Text: l.text, Line: l.no})
		}
	}
}

// anySoftWrap reports whether some run holds a soft wrap: a line that does not
// end a sentence followed by a line that starts with a lowercase letter.
func anySoftWrap(runs [][]textLine) bool {
	for _, run := range runs {
		for i := 1; i < len(run); i++ {
			if !endsSentence(run[i-1].text) && startsLower(run[i].text) {
				return true
			}
		}
	}
	return false
}

// hasOpenLine reports whether a line of run other than the last does not end a
// sentence: the run is then one wrapped paragraph.
func hasOpenLine(run []textLine) bool {
	for _, l := range run[:len(run)-1] {
		if !endsSentence(l.text) {
			return true
		}
	}
	return false
}

// endsSentence reports whether a trimmed line ends with sentence punctuation
// (or a closing quote or bracket after it).
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;»\"”)’", r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// isHeadline reports whether a trimmed line is an ALL-CAPS headline: at most
// 120 characters and 15 words, two letters or more, none of them lowercase.
func isHeadline(s string) bool {
	return utf8.RuneCountInString(s) <= 120 && len(strings.Fields(s)) <= 15 && AllCaps(s)
}

// AllCaps reports whether s is written in capitals: two letters or more,
// none of them lowercase.
func AllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}
