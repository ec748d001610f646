package engine

import (
	"context"
	"strings"
	"sync"

	"github.com/diglot/diglot/translate"
)

// PairCache fetches a backend's language pairs once and keeps them.
type PairCache struct {
	Fetch func(ctx context.Context) ([]translate.Pair, error)

	mu    sync.Mutex
	pairs []translate.Pair
}

// Pairs returns the cached pairs, fetching them on first use (a failed fetch
// is tried again next time).
func (c *PairCache) Pairs(ctx context.Context) ([]translate.Pair, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pairs != nil {
		return c.pairs, nil
	}
	p, err := c.Fetch(ctx)
	if err != nil {
		return nil, err
	}
	c.pairs = p
	return p, nil
}

// Check fetches the pairs and checks want against them with [CheckPair].
func (c *PairCache) Check(ctx context.Context, backend string, want translate.Pair) error {
	pairs, err := c.Pairs(ctx)
	if err != nil {
		return err
	}
	return CheckPair(backend, pairs, want)
}

// CheckPair returns nil if want is among pairs (compared case-insensitively),
// else a [*translate.UnsupportedPairError] listing the pairs out of want.From,
// or all of them if there are none.
func CheckPair(backend string, pairs []translate.Pair, want translate.Pair) error {
	var from []translate.Pair
	for _, p := range pairs {
		if strings.EqualFold(p.From, want.From) {
			if strings.EqualFold(p.To, want.To) {
				return nil
			}
			from = append(from, p)
		}
	}
	if len(from) == 0 {
		from = pairs
	}
	return &translate.UnsupportedPairError{Backend: backend, Pair: want, Available: from}
}

// Cross returns every pair from a source to a target of another language.
func Cross(sources, targets []string) []translate.Pair {
	var out []translate.Pair
	for _, s := range sources {
		for _, t := range targets {
			if !strings.EqualFold(base(s), base(t)) {
				out = append(out, translate.Pair{From: s, To: t})
			}
		}
	}
	return out
}

func base(code string) string {
	if i := strings.IndexAny(code, "-_"); i >= 0 {
		return code[:i]
	}
	return code
}
