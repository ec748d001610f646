package output

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteIndexGolden(t *testing.T) {
	var buf bytes.Buffer
	entries := []IndexEntry{
		Summarize(sampleDoc(t), "monde/karabakh.fr-en.html", 4),
		{Failed: "article: monde/vide.txt: empty file", Path: "monde/vide.txt"},
		Summarize(samplePrevious(t), "monde/ancien.fr-en.html", 0),
	}
	if err := WriteIndex(&buf, "Run of 3 articles <fr→en>", entries); err != nil {
		t.Fatal(err)
	}
	golden(t, "index.html", buf.Bytes())
}

func TestWriteIndex(t *testing.T) {
	tests := []struct {
		name    string
		entries []IndexEntry
		want    []string
	}{
		{
			name:    "empty run",
			entries: nil,
			want:    []string{"<strong>0</strong> articles", "<tbody>\n</tbody>"},
		},
		{
			name:    "article row with link and counts",
			entries: []IndexEntry{Summarize(sampleDoc(t), "a/b.fr-en.html", 2)},
			want: []string{
				`<a href="a/b.fr-en.html" hreflang="en">Armenia: Pashinyan in Nagorno-Karabakh</a>`,
				`<td class="num" data-label="Segments">10</td>`,
				`<td class="num" data-label="Terms">6</td>`,
				`<strong class="error">3</strong>`,
				`<td class="num" data-label="Changes">2</td>`,
			},
		},
		{
			name:    "failed article with its error, escaped",
			entries: []IndexEntry{{Failed: "bad <input>", Path: "x.txt"}},
			want:    []string{`<tr class="failed">`, `<code>x.txt</code>`, `failed: bad &lt;input&gt;`, `<li class="bad"><strong>1</strong> failed</li>`},
		},
		{
			name:    "entry without document or error counts as failed",
			entries: []IndexEntry{{Path: "y.txt"}},
			want:    []string{`failed: no document`},
		},
		{
			name:    "href is escaped as a URL",
			entries: []IndexEntry{Summarize(sampleDoc(t), "dossier/l'été #1.fr-en.html", 0)},
			want:    []string{`href="dossier/l%27%c3%a9t%c3%a9%20#1.fr-en.html"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteIndex(&buf, "Run", tt.entries); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("index lacks %q", w)
				}
			}
		})
	}
}
