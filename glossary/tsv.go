package glossary

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
)

// row is one record of a two- or three-column glossary: source, target, note.
type row struct {
	line  int
	cells []string
}

// tsv reads the two-column TSV format DeepL and Google accept.
func (p *parser) tsv(data []byte) error {
	data = stripBOM(data)
	if err := p.checkUTF8(data); err != nil {
		return err
	}
	var rows []row
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if isBlankOrComment(line) {
			continue
		}
		cells := strings.Split(line, "\t")
		if len(cells) == 1 {
			return p.errorf(i+1, "no tab: want source<TAB>target")
		}
		rows = append(rows, row{line: i + 1, cells: cells})
	}
	return p.rows(rows)
}

// csv reads comma-separated glossaries (semicolons when the first record has
// semicolons and no commas, as spreadsheets write in French locales).
func (p *parser) csv(data []byte) error {
	data = stripBOM(data)
	if err := p.checkUTF8(data); err != nil {
		return err
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	r.Comma = csvComma(data)
	var rows []row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return p.errorf(pe.Line, "%v", pe.Err)
			}
			return p.errorf(0, "%v", err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) == 1 {
			return p.errorf(line, "1 column, want 2 or 3 (source%ctarget)", r.Comma)
		}
		rows = append(rows, row{line: line, cells: rec})
	}
	return p.rows(rows)
}

func csvComma(data []byte) rune {
	for _, line := range strings.Split(string(data), "\n") {
		if isBlankOrComment(line) {
			continue
		}
		if strings.Contains(line, ";") && !strings.Contains(line, ",") {
			return ';'
		}
		break
	}
	return ','
}

func isBlankOrComment(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || strings.HasPrefix(t, "#")
}

// rows makes entries of source/target/note rows: rows sharing a target are
// variants of one entry, the first row's source canonical. A header row
// (source/target, fr/en, term/translation…) is skipped.
func (p *parser) rows(rows []row) error {
	if len(rows) > 0 && isHeader(rows[0].cells) {
		rows = rows[1:]
	}
	byTarget := make(map[string]*Entry, len(rows))
	// variants of entries with many rows, so that a target shared by
	// thousands of rows is not searched row by row
	many := make(map[*Entry]map[string]bool)
	hasSource := func(e *Entry, src string) bool {
		if set := many[e]; set != nil {
			return set[src]
		}
		if len(e.Sources) < 16 {
			return slices.Contains(e.Sources, src)
		}
		set := make(map[string]bool, len(e.Sources))
		for _, s := range e.Sources {
			set[s] = true
		}
		many[e] = set
		return set[src]
	}
	for _, r := range rows {
		if len(r.cells) > 3 {
			return p.errorf(r.line, "%d columns, want 2 or 3", len(r.cells))
		}
		src := p.term(r.cells[0], r.line, "source")
		tgt := p.term(r.cells[1], r.line, "target")
		switch {
		case src == "":
			return p.errorf(r.line, "empty source")
		case tgt == "":
			return p.errorf(r.line, "empty target")
		}
		var note string
		if len(r.cells) == 3 {
			note = p.term(r.cells[2], r.line, "note")
		}
		e := byTarget[tgt]
		if e == nil {
			e = p.newEntry(r.line, p.oneSource(src), tgt)
			byTarget[tgt] = e
			p.entries = append(p.entries, e)
		} else if hasSource(e, src) {
			p.finding(r.line, RuleDuplicate, "%q -> %q already defined at %s:%d", src, tgt, p.name, e.Line)
		} else {
			e.Sources = append(e.Sources, src)
			if set := many[e]; set != nil {
				set[src] = true
			}
		}
		if e.Note == "" {
			e.Note = note
		}
	}
	return nil
}

// headerWords are the column names a glossary header row may use.
var headerWords = map[string]bool{
	"source": true, "target": true, "src": true, "tgt": true, "term": true,
	"translation": true, "source term": true, "target term": true,
	"original": true, "from": true, "to": true, "french": true, "english": true,
	"français": true, "anglais": true, "terme": true, "traduction": true,
	"note": true, "notes": true, "comment": true, "description": true,
}

// headerLangs are language codes that head columns ("fr,en"); only lower-case
// codes count, so a row of acronyms ("UE", "EU") is data.
var headerLangs = map[string]bool{
	"fr": true, "en": true, "es": true, "de": true, "it": true, "pt": true, "nl": true,
	"ru": true, "ar": true, "zh": true, "ja": true, "uk": true, "pl": true, "tr": true,
	"hy": true, "az": true, "ca": true, "ro": true, "sv": true, "da": true,
}

func isHeader(cells []string) bool {
	for _, c := range cells[:min(len(cells), 2)] {
		c = strings.TrimSpace(c)
		lc := strings.ToLower(c)
		if headerWords[lc] {
			continue
		}
		if c == lc && headerLangs[primaryTag(c)] && len(c) <= 5 {
			continue
		}
		return false
	}
	return true
}
