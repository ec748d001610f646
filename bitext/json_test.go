package bitext

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/diglot/diglot/internal/testkit"
)

// sample is a document with every field set, characters JSON escapes or
// HTML would, and members of a later writer.
func sample() *Document {
	src := "Le président «\u00a0Pachinian\u00a0» & <Aliev> ont parlé du Haut-Karabakh."
	return &Document{
		Schema:   Schema,
		Source:   Source{Path: "news/2023/karabakh.txt", Lang: "fr", SHA256: "9f2c1e", Title: "Pachinian et Aliev", Format: "txt", Encoding: "windows-1252"},
		Target:   Target{Lang: "en", Title: "Pashinyan and Aliyev"},
		Backend:  Backend{Name: "apertium", Model: "fra-spa-eng", Settings: "route=fr-es+spa-eng"},
		Glossary: []GlossaryRef{{Path: "names.tsv", SHA256: "abc"}},
		Removed:  []Removed{{Line: 1, Text: "[ad_1]", Rule: "ad-marker"}},
		Segments: []Segment{
			{ID: "t1", Kind: KindTitle, Source: "Pachinian et Aliev", Target: "Pashinyan and Aliyev", Origin: "mt"},
			{
				ID: "p1", Kind: KindParagraph, Source: src, Line: 3, Origin: "approved",
				Target:    "President \"Pashinyan\" & <Aliyev> discussed Nagorno-Karabakh.",
				MT:        "The president Pachinian & <Aliev> spoke of the High Karabakh.",
				Machine:   "President Pashinyan & <Aliyev> spoke of Nagorno-Karabakh.",
				Sentences: []string{src},
				Unknown:   []string{"Pachinian"},
				Terms: []Term{{Source: "Pachinian", Target: "Pashinyan", Entry: "Pashinyan", Start: strings.Index(src, "Pachinian"),
					End: strings.Index(src, "Pachinian") + len("Pachinian"), Variant: true}},
				Issues: []Issue{{Rule: "source-variant", Severity: SeverityWarning, Message: "Pachinian is a variant of Pashinyan", Term: "Pashinyan"}},
				Extra:  map[string]json.RawMessage{"x-review": json.RawMessage(`{"by":"ed","flags":[1,2]}`)},
			},
			{ID: "l1", Kind: KindListItem, Level: 1, Marker: "-", Line: 5, Source: "Un point", Target: "A point", Origin: "tm"},
			{ID: "c1", Kind: KindCode, Line: 7, Source: "x := \"1\"\n\ty\x01", Target: "x := \"1\"\n\ty\x01", Origin: "copy"},
		},
		Extra: map[string]json.RawMessage{"x-run": json.RawMessage(`"2026-01-01"`), "a-first": json.RawMessage(`null`)},
	}
}

func encode(t testing.TB, d *Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTrip writes the sample, compares it with the golden file, and
// reads the golden file back into the same document.
func TestRoundTrip(t *testing.T) {
	path := filepath.Join("testdata", "sample.fr-en.json")
	testkit.Golden(t, path, encode(t, sample()))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if want := sample(); !reflect.DeepEqual(got, want) {
		t.Errorf("read back:\ngot  %+v\nwant %+v", got, want)
	}
	if !bytes.Contains(data, []byte(`& <Aliev>`)) {
		t.Error("HTML characters escaped in the JSON")
	}
}

// TestUnknownMembers checks that members this version does not define are
// kept, in the document and in segments, and written back after the known
// ones; members of nested objects (source, terms…) are not kept.
func TestUnknownMembers(t *testing.T) {
	in := `{"schema": "diglot.bitext/v1", "later": {"a": [1, 2]},
	 "source": {"path": "a.txt", "lang": "fr", "sha256": "", "colour": "red"},
	 "segments": [{"id": "p1", "source": "a", "target": "b", "confidence": 0.5, "ID2": true}]}`
	d, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(d.Extra["later"]); got != `{"a":[1,2]}` {
		t.Errorf("document extra %q", got)
	}
	if got := d.Segments[0].Extra; len(got) != 2 || string(got["confidence"]) != "0.5" || string(got["ID2"]) != "true" {
		t.Errorf("segment extra %q", got)
	}
	out := string(encode(t, d))
	if !strings.Contains(out, `"later": {`) || !strings.Contains(out, `"confidence": 0.5`) || strings.Contains(out, "colour") {
		t.Errorf("written:\n%s", out)
	}
	if strings.Index(out, `"segments"`) > strings.Index(out, `"later"`) {
		t.Error("extra members written before the known ones")
	}
}

// tricky has segment members whose names and values hold what a scanner
// could trip on: escaped quotes, braces and brackets inside strings.
const tricky = `{"schema":"diglot.bitext/v1","segments":[ {"k\"e}y" : [1,{"z":"}]\\"}] ,"id":"a","n":-1.5e3,"s":"x,y"}, null]}`

func TestUnknownMembersScanned(t *testing.T) {
	_, _, err := decode([]byte(tricky), "f.json")
	if err == nil || !strings.Contains(err.Error(), "segment 2 has no id") {
		t.Fatalf("got %v, want the null segment refused", err)
	}
	d, _, err := decode([]byte(strings.Replace(tricky, ", null]", "]", 1)), "f.json")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]json.RawMessage{`k"e}y`: json.RawMessage(`[1,{"z":"}]\\"}]`), "n": json.RawMessage("-1.5e3"), "s": json.RawMessage(`"x,y"`)}
	if got := d.Segments[0].Extra; !reflect.DeepEqual(got, want) || d.Segments[0].ID != "a" {
		t.Errorf("extra %q", got)
	}
}

func TestReadRefuses(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "f.json: bitext: unexpected end of file"},
		{"truncated", `{"schema": "diglot.bitext/v1", "segments": [`, "f.json: bitext: unexpected end of file"},
		{"not an object", "\n[1]", "f.json:2: bitext: not a bitext JSON document: the document is an array, want an object"},
		{"null", "\nnull", "f.json:2: bitext: not a bitext JSON document: want an object, got null"},
		{"no schema", "{\n\"segments\": []}", `f.json:1: bitext: schema "", want "diglot.bitext/v1"`},
		{"other schema", "{\n\"segments\": [],\n \"schema\": \"diglot.bitext/v2\"}", `f.json:3: bitext: schema "diglot.bitext/v2", want "diglot.bitext/v1"`},
		{"another file's schema", "{\n  \"name\": \"web\",\n  \"schema\": \"x\"\n}\n", `f.json:3: bitext: schema "x"`},
		{"segments not an array", "{\"schema\": \"diglot.bitext/v1\",\n\"segments\": {}}", "f.json:2: bitext: not a bitext JSON document: \"segments\" is an object, want an array"},
		{"segment without id", "{\"schema\": \"diglot.bitext/v1\", \"segments\": [\n{\"id\": \"p1\"},\n{\"source\": \"x\"}]}", "f.json:3: bitext: segment 2 has no id"},
		{"duplicate id", "{\"schema\": \"diglot.bitext/v1\", \"segments\": [\n{\"id\": \"p1\"},\n{\"kind\": \"paragraph\",\n\"id\": \"p1\"}]}", `f.json:4: bitext: duplicate segment id "p1"`},
		{"syntax", "{\n  \"schema\": \"diglot.bitext/v1\",\n  \"segments\": [\n    {\"id\": \"p1\",}\n  ]\n}\n", "f.json:4: bitext: not valid JSON: invalid character '}'"},
		{"type", "{\n  \"schema\": \"diglot.bitext/v1\",\n  \"segments\": [\n    {\"id\": 7}\n  ]\n}\n", "f.json:4: bitext: not a bitext JSON document: \"segments.id\" is a number, want a string"},
		{"data after", "{\"schema\": \"diglot.bitext/v1\"}\n{}", "f.json:2: bitext: not valid JSON: invalid character '{' after top-level value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := decode([]byte(tt.in), "f.json")
			var pe *ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("got %v, want a *ParseError starting %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// TestSegmentLines checks the line of each segment: of its "id" member,
// else of its opening brace.
func TestSegmentLines(t *testing.T) {
	in := "{\"schema\": \"diglot.bitext/v1\",\n \"segments\": [\n  {\n   \"kind\": \"p\",\n   \"id\": \"p1\"\n  },\n  {\"id\": \"p2\"}, {\"id\": \"p3\"}\n ]\n}\n"
	_, lines, err := decode([]byte(in), "f.json")
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{5, 7, 7}; !reflect.DeepEqual(lines, want) {
		t.Errorf("lines %v, want %v", lines, want)
	}
}

// FuzzRead checks the reader's property: whatever Read accepts, Write then
// Read gives the same document; whatever it refuses, it refuses with a
// *ParseError.
func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	_ = Write(&buf, sample())
	f.Add(buf.Bytes())
	f.Add([]byte(`{"schema":"diglot.bitext/v1","segments":[{"id":"p1","ID":"p2","x":{"y":null}}],"glossary":null,"removed":[]}`))
	f.Add([]byte(`{"schema":"diglot.bitext/v1","Schema":"diglot.bitext/v1","segments":null,"segments":[{"id":"a"}]}`))
	f.Add([]byte(`{"schema":"diglot.bitext/v1","source":{"lang":"fr\ud800"},"a\u003c":1}`))
	f.Add([]byte(tricky))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, _, err := decode(data, "f.json")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			return
		}
		out := encode(t, d)
		back, _, err := decode(out, "back.json")
		if err != nil {
			t.Fatalf("written document does not read back: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back, d) {
			t.Fatalf("round trip changed the document:\nread    %#v\nwritten %s\nback    %#v", d, out, back)
		}
	})
}

// TestReadUnnamed checks the errors of Read, which names no file.
func TestReadUnnamed(t *testing.T) {
	_, err := Read(strings.NewReader("{\n\"schema\": \"x\"}"))
	if err == nil || err.Error() != `line 2: bitext: schema "x", want "diglot.bitext/v1"` {
		t.Errorf("got %v", err)
	}
}

// BenchmarkWriteRead writes and reads back a 200-segment document.
func BenchmarkWriteRead(b *testing.B) {
	d := sample()
	d.Extra = nil
	base := d.Segments
	d.Segments = nil
	for i := range 50 {
		for _, s := range base {
			s.ID = fmt.Sprintf("%s-%d", s.ID, i)
			s.Extra = nil
			d.Segments = append(d.Segments, s)
		}
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, d); err != nil {
			b.Fatal(err)
		}
		if _, err := Read(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

// skipStringRef moves past a JSON string byte by byte.
func skipStringRef(data []byte, i int) int {
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

// FuzzSkipString checks the scanner's search for the end of a string (and
// the old one's, which the oracle keeps) against reading a valid JSON
// string byte by byte.
func FuzzSkipString(f *testing.F) {
	for _, s := range []string{"", `"`, `\`, `\\`, `a\"b`, `\\\"`, "é\u2028", `x"y`} {
		f.Add(s, `,"next":"v\""}`)
	}
	f.Fuzz(func(t *testing.T, s, tail string) {
		q, err := json.Marshal(s)
		if err != nil {
			return
		}
		data := append(append([]byte(" "), q...), tail...)
		want := skipStringRef(data, 1)
		if got := skipString(data, 1); got != want || got != 1+len(q) {
			t.Fatalf("skipString(%q) = %d, want %d (the string's end, %d)", data, got, want, 1+len(q))
		}
		sc := &scanner{data: data, i: 1}
		quoted, _, err := sc.str()
		if err != nil || sc.i != want || string(quoted) != string(q) {
			t.Fatalf("scanner.str(%q) = %q, %v at %d, want %q at %d", data, quoted, err, sc.i, q, want)
		}
	})
}
