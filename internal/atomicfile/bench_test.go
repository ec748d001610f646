package atomicfile

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
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

// BenchmarkRewrite measures what a cached re-run pays to write its outputs:
// each operation writes the five formats of one article as one Set over the
// previous ones, with 8 articles at once (the translate command's default
// --jobs), cycling over 1,000 articles in 10 folders. "disk" writes to a
// folder beside the package (it must not be tmpfs), "tmpfs" to /dev/shm;
// the goal is disk within 1.3× tmpfs.
func BenchmarkRewrite(b *testing.B) {
	for _, where := range []struct{ name, parent string }{{"disk", "."}, {"tmpfs", "/dev/shm"}} {
		b.Run(where.name, func(b *testing.B) {
			dir := benchDir(b, where.parent, where.name == "tmpfs")
			content := make([][]byte, len(benchFormats))
			rng := rand.New(rand.NewPCG(1, 2))
			for i, f := range benchFormats {
				content[i] = make([]byte, f.size)
				for j := range content[i] {
					content[i][j] = byte('a' + rng.IntN(26))
				}
			}
			var next atomic.Int64
			b.SetParallelism((8 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
			b.SetBytes(int64(77 << 10))
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					n := next.Add(1) % 1000
					base := filepath.Join(dir, fmt.Sprintf("d%d", n%10), fmt.Sprintf("article-%03d", n))
					var s Set
					for i, f := range benchFormats {
						data := content[i]
						if err := s.Add(base+f.ext, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
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
		})
	}
}

// benchDir makes a folder under parent for one benchmark, on tmpfs or not
// as asked, and removes it at the end.
func benchDir(b *testing.B, parent string, wantTmpfs bool) string {
	b.Helper()
	dir, err := os.MkdirTemp(parent, "bench-")
	if err != nil {
		b.Skipf("no folder under %s: %v", parent, err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	if isTmpfs(dir) != wantTmpfs {
		b.Skipf("%s: tmpfs is %v, want %v", dir, isTmpfs(dir), wantTmpfs)
	}
	return dir
}
