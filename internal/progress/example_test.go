package progress_test

import (
	"os"
	"time"

	"github.com/diglot/diglot/internal/progress"
)

// The translate command makes a reporter for stderr and feeds it running
// totals. Here a fixed clock stands in for time.Now.
func ExampleNew() {
	start := time.Date(2025, 3, 1, 2, 0, 0, 0, time.UTC)
	clock := start
	r, err := progress.New(os.Stdout, progress.ModeLines, false, func() time.Time { return clock })
	if err != nil {
		panic(err)
	}
	c := progress.Counts{ArticlesTotal: 3}
	for _, path := range []string{"a.txt", "b.txt", "c.txt"} {
		clock = clock.Add(1500 * time.Millisecond)
		c.Articles++
		c.Segments += 20
		c.Requests++
		c.Chars += 2500
		outcome, errText := progress.OutcomeDone, ""
		if path == "b.txt" {
			c.Failed++
			outcome, errText = progress.OutcomeFailed, "deepl: quota exceeded"
		}
		r.Article(path, outcome, errText, c)
	}
	r.Close()
	// Output:
	// diglot: failed b.txt: deepl: quota exceeded
	// diglot: progress 2/3 articles (1 failed), 40 segments (0 from memory), 2 requests, 5,000 characters, 0.7 articles/s, ETA 2s
	// diglot: finished 3/3 articles (1 failed), 60 segments (0 from memory), 3 requests, 7,500 characters, 0.7 articles/s, in 5s
}
