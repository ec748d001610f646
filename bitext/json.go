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
// read in one pass (see jsondec.go), which decodes it as json.Unmarshal
// would and keeps the members the document or a segment object does not
// define in its Extra map. Members are matched to fields as encoding/json
// matches them (exactly, else without regard to case), the last of
// duplicates winning.
//
// A document is refused when it is not JSON, not an object, its schema is
// not [Schema], or a segment has no id or the id of another; errors are
// [*ParseError] values naming file (when not empty) and the line.
func decode(data []byte, file string) (*Document, []int, error) {
	r := &jsonReader{data: data, file: file, line: 1}
	d := &Document{}
	lines, schemaLine, err := r.walk(d)
	if err != nil {
		return nil, nil, r.explain(err)
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
