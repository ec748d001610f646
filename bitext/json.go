package bitext

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/diglot/diglot/internal/xmlenc"

	"github.com/diglot/diglot/internal/jsonerr"
)

// ParseError is a problem at a line of a named file, the error type of
// [Read] and [Open] for every format they read (the XML readers
// of packages xliff and tmx return the same type). Line is 0 when the place
// is unknown, as at an unexpected end of file.
type ParseError = xmlenc.Error

// Write encodes d as indented JSON, with the members of [Document.Extra] and
// [Segment.Extra] after the known ones. (encoding/json alone leaves the
// Extra maps out.)
func Write(w io.Writer, d *Document) error {
	if !hasExtra(d) {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	}
	// The rare document with extra members: encode the parts, splice the
	// members in, and indent the whole.
	head := *d
	head.Segments = nil
	b, err := withExtra(head, nil)
	if err != nil {
		return err
	}
	b = bytes.TrimSuffix(b, []byte(`"segments":null}`))
	b = append(b, `"segments":`...)
	if d.Segments == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, s := range d.Segments {
			sb, err := withExtra(s, s.Extra)
			if err != nil {
				return err
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, sb...)
		}
		b = append(b, ']')
	}
	b, err = withExtra(json.RawMessage(append(b, '}')), d.Extra)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = out.WriteTo(w)
	return err
}

// hasExtra reports whether d or one of its segments has extra members.
func hasExtra(d *Document) bool {
	if len(d.Extra) > 0 {
		return true
	}
	for i := range d.Segments {
		if len(d.Segments[i].Extra) > 0 {
			return true
		}
	}
	return false
}

// withExtra encodes v without escaping HTML, and appends the extra members
// in name order to the object it encodes to.
func withExtra(v any, extra map[string]json.RawMessage) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	if len(extra) == 0 {
		return b, nil
	}
	b = b[:len(b)-1] // the closing brace
	for _, k := range slices.Sorted(mapsKeys(extra)) {
		if b[len(b)-1] != '{' {
			b = append(b, ',')
		}
		var name bytes.Buffer
		enc := json.NewEncoder(&name)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(k); err != nil {
			return nil, err
		}
		b = append(append(append(b, bytes.TrimRight(name.Bytes(), "\n")...), ':'), extra[k]...)
	}
	return append(b, '}'), nil
}

func mapsKeys(m map[string]json.RawMessage) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Read decodes a bitext document and checks its schema and structure, as
// [Open] does for a file; its errors name no file.
func Read(r io.Reader) (*Document, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("bitext: %w", err)
	}
	d, _, err := decode(data, "")
	return d, err
}

// decode reads a bitext JSON document, returning with it the line of each
// segment (of its "id" member, or of its opening brace). The document is
// decoded once, by encoding/json; a scan of its bytes then finds the lines
// and the members the document or a segment object does not define, which
// are kept in its Extra map. Members are matched to fields as encoding/json
// matches them (exactly, else without regard to case), the last of
// duplicates winning.
//
// A document is refused when it is not JSON, not an object, its schema is
// not [Schema], or a segment has no id or the id of another; errors are
// [*ParseError] values naming file (when not empty) and the line.
func decode(data []byte, file string) (*Document, []int, error) {
	r := &jsonReader{data: data, file: file, line: 1}
	d := &Document{}
	if err := json.Unmarshal(data, d); err != nil {
		return nil, nil, r.fail(err)
	}
	start := skipSpace(data, 0)
	if data[start] != '{' {
		return nil, nil, r.errorf(r.lineOf(int64(start)), "not a bitext JSON document: want an object, got %s", describe(data[start]))
	}
	docFields, segFields := fieldsOf(reflect.TypeFor[Document]()), fieldsOf(reflect.TypeFor[Segment]())
	segmentsField, _ := docFields.find("segments")
	schemaField, _ := docFields.find("schema")
	var lines []int
	schemaLine := 0
	err := members(data, func(key []byte, at, base int, value []byte) error {
		i, known := docFields.findBytes(key)
		switch {
		case !known:
			return keep(&d.Extra, key, value)
		case i == schemaField:
			schemaLine = r.lineAt(at)
		case i == segmentsField:
			lines = lines[:0]
			return elements(value, func(off int, elem []byte) error {
				seg := &d.Segments[len(lines)]
				line, sawID := r.lineAt(base+off), false
				err := members(elem, func(key []byte, at, _ int, value []byte) error {
					j, known := segFields.findBytes(key)
					if !known {
						return keep(&seg.Extra, key, value)
					}
					if !sawID && segFields.name(j) == "id" {
						line, sawID = r.lineAt(base+off+at), true
					}
					return nil
				})
				lines = append(lines, line)
				return err
			})
		}
		return nil
	})
	if err != nil {
		return nil, nil, r.fail(err)
	}
	if d.Schema != Schema {
		return nil, nil, r.errorf(max(schemaLine, 1), "schema %q, want %q", d.Schema, Schema)
	}
	seen := make(map[string]bool, len(d.Segments))
	for i, s := range d.Segments {
		if s.ID == "" {
			return nil, nil, r.errorf(max(lines[i], 1), "segment %d has no id", i+1)
		}
		if seen[s.ID] {
			return nil, nil, r.errorf(lines[i], "duplicate segment id %q", s.ID)
		}
		seen[s.ID] = true
	}
	return d, lines, nil
}

// keep records a member a struct does not define.
func keep(extra *map[string]json.RawMessage, key, value []byte) error {
	var name string
	if err := json.Unmarshal(key, &name); err != nil {
		return err
	}
	var c bytes.Buffer
	if err := json.Compact(&c, value); err != nil {
		return err
	}
	if *extra == nil {
		*extra = map[string]json.RawMessage{}
	}
	(*extra)[name] = c.Bytes()
	return nil
}

// jsonReader locates the problems of one document.
type jsonReader struct {
	data []byte
	file string
	off  int // offset up to which lineAt counted newlines
	line int // the line at off
}

// lineAt returns the line of the byte at off, counting on from the last
// offset asked for when off is not before it.
func (r *jsonReader) lineAt(off int) int {
	if off < r.off {
		return r.lineOf(int64(off))
	}
	off = min(off, len(r.data))
	r.line += bytes.Count(r.data[r.off:off], []byte{'\n'})
	r.off = off
	return r.line
}

func (r *jsonReader) errorf(line int, format string, args ...any) error {
	return &ParseError{File: r.file, Line: line, Msg: "bitext: " + fmt.Sprintf(format, args...)}
}

// fail turns an error of encoding/json, whose offsets are in the whole
// document, into a [*ParseError].
func (r *jsonReader) fail(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Error() == "unexpected end of JSON input":
		return &ParseError{File: r.file, Msg: "bitext: unexpected end of file", Err: io.ErrUnexpectedEOF}
	case errors.As(err, &syn):
		return r.errorf(r.lineOf(syn.Offset-1), "not valid JSON: %s", strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		// Said without the Go types that encoding/json names.
		return r.errorf(r.lineOf(typ.Offset-1), "not a bitext JSON document: %s", jsonerr.TypeText(typ))
	}
	return r.errorf(0, "%v", err)
}

// lineOf returns the line of the byte at off.
func (r *jsonReader) lineOf(off int64) int {
	off = min(max(off, 0), int64(len(r.data)))
	return 1 + bytes.Count(r.data[:off], []byte{'\n'})
}

// elements calls fn for each element of the JSON array in data (valid
// JSON; anything but an array gives no element) with its offset in data.
func elements(data []byte, fn func(off int, elem []byte) error) error {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '[' {
		return nil
	}
	for i = skipSpace(data, i+1); i < len(data) && data[i] != ']'; i = skipSpace(data, i) {
		end := skipValue(data, i)
		if err := fn(i, data[i:end]); err != nil {
			return err
		}
		i = end
	}
	return nil
}

// members calls fn for each member of the JSON object in data (valid JSON,
// possibly after separators and white space; anything but an object gives no
// member) with its quoted name, the offsets of the name and of the value in
// data, and the value.
func members(data []byte, fn func(key []byte, at, valueAt int, value []byte) error) error {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil
	}
	i = skipSpace(data, i+1)
	for i < len(data) && data[i] == '"' {
		at := i
		i = skipString(data, i)
		key := data[at:i]          // quoted
		i = skipSpace(data, i) + 1 // the colon
		start := skipSpace(data, i)
		i = skipValue(data, start)
		if err := fn(key, at, start, data[start:i]); err != nil {
			return err
		}
		i = skipSpace(data, i)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return nil
}

// skipSpace returns the offset of the first byte at or after i that is not
// white space or a comma (before a value) of valid JSON.
func skipSpace(data []byte, i int) int {
	for i < len(data) && strings.IndexByte(" \t\r\n,", data[i]) >= 0 {
		i++
	}
	return i
}

// skipString returns the offset after the string starting at i. In valid
// JSON a quotation mark inside a string follows an odd number of
// backslashes, so that the search for each is IndexByte's.
func skipString(data []byte, i int) int {
	for from := i + 1; ; {
		j := bytes.IndexByte(data[from:], '"')
		if j < 0 {
			return len(data)
		}
		q := from + j
		k := q - 1
		for k > i && data[k] == '\\' {
			k--
		}
		if (q-1-k)%2 == 0 {
			return q + 1
		}
		from = q + 1
	}
}

// skipValue returns the offset after the value starting at i.
func skipValue(data []byte, i int) int {
	depth := 0
	for i < len(data) {
		switch data[i] {
		case '"':
			i = skipString(data, i)
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i // the end of the enclosing object
			}
			if depth--; depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\r', '\n':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return i
}

// describe names the JSON value that starts with c, in a message.
func describe(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}

// fieldTable maps the JSON names of a struct's fields to their index.
type fieldTable map[string]int

// findBytes returns the field named by the quoted JSON string key, as
// encoding/json would match it.
func (ft fieldTable) findBytes(key []byte) (int, bool) {
	if bytes.IndexByte(key, '\\') < 0 {
		if i, ok := ft[string(key[1:len(key)-1])]; ok {
			return i, true
		}
	}
	var name string
	if err := json.Unmarshal(key, &name); err != nil {
		return 0, false
	}
	return ft.find(name)
}

// name returns the JSON name of field i.
func (ft fieldTable) name(i int) string {
	for n, j := range ft {
		if j == i {
			return n
		}
	}
	return ""
}

// find returns the field named key, exactly or else ignoring case.
func (ft fieldTable) find(key string) (int, bool) {
	if i, ok := ft[key]; ok {
		return i, true
	}
	for name, i := range ft {
		if strings.EqualFold(name, key) {
			return i, true
		}
	}
	return 0, false
}

var fieldTables sync.Map // reflect.Type → fieldTable

// fieldsOf returns the field table of struct type t.
func fieldsOf(t reflect.Type) fieldTable {
	if ft, ok := fieldTables.Load(t); ok {
		return ft.(fieldTable)
	}
	ft := fieldTable{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			ft[name] = i
		}
	}
	fieldTables.Store(t, ft)
	return ft
}
