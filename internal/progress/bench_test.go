package progress

import (
	"io"
	"testing"
)

// BenchmarkUpdate measures the cost of one Update, the call the translate
// pipeline makes after every batch, from all Ps at once.
func BenchmarkUpdate(b *testing.B) {
	for _, mode := range []Mode{ModeLines, ModeJSON, ModeBar} {
		b.Run(string(mode), func(b *testing.B) {
			r, err := New(io.Discard, mode, true, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close()
			b.RunParallel(func(pb *testing.PB) {
				c := Counts{ArticlesTotal: 2000}
				for pb.Next() {
					c.Segments++
					c.Chars += 120
					r.Update(c)
				}
			})
		})
	}
}
