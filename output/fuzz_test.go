package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
)

// FuzzWriteHTML renders segments with arbitrary text, term offsets, target
// terms and unknown words: the page must render, mark nothing outside the
// text, and never let segment text become markup.
func FuzzWriteHTML(f *testing.F) {
	f.Add("Le Haut-Karabakh.", "Nagorno-Karabakh.", "Nagorno-Karabakh", 3, 16, "Karabakh", "The old text.")
	f.Add("<script>alert(1)</script>", "</td><script>", "<script>", 0, 8, "td", "")
	f.Add("Élysée", "ÉLYSÉE élysée", "élysée", 1, 3, "É", "x")
	f.Add("", "", "", -1, 99, "", "")
	f.Fuzz(func(t *testing.T, src, tgt, termTarget string, start, end int, unknown, mt string) {
		d := &bitext.Document{
			Schema: bitext.Schema,
			Source: bitext.Source{Path: "f.txt", Lang: "fr"},
			Target: bitext.Target{Lang: "en"},
			Segments: []bitext.Segment{{
				ID: "p1", Kind: bitext.KindParagraph, Source: src, Target: tgt, MT: mt,
				Terms:   []bitext.Term{{Source: "x", Target: termTarget, Entry: "x", Start: start, End: end}},
				Unknown: []string{unknown},
			}},
		}
		var buf bytes.Buffer
		if err := WriteHTML(&buf, d, HTMLOptions{Previous: d}); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(buf.String(), "<script"); n != 1 {
			t.Fatalf("page has %d <script elements, want 1", n)
		}
		if err := WriteMarkdown(&buf, d, LayoutTable); err != nil {
			t.Fatal(err)
		}
		// Marked pieces rebuild the text exactly.
		for _, side := range []struct {
			text  string
			spans []span
		}{{src, sourceSpans(&d.Segments[0])}, {tgt, targetSpans(tgt, &d.Segments[0])}} {
			var b strings.Builder
			for _, p := range splitSpans(side.text, side.spans, "t") {
				b.WriteString(p.Text)
			}
			if b.String() != side.text {
				t.Fatalf("pieces rebuild %q, want %q", b.String(), side.text)
			}
		}
	})
}
