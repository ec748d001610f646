package bitext

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/diglot/diglot/internal/testkit"
)

// benchDocument is a realistic bitext document of n segments: the WMT
// newstest2014 French lines as sources, the English ones as targets and
// machine translations, with a few terms and issues per segment.
func benchDocument(tb testing.TB, n int) *Document {
	tb.Helper()
	lines := func(name string) []string {
		data, err := os.ReadFile(testkit.Corpus(tb, "parallel", "wmt", name))
		if err != nil {
			tb.Fatal(err)
		}
		return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	}
	fr, en := lines("newstest2014.fra-eng.fra"), lines("newstest2014.fra-eng.eng")
	d := &Document{
		Schema:   Schema,
		Source:   Source{Path: "news/wmt.txt", Lang: "fr", SHA256: strings.Repeat("ab", 32), Format: "txt"},
		Target:   Target{Lang: "en"},
		Backend:  Backend{Name: "apertium", Model: "fra-spa-eng", Settings: "route=fr-es+spa-eng"},
		Glossary: []GlossaryRef{{Path: "names.tsv", SHA256: strings.Repeat("cd", 32)}},
	}
	for i := range n {
		src, tgt := fr[i%len(fr)], en[i%len(en)]
		s := Segment{ID: fmt.Sprintf("p%d", i+1), Kind: KindParagraph, Source: src, Target: tgt, MT: tgt,
			Line: 2*i + 1, Origin: "mt", Sentences: []string{src}}
		for j, w := range strings.Fields(src) {
			if j%7 != 3 || len(s.Terms) == 3 {
				continue
			}
			at := strings.Index(src, w)
			s.Terms = append(s.Terms, Term{Source: w, Target: w, Entry: w, Start: at, End: at + len(w), Variant: j%2 == 0})
			s.Issues = append(s.Issues, Issue{Rule: "term-missing", Severity: SeverityWarning,
				Message: fmt.Sprintf("%q should be translated %q", w, w), Term: w})
		}
		d.Segments = append(d.Segments, s)
	}
	return d
}

// BenchmarkDecode decodes a 300-segment document of WMT news lines; MB/s
// and MB/cpu-s count the bytes of the JSON.
//
//	go test -run '^$' -bench Decode -count 8 -cpu 1 ./bitext
func BenchmarkDecode(b *testing.B) {
	var buf bytes.Buffer
	if err := Write(&buf, benchDocument(b, 300)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := testkit.CPUTime(false)
	for b.Loop() {
		if _, _, err := decode(data, "bench.json"); err != nil {
			b.Fatal(err)
		}
	}
	testkit.ReportCPU(b, start, int64(len(data)))
}
