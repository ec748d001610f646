package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
)

func TestWriteMarkdownGolden(t *testing.T) {
	for _, layout := range []MarkdownLayout{LayoutInterleaved, LayoutTable} {
		t.Run(string(layout), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteMarkdown(&buf, sampleDoc(t), layout); err != nil {
				t.Fatal(err)
			}
			golden(t, "page."+string(layout)+".md", buf.Bytes())
		})
	}
}

func TestWriteMarkdown(t *testing.T) {
	doc := func(format string, segs ...bitext.Segment) *bitext.Document {
		return &bitext.Document{
			Schema:   bitext.Schema,
			Source:   bitext.Source{Path: "a.txt", Lang: "fr", Format: format, Title: "Titre: « deux-points »"},
			Target:   bitext.Target{Lang: "en"},
			Backend:  bitext.Backend{Name: "apertium"},
			Segments: segs,
		}
	}
	para := func(src, tgt string) bitext.Segment {
		return bitext.Segment{ID: "p1", Kind: bitext.KindParagraph, Source: src, Target: tgt}
	}
	tests := []struct {
		name   string
		doc    *bitext.Document
		layout MarkdownLayout
		want   []string
	}{
		{
			name:   "front matter is valid YAML whatever the title",
			doc:    doc("txt", para("a", "b")),
			layout: "",
			want:   []string{"---\ntitle: 'Titre: « deux-points »'\nsource: a.txt\nfrom: fr\nto: en\nbackend: apertium\n"},
		},
		{
			name:   "plain text is escaped",
			doc:    doc("txt", para("1. *pas* <b> # dièse", "# 2) _not_ [link] & co")),
			layout: LayoutInterleaved,
			want:   []string{"> 1\\. \\*pas\\* \\<b\\> # dièse\n\n\\# 2) \\_not\\_ \\[link\\] \\& co\n"},
		},
		{
			name:   "markdown source passes inline markup through",
			doc:    doc("md", para("un *mot*", "a *word*")),
			layout: LayoutInterleaved,
			want:   []string{"> un *mot*\n\na *word*\n"},
		},
		{
			name:   "multi-line paragraph is quoted line by line",
			doc:    doc("md", para("ligne un\nligne deux", "line one\nline two")),
			layout: LayoutInterleaved,
			want:   []string{"> ligne un\n> ligne deux\n\nline one\nline two\n"},
		},
		{
			name: "nested numbered list item",
			doc: doc("md", bitext.Segment{ID: "l1", Kind: bitext.KindListItem, Level: 1, Marker: "2.",
				Source: "deux\nsuite", Target: "two\nmore"}),
			layout: LayoutInterleaved,
			want:   []string{">   2. deux\n>      suite\n\n  2. two\n     more\n"},
		},
		{
			name:   "table cells escape pipes and line breaks",
			doc:    doc("txt", para("a | b\nc", "x | y\nz")),
			layout: LayoutTable,
			want:   []string{"| fr | en |\n| --- | --- |\n| a \\| b<br>c | x \\| y<br>z |\n"},
		},
		{
			name: "problems become footnotes",
			doc: doc("txt", bitext.Segment{ID: "p 7", Kind: bitext.KindParagraph, Source: "12", Target: "21",
				Issues: []bitext.Issue{{Rule: "number-mismatch", Severity: "error", Message: "12 became 21"}}}),
			layout: LayoutTable,
			want:   []string{"| 12 | 21[^p-7] |\n", "\n[^p-7]: p 7: error `number-mismatch`: 12 became 21\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteMarkdown(&buf, tt.doc, tt.layout); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, buf.String())
				}
			}
		})
	}
	if err := WriteMarkdown(new(bytes.Buffer), doc("txt"), "columns"); err == nil {
		t.Error("WriteMarkdown accepted layout \"columns\"")
	}
}

func TestFenced(t *testing.T) {
	tests := []struct{ in, want string }{
		{"```sh\nls\n```", "```sh\nls\n```"},
		{"~~~\nls\n~~~", "~~~\nls\n~~~"},
		{"    indented", "    indented"},
		{"ls -l", "```\nls -l\n```"},
		{"echo ````x````", "`````\necho ````x````\n`````"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := fenced(tt.in); got != tt.want {
				t.Errorf("fenced(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
