package engine

import (
	"html"
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/translate"
)

var testTags = NewTags("b", func(r string) string { return "<k>" + r + "</k>" }, html.EscapeString)

// seg is "le ** gouvernement ** & [ texte ](u) de T": bold and link pairs,
// and a term T.
func seg() translate.Segment {
	text := "le ** gouvernement ** & [ texte ](u) de T"
	at := func(sub string, from int) (int, int) {
		i := from + strings.Index(text[from:], sub)
		return i, i + len(sub)
	}
	var spans []translate.Span
	add := func(sub string, from int, replace string, pair int) int {
		s, e := at(sub, from)
		spans = append(spans, translate.Span{Start: s, End: e, Replace: replace, Pair: pair})
		return e
	}
	e := add("**", 0, "\uE0000\uE001", 1)
	e = add("**", e, "\uE0001\uE001", 1)
	e = add("[", e, "\uE0002\uE001", 3)
	e = add("](u)", e, "\uE0003\uE001", 3)
	add("T", e, "Term & co", 0)
	return translate.Segment{ID: "p1", Text: text, Protected: spans}
}

func TestTagsEncode(t *testing.T) {
	got := testTags.Encode(seg())
	want := `le <b id="0"> gouvernement </b> &amp; <b id="2"> texte </b> de <k>Term &amp; co</k>`
	if got != want {
		t.Errorf("Encode:\n got %s\nwant %s", got, want)
	}
}

func TestPartners(t *testing.T) {
	sp := func(pairs ...int) []translate.Span {
		out := make([]translate.Span, len(pairs))
		for i, p := range pairs {
			out[i] = translate.Span{Start: 2 * i, End: 2*i + 1, Pair: p}
		}
		return out
	}
	tests := []struct {
		name  string
		pairs []int
		want  []int
	}{
		{"none", []int{0, 0}, []int{-1, -1}},
		{"one pair", []int{1, 0, 1}, []int{2, -1, 0}},
		{"nested", []int{1, 2, 2, 1}, []int{3, 2, 1, 0}},
		{"orphan", []int{1, 2, 2}, []int{-1, 2, 1}},
		{"three sides", []int{1, 1, 1}, []int{-1, -1, -1}},
		{"crossing", []int{1, 2, 1, 2}, []int{2, -1, 0, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Partners(sp(tt.pairs...)); !slices.Equal(got, tt.want) {
				t.Errorf("Partners(%v) = %v, want %v", tt.pairs, got, tt.want)
			}
		})
	}
}

// The engine's reply, however it breaks the elements, comes back with no tag
// of the pairs, and a pair's replacements only where both its tags came back
// in order.
func TestTagsDecode(t *testing.T) {
	const o0, c0, o2, c2 = "\uE0000\uE001", "\uE0001\uE001", "\uE0002\uE001", "\uE0003\uE001"
	tests := []struct {
		name, reply, want string
	}{
		{"moved", `the French <b id="0">government</b> &amp; <b id="2">text</b> of <k>Term &amp; co</k>`,
			"the French " + o0 + "government" + c0 + " &amp; " + o2 + "text" + c2 + " of <k>Term &amp; co</k>"},
		{"as Google may write it", `<B ID=0 class="x">government</B > and <b id='2'>text</b >`,
			o0 + "government" + c0 + " and " + o2 + "text" + c2},
		{"renested", `<b id="2">a <b id="0">b</b></b>`, o2 + "a " + o0 + "b" + c0 + c2},
		{"opening lost", `government</b> <b id="2">text</b>`, "government " + o2 + "text" + c2},
		{"closing lost", `<b id="0">government <b id="2">text</b>`, "government " + o2 + "text" + c2},
		{"duplicated", `<b id="0">a</b> <b id="0">b</b>`, o0 + "a" + c0 + " " + o0 + "b" + c0},
		{"unknown id", `<b id="7">a</b> <b id="1">b</b> <b>c</b> <b id="x">d</b>`, "a b c d"},
		{"empty element", `<b id="0"/> text`, " text"},
		{"not a pair tag", `<br> <bdi>x</bdi>`, `<br> <bdi>x</bdi>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testTags.Decode(seg(), tt.reply)
			if got != tt.want {
				t.Errorf("Decode(%s):\n got %q\nwant %q", tt.reply, got, tt.want)
			}
		})
	}
}

// An engine that changes nothing gives back, after Decode, the text with
// every span replaced, whatever the text, the spans and their pairing.
func FuzzTagsRoundTrip(f *testing.F) {
	f.Add("le ** gouvernement ** & [ texte ](u) de T", uint64(0x0102030405))
	f.Add("<b id=\"0\">x</b>", uint64(7))
	f.Add("a b c d e f g h", uint64(0x1112131415161718))
	f.Fuzz(func(t *testing.T, text string, shape uint64) {
		// Cut text into spans of up to 3 bytes every 4 bytes, their pair
		// taken from shape's nibbles.
		var spans []translate.Span
		for i := 0; i+3 <= len(text) && len(spans) < 16; i += 4 {
			spans = append(spans, translate.Span{Start: i, End: i + 3, Replace: "R" + text[i:i+3], Pair: int(shape>>(4*len(spans))) & 3})
		}
		s := translate.Segment{ID: "p", Text: text, Protected: spans}
		var want strings.Builder
		last := 0
		for _, sp := range spans {
			want.WriteString(text[last:sp.Start] + sp.Replace)
			last = sp.End
		}
		want.WriteString(text[last:])
		dec := testTags.Decode(s, testTags.Encode(s))
		got := html.UnescapeString(strings.NewReplacer("<k>", "", "</k>", "").Replace(dec))
		if got != want.String() {
			t.Errorf("round trip of %q %v:\n got %q\nwant %q", text, spans, got, want.String())
		}
	})
}

// The cost of the markup wire for one paragraph: go test -bench Tags.
func BenchmarkTags(b *testing.B) {
	plain := translate.Segment{ID: "p", Text: strings.Repeat("Le gouvernement français a dit que la paix est là. ", 8)}
	paired := seg()
	lead := strings.Repeat("Le président du pays a dit. ", 6)
	paired.Text = lead + paired.Text
	for i := range paired.Protected {
		paired.Protected[i].Start += len(lead)
		paired.Protected[i].End += len(lead)
	}
	for _, bc := range []struct {
		name string
		s    translate.Segment
	}{{"plain", plain}, {"paired", paired}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.s.Text)))
			for b.Loop() {
				_ = testTags.Decode(bc.s, testTags.Encode(bc.s))
			}
		})
	}
}
