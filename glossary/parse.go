package glossary

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// parser holds the state shared by the format readers of one file.
type parser struct {
	name     string
	opts     LoadOptions
	entries  []*Entry
	findings []LintFinding
	skipped  int // TBX concept entries lacking a language
	// slabs the entries and their first source come from: a glossary of a
	// million rows makes two allocations a thousand rows, not two a row
	slab    []Entry
	strSlab []string
}

// errorf returns a parse error located at line of the file (line 0: no line).
func (p *parser) errorf(line int, format string, args ...any) error {
	if line > 0 {
		return fmt.Errorf("%s:%d: %s", p.name, line, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("%s: %s", p.name, fmt.Sprintf(format, args...))
}

// finding records a problem the parser worked around, for Lint.
func (p *parser) finding(line int, rule, format string, args ...any) {
	p.findings = append(p.findings, LintFinding{File: p.name, Line: line, Rule: rule,
		Message: fmt.Sprintf(format, args...)})
}

// term cleans a term as read: NFC, no leading or trailing whitespace, runs of
// spaces, tabs and line breaks inside it made one space. What it had to clean
// is recorded as a whitespace finding; what names the term (e.g. "source") is
// used in the message.
func (p *parser) term(s string, line int, what string) string {
	s = norm.NFC.String(s)
	clean := collapseSpace(s)
	if clean != s {
		p.finding(line, RuleWhitespace, "%s %q: %s", what, clean, describeSpace(s))
	}
	return clean
}

// terms cleans a list of terms, dropping (and recording) empty ones.
func (p *parser) terms(list []string, line int, what string) []string {
	var out []string
	for _, s := range list {
		t := p.term(s, line, what)
		if t == "" {
			p.finding(line, RuleEmptyTerm, "empty %s", what)
			continue
		}
		out = append(out, t)
	}
	return out
}

// collapseSpace trims s and makes each run of ASCII whitespace inside it one space.
func collapseSpace(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "\t\n\r\v\f") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}), " ")
}

func describeSpace(s string) string {
	var what []string
	if strings.TrimSpace(s) != s {
		what = append(what, "leading or trailing whitespace")
	}
	if strings.Contains(s, "  ") {
		what = append(what, "double space")
	}
	if strings.Contains(s, "\t") {
		what = append(what, "tab inside term")
	}
	if strings.ContainsAny(s, "\n\r") {
		what = append(what, "line break inside term")
	}
	return strings.Join(what, ", ")
}

// stripBOM removes a UTF-8 byte order mark.
func stripBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte("\ufeff"))
}

// checkUTF8 returns an error naming the first line that is not valid UTF-8.
func (p *parser) checkUTF8(data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return p.errorf(line, "invalid UTF-8 (save the file as UTF-8)")
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return nil
}

// newEntry makes an entry whose id is its canonical source form.
func (p *parser) newEntry(line int, sources []string, target string) *Entry {
	if len(p.slab) == 0 {
		p.slab = make([]Entry, 1024)
	}
	e := &p.slab[0]
	p.slab = p.slab[1:]
	*e = Entry{ID: sources[0], Sources: sources, Target: target, File: p.name, Line: line}
	return e
}

// oneSource returns []string{s} from a slab, with no room to grow into its
// neighbours: an append copies it.
func (p *parser) oneSource(s string) []string {
	if len(p.strSlab) == 0 {
		p.strSlab = make([]string, 1024)
	}
	out := p.strSlab[:1:1]
	p.strSlab = p.strSlab[1:]
	out[0] = s
	return out
}
