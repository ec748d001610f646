package bitext

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/internal/testkit"
)

// oracleSeeds are documents that use every field, escapes (surrogate
// pairs, lone surrogates), invalid UTF-8, non-ASCII text, unknown
// members, nulls, duplicates and keys of another case, and documents
// that are not valid JSON or not bitext documents.
var oracleSeeds = []string{
	`{"schema":"diglot.bitext/v1","source":{"path":"a.txt","lang":"fr","sha256":"x","title":"T\u00e9"},"target":{"lang":"en"},
	  "backend":{"name":"fake","model":"m","settings":"s"},"glossary":[{"path":"g.tsv","sha256":"y"}],"removed":[{"line":1,"text":"[ad]","rule":"ad"}],
	  "segments":[{"id":"p1","kind":"paragraph","source":"L\u2019\u00e9t\u00e9 \ud83d\ude00 \ud800 \udc00x \\ \/ \b\f\n\r\t \"q\"","target":"The summer é ü 😀",
	   "mt":"mt","machine":"m","line":3,"level":2,"marker":"-","sentences":["a","b"],"unknown":["w"],"origin":"mt",
	   "terms":[{"source":"été","target":"summer","entry":"été","start":0,"end":5,"variant":true}],
	   "codes":[{"id":1,"kind":"bold","start":0,"end":4,"open":"**","close":"**"}],"target_codes":[{"id":1,"kind":"code","start":0,"end":3,"open":"` + "`x`" + `"}],
	   "issues":[{"rule":"term-missing","severity":"warning","message":"m","term":"t"}],"state":"final","notes":["n"],
	   "post_edit":{"text":"t","by":"ed","at":"2026-01-02T03:04:05Z"},"x-later":{"a":[1,2.5e3,true,null]}}],"x-run":"r"}`,
	`{"Schema":"diglot.bitext/v1","SEGMENTS":[{"ID":"a","Source":"s","TARGET":"t","Line":7,"LeVeL":1,"id":"b","Kind":null},{"kind":"k","iD":"c","line":null}],"schema":"diglot.bitext/v1","\u0073ource":{"lang":"fr"},"sourc\u0065":null}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","source":"one","source":"two","terms":[{"start":1}],"terms":[{"end":2}],"issues":null}],"glossary":null,"removed":[]}`,
	"{\"schema\":\"diglot.bitext/v1\",\"segments\":[{\"id\":\"\xff\xfe a\",\"source\":\"caf\xc3\xa9 \xed\xa0\x80\",\"\xc3\":1}]}",
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","line":1.5}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","line":1e2}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","line":-9223372036854775808,"level":9223372036854775807}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","line":9223372036854775808}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","level":-0}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","line":"1"}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","kind":true}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","kind":tru}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a",}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a"},]}`,
	"{\"schema\":\"diglot.bitext/v1\",\"segments\":[{\"id\":\"a\tb\"}]}",
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a\x"}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a\u12"}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","x":01}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","x":-}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","x":1.}]}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","x":[1 2]}]} `,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a"}]}x`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a"}]}{}`,
	`{"schema":"diglot.bitext/v1","segments":"none","source":[]}`,
	`{"schema":"diglot.bitext/v1","segments":[1]}`,
	`{"schema":"diglot.bitext/v1","segments":[null,{"id":"a"}]}`,
	`{"schema":"diglot.bitext/v1","backend":"apertium"}`,
	`{"schema":"diglot.bitext/v1","segments":[{"id":"a","post_edit":{"at":"yesterday"}}]}`,
	`{"schema":1}`, `"x"`, `[]`, `null`, ` `, `{`, `{"schema":"diglot.bitext/v1"`, `nul`,
}

// TestDecodeDepth checks decode against decodeOracle on either side of
// encoding/json's limit of nesting (inputs too large to be good fuzz seeds,
// whose minimization would take the fuzzer's time).
func TestDecodeDepth(t *testing.T) {
	for _, depth := range []int{9998, 9999, 10000, 10001} {
		doc := `{"schema":"diglot.bitext/v1","x":` + strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1) + `}`
		_, _, err := decode([]byte(doc), "f.json")
		_, _, want := decodeOracle([]byte(doc), "f.json")
		if (err == nil) != (want == nil) || err != nil && err.Error() != want.Error() {
			t.Errorf("depth %d: decode error %v, oracle %v", depth, err, want)
		}
		if depth == 10000 && err != nil || depth == 10001 && err == nil {
			t.Errorf("depth %d: decode error %v", depth, err)
		}
	}
}

// FuzzDecodeOracle checks decode against decodeOracle: for any input both
// refuse it with the same error, or both give deeply equal documents
// (Extra included) and the same lines.
//
//	go test -run '^$' -fuzz DecodeOracle -fuzztime 5m ./bitext
func FuzzDecodeOracle(f *testing.F) {
	for _, s := range oracleSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(tricky))
	f.Add(encode(f, sample()))
	if data, err := os.ReadFile(filepath.Join("testdata", "sample.fr-en.json")); err == nil {
		f.Add(data)
	}
	if path, err := testkit.CorpusPath("parallel", "wmt"); err == nil {
		if _, err := os.Stat(path); err == nil {
			f.Add(encode(f, benchDocument(f, 3))) // real news lines
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if twoSegmentArrays(data) {
			// decodeOracle indexes the final segments with the elements
			// of every "segments" member: it panics when an earlier one
			// is longer, and keeps the unknown members of an array that
			// a later null or [] discarded.
			t.Skip("more than one segments member")
		}
		want, wantLines, wantErr := decodeOracle(data, "f.json")
		got, gotLines, err := decode(data, "f.json")
		switch {
		case (err == nil) != (wantErr == nil):
			t.Fatalf("decode error %v, oracle %v", err, wantErr)
		case err != nil:
			if err.Error() != wantErr.Error() {
				t.Fatalf("decode error\n%v\noracle\n%v", err, wantErr)
			}
		case !reflect.DeepEqual(got, want):
			t.Fatalf("decode\n%#v\noracle\n%#v", got, want)
		case !slices.Equal(gotLines, wantLines):
			t.Fatalf("lines %v, oracle %v", gotLines, wantLines)
		}
	})
}

// twoSegmentArrays reports whether data is an object with more than one
// member naming the segments (as valid JSON seen by the old scanner).
func twoSegmentArrays(data []byte) bool {
	if !json.Valid(data) {
		return false
	}
	ft := fieldsOf(reflect.TypeFor[Document]())
	seg, _ := ft.find("segments")
	n := 0
	_ = members(data, func(key []byte, _, _ int, _ []byte) error {
		if i, ok := ft.findBytes(key); ok && i == seg {
			n++
		}
		return nil
	})
	return n > 1
}

// TestFieldPointers checks that the field methods of Document, Segment,
// Term, Issue and Code know every field by its JSON name, and no other name.
func TestFieldPointers(t *testing.T) {
	check := func(v reflect.Value, field func([]byte) any) {
		for i := range v.NumField() {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			p := field([]byte(name))
			if name == "-" {
				if p != nil {
					t.Errorf("%s: field(%q) is not nil", v.Type(), name)
				}
				continue
			}
			if p == nil || reflect.ValueOf(p).Pointer() != v.Field(i).Addr().Pointer() {
				t.Errorf("%s: field(%q) does not point to %s", v.Type(), name, v.Type().Field(i).Name)
			}
		}
	}
	var (
		d  Document
		s  Segment
		tm Term
		is Issue
		c  Code
	)
	check(reflect.ValueOf(&d).Elem(), d.field)
	check(reflect.ValueOf(&s).Elem(), s.field)
	check(reflect.ValueOf(&tm).Elem(), tm.field)
	check(reflect.ValueOf(&is).Elem(), is.field)
	check(reflect.ValueOf(&c).Elem(), c.field)
}

// decodeOracle is decode as it was before issue 18: json.Unmarshal of the
// whole document, then a scan of its bytes for the lines and the unknown
// members. It and its scanner are kept here only as the oracle of
// FuzzDecodeOracle.
func decodeOracle(data []byte, file string) (*Document, []int, error) {
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
