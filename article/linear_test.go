package article

import (
	"runtime"
	"strings"
	"testing"
)

// hostileInputs are inputs shaped to make a reader do more than linear work:
// each builds an article of about n repetitions of its unit.
var hostileInputs = []struct {
	name, path string
	build      func(n int) string
}{
	{"markdown quote markers", "a.md", func(n int) string { return strings.Repeat(">", n) + " texte\n" }},
	{"markdown spaced quote markers", "a.md", func(n int) string { return strings.Repeat("> ", n) + "texte\n" }},
	{"markdown indented quote markers", "a.md", func(n int) string { return strings.Repeat("   >", n) + "texte\n" }},
	{"markdown quote lines", "a.md", func(n int) string { return strings.Repeat(">>>> un texte cité\n", n) }},
	{"markdown heading hashes", "a.md", func(n int) string { return "# titre " + strings.Repeat("#", n) + "\n" }},
	{"markdown nested list", "a.md", func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat(" ", 2*(i%64)) + "- point\n")
		}
		return b.String()
	}},
	{"markdown list lines", "a.md", func(n int) string { return "- a\n" + strings.Repeat("  suite du point\n", n) }},
	{"markdown table", "a.md", func(n int) string { return "| a | b |\n|---|---|\n" + strings.Repeat("| 1 | 2 |\n", n) + "texte\n" }},
	{"markdown link brackets", "a.md", func(n int) string { return strings.Repeat("[a](", n) + "\n" }},
	{"text one long line", "a.txt", func(n int) string { return strings.Repeat("Le mot. ", n) + "\n" }},
	{"text short lines", "a.txt", func(n int) string { return strings.Repeat("une ligne\n", n) }},
	{"text blank lines", "a.txt", func(n int) string { return "Texte.\n" + strings.Repeat(" \n", n) + "Fin.\n" }},
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestReadersLinear checks that the readers' work on hostile input grows
// linearly with its size, by the bytes they allocate (a count, not a time):
// four times the input may cost at most about four times as much. The
// quadratic quote stripping allocated sixteen times as much.
func TestReadersLinear(t *testing.T) {
	const n = 10_000
	for _, in := range hostileInputs {
		t.Run(in.name, func(t *testing.T) {
			small, large := []byte(in.build(n)), []byte(in.build(4*n))
			parse := func(data []byte) func() {
				return func() { _, _ = Parse(in.path, data, Options{}) }
			}
			parse(small)() // warm up: compile the rules once
			a, b := allocated(parse(small)), allocated(parse(large))
			ratio := float64(b) / float64(max(a, 1))
			t.Logf("%d bytes: %d allocated; %d bytes: %d allocated (×%.1f)", len(small), a, len(large), b, ratio)
			if ratio > 8 {
				t.Errorf("4× the input allocates ×%.1f: the reader is not linear", ratio)
			}
			if per := float64(b) / float64(len(large)); per > 256 {
				t.Errorf("%.0f bytes allocated per input byte", per)
			}
		})
	}
}

// TestSentencesLinear is TestReadersLinear for sentence segmentation.
func TestSentencesLinear(t *testing.T) {
	build := []func(n int) string{
		func(n int) string { return strings.Repeat("M. Dupont. ", n) },
		func(n int) string { return strings.Repeat("a", n) + strings.Repeat(". B", n) },
		func(n int) string { return strings.Repeat("!", n) + strings.Repeat(" »", n) + " Fin." },
		func(n int) string { return "Texte.\n" + strings.Repeat(" ", n) + "\n\nFin." },
	}
	for i, f := range build {
		small, large := f(4000), f(16000)
		a := allocated(func() { Sentences(small) })
		b := allocated(func() { Sentences(large) })
		if ratio := float64(b) / float64(max(a, 1)); ratio > 6 {
			t.Errorf("case %d: 4× the text allocates ×%.1f", i, ratio)
		}
	}
}

// BenchmarkHostile parses each hostile input at 100,000 units: compare the
// time per byte with BenchmarkParse's.
func BenchmarkHostile(b *testing.B) {
	for _, in := range hostileInputs {
		data := []byte(in.build(100_000))
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				_, _ = Parse(in.path, data, Options{})
			}
		})
	}
}
