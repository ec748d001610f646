package check

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/diglot/diglot/bitext"
)

func TestIndexJSON(t *testing.T) {
	tests := []struct {
		name string
		data string
		keys map[string]int
		segs []int
	}{
		{"indented", "{\n \"schema\": \"x\",\n \"segments\": [\n  {\n   \"kind\": \"p\",\n   \"id\": \"p1\"\n  },\n  {\"id\": \"p2\"}\n ]\n}\n",
			map[string]int{"schema": 2, "segments": 3}, []int{6, 8}},
		{"one line", `{"segments":[{"id":"a"},{"id":"b"}],"schema":"s"}`, map[string]int{"segments": 1, "schema": 1}, []int{1, 1}},
		{"nested ids ignored", "{\"source\": {\"id\": 1},\n\"segments\": [{\"terms\": [{\"id\": \"t\"}],\n\"id\": \"p1\"}]}",
			map[string]int{"source": 1, "segments": 2}, []int{3}},
		{"escaped quotes", "{\"x\": \"a\\\"id\\\":\", \"segments\": [\n{\"k\": \"\\\\\", \"id\": \"p\"}]}",
			map[string]int{"x": 1, "segments": 1}, []int{2}},
		{"no id", "{\"segments\": [\n{\"kind\": \"p\"}\n]}", map[string]int{"segments": 1}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := indexJSON([]byte(tt.data))
			for k, v := range tt.keys {
				if ix.keys[k] != v {
					t.Errorf("key %s on line %d, want %d", k, ix.keys[k], v)
				}
			}
			if !slices.Equal(ix.segments, tt.segs) {
				t.Errorf("segments on lines %v, want %v", ix.segments, tt.segs)
			}
		})
	}
}

// FuzzIndexJSON checks that indexing never fails and, on a bitext document
// encoded as diglot writes it, finds one line per segment, in order.
func FuzzIndexJSON(f *testing.F) {
	f.Add([]byte(`{"schema":"diglot.bitext/v1","segments":[{"id":"p1"}]}`), "p1", "Le \"texte\"\n")
	f.Add([]byte("{\n\"segments\": [\n{\"id\": \"a\\\"\"}]"), "x", "")
	f.Add([]byte(`[{"segments":[{"id":1}]}]`), "a", "b")
	f.Fuzz(func(t *testing.T, data []byte, id, text string) {
		ix := indexJSON(data)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, l := range ix.segments {
			if l < 1 || l > lines {
				t.Fatalf("line %d of %d", l, lines)
			}
		}
		if id == "" {
			return
		}
		d := bitext.Document{Schema: bitext.Schema, Segments: []bitext.Segment{
			{ID: id, Source: text, Target: id}, {ID: id + "2", Source: id, Target: text, Issues: []bitext.Issue{{Rule: "id", Message: text}}},
		}}
		var buf bytes.Buffer
		if err := bitext.Write(&buf, &d); err != nil {
			t.Fatal(err)
		}
		ix = indexJSON(buf.Bytes())
		if len(ix.segments) != 2 || ix.segments[0] >= ix.segments[1] {
			t.Fatalf("segments on lines %v in\n%s", ix.segments, buf.String())
		}
		var probe map[string]json.RawMessage
		if json.Unmarshal(buf.Bytes(), &probe) != nil {
			t.Fatal("bitext.Write wrote invalid JSON")
		}
	})
}
