package bitext

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The one-pass reader of bitext JSON. A scanner walks the document once,
// validating it as encoding/json does, and decodes each member as it meets
// it: the segments and what they hold (strings, whole numbers, booleans,
// string lists, terms, issues, codes) by hand, the document's source,
// target, backend, glossary and removed lines and a segment's post-edit
// by json.Unmarshal of their bytes. It gives what json.Unmarshal into a
// [Document] gives (FuzzDecodeOracle checks it); where it finds a problem,
// [decode] asks json.Unmarshal of the whole document for its words, so
// that errors read, and name the lines, as they always did.

// maxDepth is the nesting of arrays and objects beyond which encoding/json
// refuses a document.
const maxDepth = 10000

// errNotObject says that the document is a JSON value other than an object.
var errNotObject = errors.New("not an object")

// scanError is a problem the scanner found at an offset: invalid JSON, or
// a value of the wrong kind for its field.
type scanError struct {
	off int
	msg string
}

func (e *scanError) Error() string { return e.msg }

// scanner reads the JSON document data from offset i.
type scanner struct {
	data []byte
	i    int
}

func (s *scanner) fail(msg string) error { return &scanError{off: s.i, msg: msg} }

// space moves past white space.
func (s *scanner) space() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the byte at the offset, or 0 at the end.
func (s *scanner) peek() byte {
	if s.i < len(s.data) {
		return s.data[s.i]
	}
	return 0
}

// special marks the bytes that end the plain run of a JSON string: the
// quotation mark, the backslash and the control characters.
var special = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// str moves past the string at the offset, returning it quoted and whether
// it holds an escape.
func (s *scanner) str() (quoted []byte, escaped bool, err error) {
	start := s.i
	i := start + 1
	for {
		for i < len(s.data) && !special[s.data[i]] {
			i++
		}
		if i >= len(s.data) {
			s.i = i
			return nil, false, s.fail("unexpected end of a string")
		}
		switch c := s.data[i]; {
		case c == '"':
			s.i = i + 1
			return s.data[start:s.i], escaped, nil
		case c == '\\':
			escaped = true
			if i+1 >= len(s.data) {
				s.i = i + 1
				return nil, false, s.fail("unexpected end of a string")
			}
			switch s.data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if getu4(s.data[i:]) < 0 {
					s.i = i
					return nil, false, s.fail("invalid \\u escape")
				}
				i += 6
			default:
				s.i = i + 1
				return nil, false, s.fail("invalid escape")
			}
		default:
			s.i = i
			return nil, false, s.fail("control character in a string")
		}
	}
}

// text decodes the string at the offset as encoding/json does.
func (s *scanner) text() (string, error) {
	q, escaped, err := s.str()
	if err != nil {
		return "", err
	}
	b := q[1 : len(q)-1]
	if !escaped && utf8.Valid(b) {
		return string(b), nil
	}
	return string(unquote(b)), nil
}

// literal moves past the literal lit (true, false or null).
func (s *scanner) literal(lit string) error {
	if !bytes.HasPrefix(s.data[s.i:], []byte(lit)) {
		return s.fail("invalid literal")
	}
	s.i += len(lit)
	return nil
}

// number moves past the number at the offset, reporting whether it is an
// integer (no fraction, no exponent).
func (s *scanner) number() (integer bool, err error) {
	d := s.data
	i := s.i
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case digits() == 0:
		s.i = i
		return false, s.fail("invalid number")
	}
	integer = true
	if i < len(d) && d[i] == '.' {
		i++
		integer = false
		if digits() == 0 {
			s.i = i
			return false, s.fail("invalid number")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		integer = false
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			s.i = i
			return false, s.fail("invalid number")
		}
	}
	s.i = i
	return integer, nil
}

// skip moves past the value at the offset, validating it; depth is the
// nesting of the arrays and objects around it. It keeps the arrays and
// objects it is in on a stack of its own, so that a deep value costs no
// more than a long one.
func (s *scanner) skip(depth int) error {
	var open []byte // the '{' or '[' of each array or object skip is in
	for {
		// At a value.
		switch c := s.peek(); c {
		case '{', '[':
			if depth+len(open)+1 > maxDepth {
				return s.fail("exceeded max depth")
			}
			s.i++
			s.space()
			if end := s.peek(); c == '{' && end == '}' || c == '[' && end == ']' {
				s.i++
				break
			}
			open = append(open, c)
			if c == '{' {
				if err := s.name(); err != nil {
					return err
				}
			}
			continue
		case '"':
			if _, _, err := s.str(); err != nil {
				return err
			}
		case 't':
			if err := s.literal("true"); err != nil {
				return err
			}
		case 'f':
			if err := s.literal("false"); err != nil {
				return err
			}
		case 'n':
			if err := s.literal("null"); err != nil {
				return err
			}
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			if _, err := s.number(); err != nil {
				return err
			}
		default:
			return s.fail("invalid character looking for a value")
		}
		// After a value: close what ends here, up to the next value.
		for {
			if len(open) == 0 {
				return nil
			}
			s.space()
			top := open[len(open)-1]
			c := s.peek()
			if c == ',' {
				s.i++
				s.space()
				if top == '{' {
					if err := s.name(); err != nil {
						return err
					}
				}
				break
			}
			if top == '{' && c != '}' || top == '[' && c != ']' {
				return s.fail("want a comma or the end of the " + map[byte]string{'{': "object", '[': "array"}[top])
			}
			s.i++
			open = open[:len(open)-1]
		}
	}
}

// name moves past a member's name and colon and the white space after
// them, at the value.
func (s *scanner) name() error {
	if s.peek() != '"' {
		return s.fail("want a member name")
	}
	if _, _, err := s.str(); err != nil {
		return err
	}
	s.space()
	if s.peek() != ':' {
		return s.fail("want a colon")
	}
	s.i++
	s.space()
	return nil
}

// object walks the object at the offset, calling member with each member's
// quoted name, whether it holds an escape, and its offset, the scanner at
// the member's value, which member must read.
func (s *scanner) object(depth int, member func(key []byte, escaped bool, at int) error) error {
	if depth+1 > maxDepth {
		return s.fail("exceeded max depth")
	}
	s.i++ // {
	s.space()
	if s.peek() == '}' {
		s.i++
		return nil
	}
	for {
		if s.peek() != '"' {
			return s.fail("want a member name")
		}
		at := s.i
		key, escaped, err := s.str()
		if err != nil {
			return err
		}
		s.space()
		if s.peek() != ':' {
			return s.fail("want a colon")
		}
		s.i++
		s.space()
		if err := member(key, escaped, at); err != nil {
			return err
		}
		s.space()
		switch s.peek() {
		case ',':
			s.i++
			s.space()
		case '}':
			s.i++
			return nil
		default:
			return s.fail("want a comma or the end of the object")
		}
	}
}

// array walks the array at the offset, calling elem with each element's
// offset, the scanner at the element, which elem must read.
func (s *scanner) array(depth int, elem func(at int) error) error {
	if depth+1 > maxDepth {
		return s.fail("exceeded max depth")
	}
	s.i++ // [
	s.space()
	if s.peek() == ']' {
		s.i++
		return nil
	}
	for {
		if err := elem(s.i); err != nil {
			return err
		}
		s.space()
		switch s.peek() {
		case ',':
			s.i++
			s.space()
		case ']':
			s.i++
			return nil
		default:
			return s.fail("want a comma or the end of the array")
		}
	}
}

// raw moves past the value at the offset and returns its bytes.
func (s *scanner) raw(depth int) ([]byte, error) {
	start := s.i
	if err := s.skip(depth); err != nil {
		return nil, err
	}
	return s.data[start:s.i], nil
}

// into decodes the value at the offset into the field p points to as
// encoding/json would: strings, ints, booleans and the slices of segments
// by hand, anything else by json.Unmarshal; depth is the nesting of the
// arrays and objects around the value.
func (s *scanner) into(p any, depth int) error {
	switch p := p.(type) {
	case *string:
		switch s.peek() {
		case '"':
			t, err := s.text()
			*p = t
			return err
		case 'n':
			return s.literal("null") // leaves the field as it was
		}
		return s.fail("want a string")
	case *int:
		switch c := s.peek(); {
		case c == 'n':
			return s.literal("null")
		case c == '-' || '0' <= c && c <= '9':
			start := s.i
			integer, err := s.number()
			if err != nil {
				return err
			}
			n, ok := atoi(s.data[start:s.i])
			if !integer || !ok {
				return s.fail("want a whole number")
			}
			*p = n
			return nil
		}
		return s.fail("want a whole number")
	case *bool:
		switch s.peek() {
		case 't':
			*p = true
			return s.literal("true")
		case 'f':
			*p = false
			return s.literal("false")
		case 'n':
			return s.literal("null")
		}
		return s.fail("want true or false")
	case *[]string:
		return decodeSlice(s, p, depth, func(e *string, depth int) error { return s.into(e, depth) })
	case *[]Term:
		return decodeSlice(s, p, depth, func(e *Term, depth int) error { return s.fields(depth, termFields, e.field) })
	case *[]Issue:
		return decodeSlice(s, p, depth, func(e *Issue, depth int) error { return s.fields(depth, issueFields, e.field) })
	case *[]Code:
		return decodeSlice(s, p, depth, func(e *Code, depth int) error { return s.fields(depth, codeFields, e.field) })
	}
	b, err := s.raw(depth)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, p); err != nil {
		return &scanError{off: s.i, msg: err.Error()}
	}
	return nil
}

// decodeSlice decodes the array or null at the offset into *p as
// encoding/json fills a slice: element by element into what the slice
// already holds (which shows only when a member comes twice), a null
// element leaving the element as it was; elem decodes one element.
func decodeSlice[T any](s *scanner, p *[]T, depth int, elem func(e *T, depth int) error) error {
	switch s.peek() {
	case 'n':
		*p = nil
		return s.literal("null")
	case '[':
	default:
		return s.fail("want an array")
	}
	v, n := *p, 0
	err := s.array(depth, func(int) error {
		if n >= cap(v) {
			v = slices.Grow(v, 1)
		}
		if n >= len(v) {
			v = v[:n+1]
		}
		n++
		return elem(&v[n-1], depth+1)
	})
	v = v[:n]
	if n == 0 {
		v = []T{}
	}
	*p = v
	return err
}

// fields decodes the object or null at the offset into a struct whose
// field table is ft and whose fields field finds by name (members it does
// not define are skipped, as encoding/json skips them).
func (s *scanner) fields(depth int, ft fieldTable, field func(name []byte) any) error {
	switch s.peek() {
	case 'n':
		return s.literal("null")
	case '{':
	default:
		return s.fail("want an object")
	}
	return s.object(depth, func(key []byte, escaped bool, _ int) error {
		p := field(key[1 : len(key)-1])
		if p == nil {
			name, ok := fieldName(ft, key, escaped)
			if !ok {
				return s.skip(depth + 1)
			}
			p = field([]byte(name))
		}
		return s.into(p, depth+1)
	})
}

var (
	termFields  = fieldsOf(reflect.TypeFor[Term]())
	issueFields = fieldsOf(reflect.TypeFor[Issue]())
	codeFields  = fieldsOf(reflect.TypeFor[Code]())
)

// atoi returns the value of the JSON integer b if an int holds it.
func atoi(b []byte) (int, bool) {
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	var n uint64
	for _, c := range b {
		d := uint64(c - '0')
		if n > (1<<63-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	switch {
	case neg:
		return int(-n), true // n ≤ 1<<63; -(1<<63) wraps to itself
	case n > 1<<63-1:
		return 0, false
	}
	return int(n), true
}

// fieldName resolves the quoted member name key to the name of a field of ft,
// as encoding/json matches it: exactly, else without regard to case.
func fieldName(ft fieldTable, key []byte, escaped bool) (string, bool) {
	name := string(key[1 : len(key)-1])
	if escaped || !utf8.ValidString(name) {
		name = string(unquote(key[1 : len(key)-1]))
	}
	if _, ok := ft[name]; ok {
		return name, true
	}
	for n := range ft {
		if strings.EqualFold(n, name) {
			return n, true
		}
	}
	return "", false
}

// getu4 decodes \uXXXX from the beginning of s, returning the hex value,
// or -1 (from encoding/json).
func getu4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c = c - '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// unquote decodes the contents s of a valid JSON string as encoding/json's
// unquoteBytes does: escapes, surrogate pairs, and U+FFFD for a lone
// surrogate or a byte of invalid UTF-8.
func unquote(s []byte) []byte {
	b := make([]byte, 0, len(s)+2*utf8.UTFMax)
	for r := 0; r < len(s); {
		// The run up to the next escape, whole when it is valid UTF-8.
		end := bytes.IndexByte(s[r:], '\\')
		if end < 0 {
			end = len(s)
		} else {
			end += r
		}
		if run := s[r:end]; utf8.Valid(run) {
			b = append(b, run...)
		} else {
			for len(run) > 0 {
				rr, size := utf8.DecodeRune(run)
				b = utf8.AppendRune(b, rr)
				run = run[size:]
			}
		}
		if r = end; r == len(s) {
			break
		}
		switch s[r+1] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			rr := getu4(s[r:])
			r += 6
			if utf16.IsSurrogate(rr) {
				if dec := utf16.DecodeRune(rr, getu4(s[r:])); dec != unicode.ReplacementChar {
					r += 6
					b = utf8.AppendRune(b, dec)
					continue
				}
				rr = unicode.ReplacementChar
			}
			b = utf8.AppendRune(b, rr)
			continue
		default: // " \ /
			b = append(b, s[r+1])
		}
		r += 2
	}
	return b
}

// walk decodes the document into d, returning the lines of its segments
// and of its (last) schema member.
func (r *jsonReader) walk(d *Document) (lines []int, schemaLine int, err error) {
	s := &scanner{data: r.data}
	s.space()
	if s.peek() != '{' {
		return nil, 0, errNotObject
	}
	docFields, segFields := fieldsOf(reflect.TypeFor[Document]()), fieldsOf(reflect.TypeFor[Segment]())
	err = s.object(0, func(key []byte, escaped bool, at int) error {
		p := d.field(key[1 : len(key)-1])
		if p == nil {
			name, ok := fieldName(docFields, key, escaped)
			if !ok {
				return s.keep(&d.Extra, key, 1)
			}
			p = d.field([]byte(name))
		}
		switch p {
		case any(&d.Schema):
			schemaLine = r.lineAt(at)
		case any(&d.Segments):
			var err error
			lines, err = r.segments(s, &d.Segments, lines[:0], segFields)
			return err
		}
		return s.into(p, 1)
	})
	if err != nil {
		return nil, 0, err
	}
	if s.space(); s.i < len(s.data) {
		return nil, 0, s.fail("data after the document")
	}
	return lines, schemaLine, nil
}

// segments decodes the value of a "segments" member into *segs as
// encoding/json would (element by element into what the slice already
// holds, which matters only when the member comes twice), appending the
// line of each segment to lines.
func (r *jsonReader) segments(s *scanner, segs *[]Segment, lines []int, ft fieldTable) ([]int, error) {
	switch s.peek() {
	case 'n':
		*segs = nil
		return lines, s.literal("null")
	case '[':
	default:
		return lines, s.fail("want an array of segments")
	}
	v, n := *segs, 0
	err := s.array(1, func(at int) error {
		if n >= cap(v) {
			v = slices.Grow(v, 1)
		}
		if n >= len(v) {
			v = v[:n+1]
		}
		seg := &v[n]
		n++
		line, sawID := r.lineAt(at), false
		switch s.peek() {
		case 'n': // leaves the segment as it was
			lines = append(lines, line)
			return s.literal("null")
		case '{':
		default:
			return s.fail("want a segment object")
		}
		err := s.object(2, func(key []byte, escaped bool, at int) error {
			p := seg.field(key[1 : len(key)-1])
			if p == nil {
				name, ok := fieldName(ft, key, escaped)
				if !ok {
					return s.keep(&seg.Extra, key, 3)
				}
				p = seg.field([]byte(name))
			}
			if !sawID && p == any(&seg.ID) {
				line, sawID = r.lineAt(at), true
			}
			return s.into(p, 3)
		})
		lines = append(lines, line)
		return err
	})
	v = v[:n]
	if n == 0 {
		v = []Segment{}
	}
	*segs = v
	return lines, err
}

// keep moves past the value at the offset, keeping it in *extra under the
// quoted name key.
func (s *scanner) keep(extra *map[string]json.RawMessage, key []byte, depth int) error {
	value, err := s.raw(depth)
	if err != nil {
		return err
	}
	return keep(extra, key, value)
}

// explain turns a problem the scanner found into the error json.Unmarshal
// of the whole document gives, which names the first problem as users
// have always read it; should encoding/json accept the document (a bug of
// the scanner), the error says what the scanner found.
func (r *jsonReader) explain(err error) error {
	if jerr := json.Unmarshal(r.data, &Document{}); jerr != nil {
		return r.fail(jerr)
	}
	if err == errNotObject {
		s := &scanner{data: r.data}
		s.space()
		return r.errorf(r.lineOf(int64(s.i)), "not a bitext JSON document: want an object, got %s", describe(s.peek()))
	}
	var se *scanError
	if errors.As(err, &se) {
		return r.errorf(r.lineOf(int64(se.off)), "not valid JSON: %s", se.msg)
	}
	return r.errorf(0, "%v", err)
}

// field returns a pointer to the field of d that the JSON member name
// names exactly, or nil.
func (d *Document) field(name []byte) any {
	switch string(name) {
	case "schema":
		return &d.Schema
	case "source":
		return &d.Source
	case "target":
		return &d.Target
	case "backend":
		return &d.Backend
	case "glossary":
		return &d.Glossary
	case "removed":
		return &d.Removed
	case "segments":
		return &d.Segments
	}
	return nil
}

// field returns a pointer to the field of s that the JSON member name
// names exactly, or nil.
func (s *Segment) field(name []byte) any {
	switch string(name) {
	case "id":
		return &s.ID
	case "kind":
		return &s.Kind
	case "source":
		return &s.Source
	case "target":
		return &s.Target
	case "mt":
		return &s.MT
	case "machine":
		return &s.Machine
	case "line":
		return &s.Line
	case "level":
		return &s.Level
	case "marker":
		return &s.Marker
	case "sentences":
		return &s.Sentences
	case "unknown":
		return &s.Unknown
	case "origin":
		return &s.Origin
	case "terms":
		return &s.Terms
	case "codes":
		return &s.Codes
	case "target_codes":
		return &s.TargetCodes
	case "issues":
		return &s.Issues
	case "state":
		return &s.State
	case "notes":
		return &s.Notes
	case "post_edit":
		return &s.PostEdit
	}
	return nil
}

// field returns a pointer to the field of t that the JSON member name
// names exactly, or nil.
func (t *Term) field(name []byte) any {
	switch string(name) {
	case "source":
		return &t.Source
	case "target":
		return &t.Target
	case "entry":
		return &t.Entry
	case "start":
		return &t.Start
	case "end":
		return &t.End
	case "variant":
		return &t.Variant
	}
	return nil
}

// field returns a pointer to the field of is that the JSON member name
// names exactly, or nil.
func (is *Issue) field(name []byte) any {
	switch string(name) {
	case "rule":
		return &is.Rule
	case "severity":
		return &is.Severity
	case "message":
		return &is.Message
	case "term":
		return &is.Term
	}
	return nil
}

// field returns a pointer to the field of c that the JSON member name
// names exactly, or nil.
func (c *Code) field(name []byte) any {
	switch string(name) {
	case "id":
		return &c.ID
	case "kind":
		return &c.Kind
	case "start":
		return &c.Start
	case "end":
		return &c.End
	case "open":
		return &c.Open
	case "close":
		return &c.Close
	case "url":
		return &c.URL
	}
	return nil
}
