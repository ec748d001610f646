package tmtest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/diglot/diglot/tm"
)

func claim(t *testing.T, m *tm.Memory, k tm.Key, lease time.Duration, sources ...string) ([]bool, func()) {
	t.Helper()
	mine, release, err := m.Claim(ctx, k, sources, lease)
	if err != nil {
		t.Fatal(err)
	}
	return mine, release
}

// claims: a claim is the first claimer's until released or lapsed, per key
// and normalised source; equal sources in one call share it.
func (s *suite) claims(t *testing.T) {
	loc := s.New(t)
	a, b := Open(t, loc), Open(t, loc) // two workers
	mine, release := claim(t, a, apKey, time.Minute, "Un.", "Deux.", "Un.")
	if want := []bool{true, true, true}; !reflect.DeepEqual(mine, want) {
		t.Fatalf("first claim: %v, want %v", mine, want)
	}
	other := apKey
	other.Backend = "deepl"
	mine2, release2 := claim(t, b, apKey, time.Minute, "  Un. ", "Trois.")
	if want := []bool{false, true}; !reflect.DeepEqual(mine2, want) {
		t.Errorf("claim of a held (normalised) source: %v, want %v", mine2, want)
	}
	if mine, _ := claim(t, b, other, time.Minute, "Un."); !mine[0] {
		t.Error("a claim under another key is held")
	}
	release()
	if mine, _ := claim(t, b, apKey, time.Minute, "Un.", "Trois."); !reflect.DeepEqual(mine, []bool{true, false}) {
		t.Errorf("after release: %v, want [true false]", mine)
	}
	release2()

	// A live worker's claim is renewed however long it holds it; a crashed
	// worker's (here: its memory closed, without release) lapses.
	c := Open(t, loc)
	claim(t, c, apKey, 60*time.Millisecond, "Quatre.")
	time.Sleep(150 * time.Millisecond)
	if mine, _ := claim(t, b, apKey, time.Minute, "Quatre."); mine[0] {
		t.Error("a live claim was taken past its lease: not renewed")
	}
	c.Close()
	time.Sleep(150 * time.Millisecond)
	if mine, _ := claim(t, b, apKey, time.Minute, "Quatre."); !mine[0] {
		t.Error("the claim of a closed memory did not lapse")
	}
	if mine, release, err := a.Claim(ctx, apKey, nil, time.Minute); err != nil || len(mine) != 0 {
		t.Errorf("empty claim: %v, %v", mine, err)
	} else {
		release()
	}
}

// concurrentClaims has four workers claim the same sources at once, each in
// its own order: every source is one worker's, none fails.
func (s *suite) concurrentClaims(t *testing.T) {
	loc := s.New(t)
	var sources []string
	for i := range 60 {
		sources = append(sources, fmt.Sprintf("Paragraphe %d.", i))
	}
	const workers = 4
	var wg sync.WaitGroup
	owners := make([][]bool, workers)
	errs := make([]error, workers)
	for w := range workers {
		m := Open(t, loc)
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			owners[w] = make([]bool, len(sources))
			// In batches of 10 in a shuffled order, as articles come.
			order := rng.Perm(len(sources))
			for at := 0; at < len(order); at += 10 {
				batch := make([]string, 0, 10)
				for _, i := range order[at : at+10] {
					batch = append(batch, sources[i])
				}
				mine, _, err := m.Claim(ctx, apKey, batch, time.Minute)
				if err != nil {
					errs[w] = err
					return
				}
				for j, i := range order[at : at+10] {
					owners[w][i] = mine[j]
				}
			}
		}()
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("worker %d: %v", w, err)
		}
	}
	for i, src := range sources {
		n := 0
		for w := range workers {
			if owners[w][i] {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%q claimed by %d workers, want 1", src, n)
		}
	}
}
