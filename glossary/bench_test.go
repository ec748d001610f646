package glossary

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/internal/testkit"
)

// cpuClock reports the CPU time the process used (user and system), so that
// throughput can also be given per CPU second: a figure that other load on
// the machine does not skew as it skews wall-clock time.
func cpuClock() time.Duration { return testkit.CPUTime(false) }

// reportCPU adds the throughput per CPU second since start, in MB/s.
func reportCPU(b *testing.B, start time.Duration, bytes int64) {
	if cpu := cpuClock() - start; cpu > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
}

// realTerms are names and words that occur in French news, so that the
// synthetic glossary also matches the benchmark text.
var realTerms = []string{
	"France", "Paris", "Londres", "Allemagne", "États-Unis", "Union européenne", "Nations unies",
	"Assemblée nationale", "Barack Obama", "Syrie", "Russie", "Chine", "Iran", "Israël", "Égypte",
	"gouvernement", "président", "ministre", "Premier ministre", "police", "Europe", "Washington",
	"Royaume-Uni", "Espagne", "Italie", "Canada", "Québec", "Afghanistan", "OTAN", "ONU", "UE",
	"Maison-Blanche", "Congrès", "Sénat", "Bruxelles", "Moscou", "Pékin", "Berlin", "Madrid",
	"Google", "Facebook", "Apple", "Microsoft", "Twitter", "New York", "Los Angeles", "Mexique",
}

// synthetic returns a deterministic glossary of n entries: pseudo-French
// words and multi-word names (one, two and three words, some with "de"),
// plus realTerms.
func synthetic(n int) *Glossary { return syntheticStem(n, 0) }

// syntheticStem is synthetic with every stemEvery-th entry stemmed (none when 0).
func syntheticStem(n, stemEvery int) *Glossary {
	onsets := []string{"b", "c", "ch", "d", "f", "g", "j", "l", "m", "n", "p", "r", "s", "t", "v", "br", "tr", "gr", "pl", "cl"}
	nuclei := []string{"a", "e", "i", "o", "ou", "é", "è", "au", "an", "on", "in", "ai"}
	codas := []string{"", "", "", "r", "l", "n", "s", "x", "t"}
	state := uint64(0x9e3779b97f4a7c15)
	rnd := func(k int) int {
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
		return int(state % uint64(k))
	}
	word := func() string {
		var b strings.Builder
		for range 2 + rnd(3) {
			b.WriteString(onsets[rnd(len(onsets))])
			b.WriteString(nuclei[rnd(len(nuclei))])
		}
		b.WriteString(codas[rnd(len(codas))])
		return b.String()
	}
	title := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	g := &Glossary{From: "fr", To: "en"}
	add := func(src, tgt string) {
		e := &Entry{ID: src, Sources: []string{src}, Target: tgt}
		e.Stem = stemEvery > 0 && len(g.Entries)%stemEvery == 0
		g.Entries = append(g.Entries, e)
	}
	for _, t := range realTerms {
		add(t, t+" (en)")
	}
	for len(g.Entries) < n {
		var src string
		switch k := rnd(10); {
		case k < 4:
			src = word()
		case k < 8:
			src = title(word()) + " " + title(word())
		default:
			src = title(word()) + " de " + title(word())
		}
		add(src, title(word()))
	}
	return g
}

// newsText returns the French side of WMT newstest2014, one line a segment.
func newsText(tb testing.TB) []string {
	data, err := os.ReadFile(testkit.Corpus(tb, "parallel", "wmt", "newstest2014.fra-eng.fra"))
	if err != nil {
		tb.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

func totalBytes(lines []string) int64 {
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	return int64(n)
}

func BenchmarkBuild100k(b *testing.B) {
	g := synthetic(100_000)
	b.ReportAllocs()
	cpu := cpuClock()
	for b.Loop() {
		g.Matcher()
	}
	b.ReportMetric(float64(cpuClock()-cpu)/float64(b.N)/1e9, "cpu-s/op")
}

func BenchmarkMatch100k(b *testing.B) {
	lines := newsText(b)
	benchFind(b, lines, synthetic(100_000).Matcher())
}

// BenchmarkMatch100kWhole matches the whole 0.44 MB text in one call, as
// check does on a long document: the token buffer must not regrow each time.
func BenchmarkMatch100kWhole(b *testing.B) {
	lines := newsText(b)
	benchFind(b, []string{strings.Join(lines, "\n")}, synthetic(100_000).Matcher())
}

// BenchmarkMatch100kStem has one entry in ten matched through the stemmer,
// so that every word of the text is also stemmed.
func BenchmarkMatch100kStem(b *testing.B) {
	lines := newsText(b)
	benchFind(b, lines, syntheticStem(100_000, 10).Matcher())
}

// BenchmarkMatch2500 is the matcher on the baseline's 2,500 terms.
func BenchmarkMatch2500(b *testing.B) {
	lines := newsText(b)
	benchFind(b, lines, synthetic(2_500).Matcher())
}

// BenchmarkMatchNaiveRegexp is the baseline: one case-insensitive
// alternation of 2,500 terms of the same glossary.
func BenchmarkMatchNaiveRegexp(b *testing.B) {
	lines := newsText(b)
	g := synthetic(2_500)
	alt := make([]string, len(g.Entries))
	for i, e := range g.Entries {
		alt[i] = regexp.QuoteMeta(e.Sources[0])
	}
	benchFind(b, lines, regexpFinder{regexp.MustCompile(`(?i)\b(?:` + strings.Join(alt, "|") + `)\b`)})
}

type regexpFinder struct{ re *regexp.Regexp }

func (r regexpFinder) Find(s string) [][]int { return r.re.FindAllStringIndex(s, -1) }

// benchFind measures finding terms in each line of lines, as translation
// does segment by segment.
func benchFind[M any](b *testing.B, lines []string, f interface{ Find(string) []M }) {
	b.SetBytes(totalBytes(lines))
	b.ReportAllocs()
	matches := 0
	cpu := cpuClock()
	for b.Loop() {
		matches = 0
		for _, l := range lines {
			matches += len(f.Find(l))
		}
	}
	reportCPU(b, cpu, totalBytes(lines))
	b.ReportMetric(float64(matches), "matches")
}

func BenchmarkEnforce(b *testing.B) {
	g := loadSampleB(b)
	m := g.Matcher()
	src := "Le Premier ministre arménien Pashinian et l’UE parlent du Haut-Karabakh avec les casques bleus."
	ms := m.Find(src)
	target := "The Armenian Prime Minister Pashinian and the EU speak of Upper Karabakh with the peacekeepers."
	for b.Loop() {
		m.Enforce(src, ms, target)
	}
}

func loadSampleB(b *testing.B) *Glossary {
	g, err := Load(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// TestHeap100k measures the heap a 100,000-entry glossary and its matcher
// hold (a memory figure, not a timing): the goal is under 250 MB.
func TestHeap100k(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100,000-entry glossary")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	g := synthetic(100_000)
	m := g.Matcher()
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	t.Logf("heap in use for 100,000 entries and their matcher: %.1f MB", heap)
	if heap > 250 {
		t.Errorf("heap %.1f MB, want < 250 MB", heap)
	}
	if len(m.Find("Le Premier ministre et la Syrie")) != 2 {
		t.Error("the synthetic glossary does not match")
	}
	runtime.KeepAlive(m)
}

// tsvRows writes g's entries as two-column TSV rows.
func tsvRows(g *Glossary) []byte {
	var b strings.Builder
	for _, e := range g.Entries {
		b.WriteString(e.Sources[0])
		b.WriteByte('\t')
		b.WriteString(e.Target)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// BenchmarkGlossary1M is the set-up a run pays for a TSV glossary of
// 1,000,000 rows (about 28 MB): parse, Lint, Matcher and Fingerprint, each
// alone, as glossary lint and translate use them.
func BenchmarkGlossary1M(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 1,000,000-row glossary")
	}
	data := tsvRows(synthetic(1_000_000))
	g, err := Parse("big.tsv", data)
	if err != nil {
		b.Fatal(err)
	}
	steps := []struct {
		name string
		run  func()
	}{
		{"Parse", func() {
			if _, err := Parse("big.tsv", data); err != nil {
				b.Fatal(err)
			}
		}},
		{"Lint", func() { Lint(g) }},
		{"Matcher", func() { g.Matcher() }},
		{"Fingerprint", func() { g.Fingerprint() }},
	}
	for _, s := range steps {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := cpuClock()
			for b.Loop() {
				s.run()
			}
			b.ReportMetric(float64(cpuClock()-cpu)/float64(b.N)/1e9, "cpu-s/op")
		})
	}
}
