package edition

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one part of a batch split between N workers: the articles whose
// path relative to its root hashes (FNV-1a, 64 bits) to I modulo N. The
// partition depends only on those paths and N, never on the machine, the
// order of the inputs or the time, so that N workers started with
// I = 0…N-1 translate every article exactly once between them. The zero
// Shard is the whole batch.
type Shard struct {
	I, N int
}

// ParseShard reads "I/N" (0 ≤ I < N).
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Shard{}, fmt.Errorf("%q: want I/N, as in 0/4", s)
	}
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	switch {
	case err1 != nil || err2 != nil:
		return Shard{}, fmt.Errorf("%q: want I/N with two whole numbers, as in 0/4", s)
	case n < 1:
		return Shard{}, fmt.Errorf("%q: N must be 1 or more", s)
	case i < 0 || i >= n:
		return Shard{}, fmt.Errorf("%q: I must be between 0 and N-1 (%d)", s, n-1)
	}
	return Shard{I: i, N: n}, nil
}

// String is the I/N form; "" for the whole batch.
func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}

// Has reports whether the article at rel (slash-separated, relative to its
// root) belongs to the shard.
func (s Shard) Has(rel string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(rel))
	return h.Sum64()%uint64(s.N) == uint64(s.I)
}

// Select returns the inputs of the shard, in their order.
func (s Shard) Select(inputs []Input) []Input {
	if s.N <= 1 {
		return inputs
	}
	out := make([]Input, 0, len(inputs)/s.N+1)
	for _, in := range inputs {
		if s.Has(in.Rel) {
			out = append(out, in)
		}
	}
	return out
}

// ReportName is the name of the shard's run report in the output folder:
// run.I-of-N.json, or [ReportFile] for the whole batch.
func (s Shard) ReportName() string {
	if s.N == 0 {
		return ReportFile
	}
	return fmt.Sprintf("run.%d-of-%d.json", s.I, s.N)
}
