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
)

// ParseError is a problem at a line of a named file, the error type of
// [Read] and [Open] for every format they read (the XML readers
// of packages xliff and tmx return the same type). Line is 0 when the place
// is unknown, as at an unexpected end of file.
type ParseError = xmlenc.Error

// Write encodes d as indented JSON, with the members of [Document.Extra] and
// [Segment.Extra] after the known ones.
func Write(w io.Writer, d *Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}

// MarshalJSON encodes d with its extra members.
func (d Document) MarshalJSON() ([]byte, error) {
	type plain Document
	return withExtra(plain(d), d.Extra)
}

// MarshalJSON encodes s with its extra members.
func (s Segment) MarshalJSON() ([]byte, error) {
	type plain Segment
	return withExtra(plain(s), s.Extra)
}

// withExtra encodes v, a struct, without escaping HTML, and appends the
// extra members in name order.
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
		name, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, name...), ':'), extra[k]...)
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

// decode reads a bitext JSON document in one pass, returning with it the
// line of each segment (of its "id" member, or of its opening brace). A
// document is refused when it is not JSON, its schema is not [Schema], or a
// segment has no id or the id of another; errors are [*ParseError] values
// naming file (when not empty) and the line.
//
// Members the document or a segment object does not define are kept in its
// Extra map; members are matched to fields as encoding/json matches them
// (exactly, else without regard to case), the last of duplicates winning.
func decode(data []byte, file string) (*Document, []int, error) {
	r := &jsonReader{data: data, file: file, dec: json.NewDecoder(bytes.NewReader(data)), line: 1}
	d := &Document{}
	var lines []int
	schemaLine := 0
	err := r.object(reflect.ValueOf(d).Elem(), &d.Extra, func(key string, line int) (bool, error) {
		switch key {
		case "schema":
			schemaLine = line
		case "segments":
			var err error
			d.Segments, lines, err = r.segments()
			return true, err
		}
		return false, nil
	})
	if err == nil {
		if _, e := r.dec.Token(); e != io.EOF {
			err = r.errorAt(r.dec.InputOffset(), "data after the document")
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if d.Schema != Schema {
		return nil, nil, r.errorf(max(schemaLine, 1), "schema %q, want %q", d.Schema, Schema)
	}
	seen := make(map[string]bool, len(d.Segments))
	for i, s := range d.Segments {
		if s.ID == "" {
			return nil, nil, r.errorf(lines[i], "segment %d has no id", i+1)
		}
		if seen[s.ID] {
			return nil, nil, r.errorf(lines[i], "duplicate segment id %q", s.ID)
		}
		seen[s.ID] = true
	}
	return d, lines, nil
}

// jsonReader decodes a document member by member, keeping track of lines.
type jsonReader struct {
	data []byte
	file string
	dec  *json.Decoder
	off  int64 // offset up to which newlines are counted
	line int   // line at off
}

// lineAt returns the line of the first byte at or after off that is not
// white space or a separator. Offsets asked for never decrease.
func (r *jsonReader) lineAt(off int64) int {
	for off < int64(len(r.data)) && strings.IndexByte(" \t\r\n,:", r.data[off]) >= 0 {
		off++
	}
	if off > r.off {
		r.line += bytes.Count(r.data[r.off:off], []byte{'\n'})
		r.off = off
	}
	return r.line
}

func (r *jsonReader) errorf(line int, format string, args ...any) error {
	return &ParseError{File: r.file, Line: line, Msg: "bitext: " + fmt.Sprintf(format, args...)}
}

func (r *jsonReader) errorAt(off int64, format string, args ...any) error {
	return r.errorf(r.lineAt(off), format, args...)
}

// fail turns an error of the decoder, for the value that started at base,
// into a [*ParseError].
func (r *jsonReader) fail(base int64, err error) error {
	var pe *ParseError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &pe):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &ParseError{File: r.file, Msg: "bitext: unexpected end of file", Err: io.ErrUnexpectedEOF}
	case errors.As(err, &syn):
		// The decoder's offsets are relative to the value it was reading,
		// or not: decoding the whole input again gives the place exactly.
		var v any
		if e := json.Unmarshal(r.data, &v); errors.As(e, &syn) {
			err = e
		}
		return r.errorf(r.lineOf(syn.Offset-1), "not valid JSON: %v", err)
	case errors.As(err, &typ):
		return r.errorf(r.lineOf(base+typ.Offset-1), "not a bitext JSON document: %v", err)
	}
	return r.errorf(r.lineOf(base), "%v", err)
}

// lineOf returns the line of the byte at off, for errors.
func (r *jsonReader) lineOf(off int64) int {
	off = min(max(off, 0), int64(len(r.data)))
	return 1 + bytes.Count(r.data[:off], []byte{'\n'})
}

// token reads the next token.
func (r *jsonReader) token() (json.Token, int64, error) {
	off := r.dec.InputOffset()
	t, err := r.dec.Token()
	if err != nil {
		return nil, off, r.fail(off, err)
	}
	return t, off, nil
}

// decodeValue decodes the next value into v.
func (r *jsonReader) decodeValue(v any) error {
	off := r.dec.InputOffset()
	if err := r.dec.Decode(v); err != nil {
		return r.fail(off, err)
	}
	return nil
}

// object decodes a JSON object into the struct v: members named by its
// fields' json tags into the fields, others into *extra. special is asked
// first about each member, with its line, and decodes it itself when it
// answers true.
func (r *jsonReader) object(v reflect.Value, extra *map[string]json.RawMessage, special func(key string, line int) (bool, error)) error {
	t, off, err := r.token()
	if err != nil {
		return err
	}
	if t != json.Delim('{') {
		return r.errorAt(off, "not a bitext JSON document: want an object, got %v", describe(t))
	}
	fields := fieldsOf(v.Type())
	for r.dec.More() {
		t, off, err := r.token()
		if err != nil {
			return err
		}
		key := t.(string) // the decoder guarantees a string key in an object
		line := r.lineAt(off)
		if special != nil {
			done, err := special(key, line)
			if err != nil {
				return err
			}
			if done {
				continue
			}
		}
		if i, ok := fields.find(key); ok {
			if err := r.decodeValue(v.Field(i).Addr().Interface()); err != nil {
				return err
			}
			continue
		}
		var raw json.RawMessage
		if err := r.decodeValue(&raw); err != nil {
			return err
		}
		var c bytes.Buffer
		if err := json.Compact(&c, raw); err != nil {
			return r.fail(off, err)
		}
		if *extra == nil {
			*extra = map[string]json.RawMessage{}
		}
		(*extra)[key] = c.Bytes()
	}
	_, _, err = r.token() // the closing brace
	return err
}

// segments decodes the segments array, or null, with the line of each.
func (r *jsonReader) segments() ([]Segment, []int, error) {
	t, off, err := r.token()
	if err != nil || t == nil {
		return nil, nil, err
	}
	if t != json.Delim('[') {
		return nil, nil, r.errorAt(off, "not a bitext JSON document: segments is %v, not an array", describe(t))
	}
	var segs []Segment
	var lines []int
	fields := fieldsOf(reflect.TypeFor[Segment]())
	for r.dec.More() {
		// One Decode per segment (the fast path of encoding/json), then a
		// scan of its bytes, already checked, for the line of its id and the
		// members it does not define.
		off := r.dec.InputOffset()
		var s Segment
		if err := r.decodeValue(&s); err != nil {
			return nil, nil, err
		}
		raw := r.data[off:r.dec.InputOffset()]
		line, sawID := r.lineAt(off), false
		err := members(raw, func(key string, at int, value []byte) error {
			if !sawID && strings.EqualFold(key, "id") {
				line, sawID = r.lineAt(off+int64(at)), true
			}
			if _, ok := fields.find(key); ok {
				return nil
			}
			var c bytes.Buffer
			if err := json.Compact(&c, value); err != nil {
				return err
			}
			if s.Extra == nil {
				s.Extra = map[string]json.RawMessage{}
			}
			s.Extra[key] = c.Bytes()
			return nil
		})
		if err != nil {
			return nil, nil, r.fail(off, err)
		}
		segs = append(segs, s)
		lines = append(lines, line)
	}
	_, _, err = r.token() // the closing bracket
	return segs, lines, err
}

// members calls fn for each member of the JSON object in data (valid JSON,
// possibly after separators and white space; anything but an object gives no
// member) with its name, the offset of the name in data and its value.
func members(data []byte, fn func(key string, at int, value []byte) error) error {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil
	}
	i = skipSpace(data, i+1)
	for i < len(data) && data[i] == '"' {
		at := i
		i = skipString(data, i)
		key := string(data[at+1 : i-1])
		if strings.IndexByte(key, '\\') >= 0 {
			if err := json.Unmarshal(data[at:i], &key); err != nil {
				return err
			}
		}
		i = skipSpace(data, i) + 1 // the colon
		start := skipSpace(data, i)
		i = skipValue(data, start)
		if err := fn(key, at, data[start:i]); err != nil {
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

// skipString returns the offset after the string starting at i.
func skipString(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
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

// describe names a token in a message.
func describe(t json.Token) string {
	switch t := t.(type) {
	case json.Delim:
		if t == '[' {
			return "an array"
		}
		return string(t)
	case string:
		return "a string"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", t)
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
