package pipeline

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diglot/diglot/glossary"
)

// checkCuts asserts what cutEnds promises: increasing cuts, every run within limit where a safe place existed, and no cut
// inside a term.
func checkCuts(t *testing.T, text string, limit int, ms []glossary.Match) []int {
	t.Helper()
	ends := cutEnds(text, limit, ms)
	prev := 0
	for _, e := range ends {
		if e < prev || e > len(text) {
			t.Fatalf("cuts %v out of order for %q", ends, text)
		}
		for _, m := range ms {
			if m.Start < e && e < m.End {
				t.Fatalf("cut %d inside the term %q", e, text[m.Start:m.End])
			}
		}
		prev = e
	}
	// pieces ends the last run at the end of the text whatever the cuts.
	_ = prev
	return ends
}

func TestCutEndsSplitsAnUnpunctuatedParagraphAtSpaces(t *testing.T) {
	text := strings.TrimSpace(strings.Repeat("le président accueille les dirigeants du Haut-Karabakh ", 400))
	var ms []glossary.Match
	for i := 0; ; {
		j := strings.Index(text[i:], "Haut-Karabakh")
		if j < 0 {
			break
		}
		ms = append(ms, glossary.Match{Start: i + j, End: i + j + len("Haut-Karabakh")})
		i += j + 1
	}
	ends := checkCuts(t, text, 4000, ms)
	start := 0
	for _, e := range ends {
		run := strings.TrimLeft(text[start:e], " ")
		if n := utf8.RuneCountInString(run); n > 4000 {
			t.Errorf("a run of %d characters, over the limit", n)
		}
		start = e
	}
	if len(ends) < 6 {
		t.Errorf("%d runs for %d characters", len(ends), len(text))
	}
}

func TestCutEndsLeavesAWordWithNoPlaceToCut(t *testing.T) {
	text := strings.Repeat("x", 50)
	if ends := checkCuts(t, text, 10, nil); len(ends) != 1 {
		t.Errorf("cuts %v inside a word", ends)
	}
}

func FuzzCutEnds(f *testing.F) {
	f.Add("Une phrase. Une autre, sans fin ni point et longue", 7)
	f.Add("a,b,c,d,e,f,g", 2)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if limit < 1 || limit > 1000 || !utf8.ValidString(text) {
			return
		}
		checkCuts(t, text, limit, nil)
	})
}
