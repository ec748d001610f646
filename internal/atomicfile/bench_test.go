package atomicfile

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// benchFormats are the five outputs of one article with the sizes of a
// typical 15-paragraph news article (JSON record, page, Markdown, XLIFF,
// TMX).
var benchFormats = []struct {
	ext  string
	size int
}{
	{".fr-en.json", 14 << 10},
	{".fr-en.html", 22 << 10},
	{".fr-en.md", 7 << 10},
	{".fr-en.xlf", 16 << 10},
	{".fr-en.tmx", 12 << 10},
}

// benchArticles is how many articles the benchmark cycles over.
const benchArticles = 500

// BenchmarkRewrite measures what a re-run pays to write its outputs: each
// operation writes the five formats of one article as one Set over the
// previous run's, with 8 articles at once (jobs8, the translate command's
// default --jobs) or one at a time (jobs1), cycling over 500 articles in 10
// folders. "disk" writes to a
// folder beside the package (it must not be tmpfs), "tmpfs" to /dev/shm;
// the goal is disk within 1.3× tmpfs. In "changed" every file differs from
// the one it replaces; in "same" it holds the same bytes (a forced re-run
// served from the memory).
func BenchmarkRewrite(b *testing.B) {
	var dirs []string
	defer func() {
		for _, d := range dirs {
			os.RemoveAll(d)
		}
	}()
	content := make([][]byte, len(benchFormats))
	rng := rand.New(rand.NewPCG(1, 2))
	for i, f := range benchFormats {
		content[i] = make([]byte, f.size)
		for j := range content[i] {
			content[i][j] = byte('a' + rng.IntN(26))
		}
	}
	fill := func(stamp int64, i int) func(io.Writer) error {
		return func(w io.Writer) error {
			fmt.Fprintf(w, "%d\n", stamp)
			_, err := w.Write(content[i])
			return err
		}
	}
	name := func(dir string, n int64) string {
		return filepath.Join(dir, fmt.Sprintf("d%d", n%10), fmt.Sprintf("article-%03d", n))
	}
	for _, c := range []struct {
		name, parent string
		changed      bool
		workers      int
	}{
		{"changed/jobs8/disk", ".", true, 8}, {"changed/jobs8/tmpfs", "/dev/shm", true, 8},
		{"changed/jobs1/disk", ".", true, 1}, {"changed/jobs1/tmpfs", "/dev/shm", true, 1},
		{"same/jobs8/disk", ".", false, 8}, {"same/jobs8/tmpfs", "/dev/shm", false, 8},
	} {
		// Made once for all the rounds b.Run makes: the previous run's
		// outputs, which every operation replaces.
		var dir string
		var next atomic.Int64
		b.Run(c.name, func(b *testing.B) {
			if dir == "" {
				dir = benchDir(b, c.parent, c.parent != ".")
				dirs = append(dirs, dir)
				for n := range int64(benchArticles) {
					base := name(dir, n)
					os.MkdirAll(filepath.Dir(base), 0o755)
					for i, f := range benchFormats {
						if err := Write(base+f.ext, fill(n, i)); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			b.SetBytes(int64(77 << 10))
			b.ResetTimer()
			syncs0 := syncs.Load()
			defer func() { b.ReportMetric(float64(syncs.Load()-syncs0)/float64(b.N), "syncs/op") }()
			end := next.Load() + int64(b.N)
			var wg sync.WaitGroup
			for range c.workers {
				wg.Go(func() {
					for {
						op := next.Add(1)
						if op > end {
							return
						}
						n := op % benchArticles
						stamp := n
						if c.changed {
							stamp = op + benchArticles
						}
						base := name(dir, n)
						var s Set
						for i, f := range benchFormats {
							if err := s.Add(base+f.ext, fill(stamp, i)); err != nil {
								s.Abort()
								b.Error(err)
								return
							}
						}
						if err := s.Commit(); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
		})
	}
}

// benchDir makes a folder under parent, on tmpfs or not as asked, for the
// caller to remove.
func benchDir(b *testing.B, parent string, wantTmpfs bool) string {
	b.Helper()
	dir, err := os.MkdirTemp(parent, "bench-")
	if err != nil {
		b.Skipf("no folder under %s: %v", parent, err)
	}
	if isTmpfs(dir) != wantTmpfs {
		os.RemoveAll(dir)
		b.Skipf("%s: tmpfs is %v, want %v", dir, isTmpfs(dir), wantTmpfs)
	}
	return dir
}
