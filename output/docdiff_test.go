package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
)

func TestCompareGolden(t *testing.T) {
	c, err := Compare(samplePrevious(t), sampleDoc(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"diff.txt", func(b *bytes.Buffer) error { return c.WriteText(b, false) }},
		{"diff.color.txt", func(b *bytes.Buffer) error { return c.WriteText(b, true) }},
		{"diff.json", func(b *bytes.Buffer) error { return c.WriteJSON(b) }},
		{"diff.html", func(b *bytes.Buffer) error { return c.WriteHTML(b, "diglot test") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.write(&buf); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, buf.Bytes())
		})
	}
}

func TestCompare(t *testing.T) {
	doc := func(path, from, to string, targets ...string) *bitext.Document {
		d := &bitext.Document{Schema: bitext.Schema, Source: bitext.Source{Path: path, Lang: from}, Target: bitext.Target{Lang: to}}
		for i, tg := range targets {
			id := "p" + string(rune('1'+i))
			d.Segments = append(d.Segments, bitext.Segment{ID: id, Kind: bitext.KindParagraph, Source: "source " + id, Target: tg})
		}
		return d
	}
	tests := []struct {
		name     string
		old, new *bitext.Document
		want     DiffStats
		wantErr  error
	}{
		{
			name: "identical",
			old:  doc("a.txt", "fr", "en", "the cat sat", "on the mat"),
			new:  doc("a.txt", "fr", "en", "the cat sat", "on the mat"),
			want: DiffStats{Segments: 2, Changed: 0, Words: 6, Edits: 0, HTER: 0},
		},
		{
			name: "one word post-edited",
			old:  doc("a.txt", "fr", "en", "the cat sat", "on the mat"),
			new:  doc("a.txt", "fr", "en", "the dog sat", "on the mat"),
			want: DiffStats{Segments: 2, Changed: 1, Words: 6, Edits: 1, HTER: 1.0 / 6},
		},
		{
			name: "segment added",
			old:  doc("a.txt", "fr", "en", "the cat sat"),
			new:  doc("a.txt", "fr", "en", "the cat sat", "on the mat"),
			want: DiffStats{Segments: 2, Changed: 1, Words: 6, Edits: 3, HTER: 0.5},
		},
		{
			name: "segment removed",
			old:  doc("a.txt", "fr", "en", "the cat sat", "on the mat"),
			new:  doc("a.txt", "fr", "en", "the cat sat"),
			want: DiffStats{Segments: 1, Changed: 1, Words: 3, Edits: 3, HTER: 1},
		},
		{
			name: "XLIFF without a path is the same article",
			old:  doc("", "fr", "en", "x"),
			new:  doc("a.txt", "fr", "en", "x"),
			want: DiffStats{Segments: 1, Words: 1},
		},
		{
			name:    "another article",
			old:     doc("a.txt", "fr", "en", "x"),
			new:     doc("b.txt", "fr", "en", "x"),
			wantErr: ErrOtherArticle,
		},
		{
			name:    "another language pair",
			old:     doc("a.txt", "fr", "en", "x"),
			new:     doc("a.txt", "fr", "de", "x"),
			wantErr: ErrOtherArticle,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Compare(tt.old, tt.new)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Compare error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if c.Stats != tt.want {
				t.Errorf("stats = %+v, want %+v", c.Stats, tt.want)
			}
			if got := Changes(tt.old, tt.new); got != tt.want.Changed {
				t.Errorf("Changes = %d, want %d", got, tt.want.Changed)
			}
		})
	}
}

func TestCompareOutputs(t *testing.T) {
	c, err := Compare(samplePrevious(t), sampleDoc(t))
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := c.WriteText(&text, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"p1  changed\n  - Armenian Prime Minister Nikol Pashinyan met [-Tuesday -]the leaders of Nagorno-Karabakh.\n" +
			"  + Armenian Prime Minister Nikol Pashinyan met the leaders of Nagorno-Karabakh{+ on Tuesday+}.\n",
		"p5  removed\n  - [-A paragraph deleted since.-]\n",
		"p4  added\n  + {+The negotiations",
		"  source: Les combats ont fait [-10-]{+12+} morts",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text diff lacks %q:\n%s", want, text.String())
		}
	}
	if strings.Contains(text.String(), "\x1b[") {
		t.Error("text diff without colour has escape sequences")
	}

	var js bytes.Buffer
	if err := c.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Segments []struct {
			ID, Old, New string
			Ops          []DiffOp
		}
		Stats map[string]float64
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Segments) != c.Stats.Changed || got.Segments[0].ID != "p1" {
		t.Errorf("json lists %d segments starting %+v, want %d from p1", len(got.Segments), got.Segments[0], c.Stats.Changed)
	}
	for _, k := range []string{"segments", "changed", "words", "edits", "hter"} {
		if _, ok := got.Stats[k]; !ok {
			t.Errorf("json stats lack %q", k)
		}
	}
	for _, s := range got.Segments {
		checkOps(t, s.Old, s.New, s.Ops)
	}
}

func TestDiffOpJSON(t *testing.T) {
	ops := []DiffOp{{OpEqual, "a "}, {OpDelete, "b"}, {OpInsert, "c"}}
	b, err := json.Marshal(ops)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"op":"equal","text":"a "},{"op":"delete","text":"b"},{"op":"insert","text":"c"}]`; string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
	var back []DiffOp
	if err := json.Unmarshal(b, &back); err != nil || !slices.Equal(back, ops) {
		t.Errorf("round trip: %v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`[{"op":"move","text":"x"}]`), &back); err == nil {
		t.Error("an unknown op was read")
	}
}
