package review

import (
	"net/http"
	"net/url"
	"testing"
)

// BenchmarkLiveCheck measures one /api/check request, as the page sends
// while the editor types: read the article, write the one-segment file,
// run the live rules with the names glossary, diff.
func BenchmarkLiveCheck(b *testing.B) {
	f := newFixture(b)
	form := url.Values{"f": {file}, "segment": {"p2"}, "text": {"Karabakh is quiet, with 120,000 people."}}
	b.ResetTimer()
	for b.Loop() {
		if code, _ := f.post("/api/check", form); code != http.StatusOK {
			b.Fatalf("check: %d", code)
		}
	}
}
