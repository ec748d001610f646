package backendtest

import (
	"sync"
	"testing"
	"time"

	"github.com/diglot/diglot/translate"
)

// Bench translates a batch of 200 articles of 20 paragraphs through be, with
// as many articles in flight as the backend's Limits.InFlight, against a
// server that answers after latency. It reports the wall time against the
// bound the limits set, requests × latency ÷ InFlight, as "x-bound" (1.0 is
// perfect use of the allowed concurrency), and the requests an op.
func Bench(b *testing.B, be translate.Backend, f Faults, latency time.Duration) {
	inFlight := max(limits(be).InFlight, 1)
	articles := make([][]translate.Segment, 200)
	for i := range articles {
		articles[i] = paragraphs(20, 200, 800)
	}
	var ratio, requests float64
	sender := Sender(be)
	for b.Loop() {
		before := f.Stats().Requests
		start := time.Now()
		jobs := make(chan []translate.Segment)
		var wg sync.WaitGroup
		for range inFlight {
			wg.Go(func() {
				for segs := range jobs {
					res, err := sender.Translate(b.Context(), &translate.Request{From: "fr", To: "en", Segments: segs})
					if err != nil || len(res) != len(segs) {
						b.Errorf("article: %d results, %v", len(res), err)
					}
				}
			})
		}
		for _, a := range articles {
			jobs <- a
		}
		close(jobs)
		wg.Wait()
		elapsed := time.Since(start)
		n := f.Stats().Requests - before
		bound := time.Duration(n) * latency / time.Duration(inFlight)
		ratio += elapsed.Seconds() / bound.Seconds()
		requests += float64(n)
	}
	b.ReportMetric(ratio/float64(b.N), "x-bound")
	b.ReportMetric(requests/float64(b.N), "requests/op")
	b.ReportMetric(float64(f.Stats().MaxInFlight), "max-in-flight")
}
