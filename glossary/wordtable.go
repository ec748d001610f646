package glossary

import (
	"cmp"
	"math/bits"
	"slices"
)

// wordTable finds the id of a folded word with one hash of its bytes: an
// open-addressing table of power-of-two size, probed linearly. A slot's tag
// (seven bits of the hash) rules out almost every other word before its
// bytes are compared, so a word of the text that is in no term, the common
// case, costs one load of the small tag array.
type wordTable struct {
	tags  []uint8 // per slot: 0 when free, else 0x80 | the hash's top seven bits; then the first 8 again
	slots []int32 // per slot: the index in words of the word there
	words []tableWord
	mask  uint64
}

// tableWord is a word of a wordTable and its id, side by side so that a hit
// reads them from one place.
type tableWord struct {
	word string
	id   int32
}

// tableWords lists the words of m with their ids, in id order.
func tableWords(m map[string]int32) []tableWord {
	words := make([]tableWord, 0, len(m))
	for w, id := range m {
		words = append(words, tableWord{w, id})
	}
	slices.SortFunc(words, func(a, b tableWord) int { return cmp.Compare(a.id, b.id) })
	return words
}

// newWordTable makes the table of words, which it keeps.
func newWordTable(words []tableWord) *wordTable {
	size := 8
	for size*3 < len(words)*4 { // at most three quarters full
		size <<= 1
	}
	t := &wordTable{
		tags:  make([]uint8, size+8),
		slots: make([]int32, size),
		words: words,
		mask:  uint64(size - 1),
	}
	scratch := make([]byte, 0, 64)
	for k, w := range words {
		scratch = append(scratch[:0], w.word...)
		h := wordHash(scratch)
		i := h & t.mask
		for t.tags[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.tags[i] = tagOf(h)
		t.slots[i] = int32(k)
	}
	copy(t.tags[size:], t.tags[:8]) // so that eight tags from any slot are one load
	return t
}

// lookup returns the id of word w, or -1.
func (t *wordTable) lookup(w string) int32 {
	b := make([]byte, len(w), max(len(w), 8))
	copy(b, w)
	return t.find(b, wordHash(b))
}

func tagOf(h uint64) uint8 { return uint8(h>>57) | 0x80 }

// find returns the id of word w whose wordHash is h, or -1. It reads the
// tags eight at a time, so that the common miss takes one load and one
// branch however long the run of slots it falls in.
func (t *wordTable) find(w []byte, h uint64) int32 {
	tags := ones * uint64(tagOf(h))
	for i := h & t.mask; ; i = (i + 8) & t.mask {
		x := le64(t.tags[i:])
		free := zeroBytes(x)
		// the slots that have w's tag, before the first free one
		for hits := zeroBytes(x^tags) & (free&-free - 1); hits != 0; hits &= hits - 1 {
			j := (i + uint64(bits.TrailingZeros64(hits)>>3)) & t.mask
			if x := &t.words[t.slots[j]]; x.word == string(w) {
				return x.id
			}
		}
		if free != 0 {
			return -1
		}
	}
}

// zeroBytes has the high bit set in the first zero byte of x and in no byte
// before it (a byte after it may be set too).
func zeroBytes(x uint64) uint64 { return (x - ones) &^ x & highs }

// wordHash hashes all the bytes of a word: a word of up to eight bytes
// (most are) in one multiplication, read in one load when w has the
// capacity, a longer one sixteen bytes at a time.
func wordHash(w []byte) uint64 {
	const k0, k1, k2 = 0xa0761d6478bd642f, 0xe7037ed1a0b428db, 0x8ebc6af09c88c6e3
	n := len(w)
	seed := uint64(n) * k0
	if n <= 8 {
		var a uint64
		if cap(w) >= 8 {
			a = le64(w[:8]) & (1<<(8*uint(n)) - 1)
		} else {
			for i := n - 1; i >= 0; i-- {
				a = a<<8 | uint64(w[i])
			}
		}
		return mix(a^k1, seed^k2)
	}
	a, b := le64(w), le64(w[n-8:])
	if n > 16 {
		for v := w; len(v) > 16; v = v[16:] {
			seed = mix(le64(v)^k1, le64(v[8:])^seed)
		}
		a = le64(w[n-16:])
	}
	return mix(a^k1, b^seed^k2)
}

// mix folds the 128-bit product of a and b to 64 bits.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

func le64[T string | []byte](w T) uint64 {
	_ = w[7]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// moveTable holds the transitions below the root of a trie: the state
// reached from state s by token t, keyed by s<<32 | t (s is never 0, the
// root's moves being an array, so key 0 marks a free slot). An
// open-addressing table probed linearly, at most three quarters full.
type moveTable struct {
	keys []uint64
	to   []int32
	mask uint64
	n    int
}

// newMoveTable makes the table of n moves, which each calls add.
func newMoveTable(n int, each func(add func(key uint64, to int32))) *moveTable {
	size := 8
	for size*3 < n*4 {
		size <<= 1
	}
	t := &moveTable{keys: make([]uint64, size), to: make([]int32, size), mask: uint64(size - 1)}
	each(func(key uint64, to int32) {
		i := moveHash(key) & t.mask
		for t.keys[i] != 0 && t.keys[i] != key {
			i = (i + 1) & t.mask
		}
		if t.keys[i] == 0 {
			t.n++
		}
		t.keys[i], t.to[i] = key, to
	})
	return t
}

// moveHash spreads a key's state and token over the slots.
func moveHash(key uint64) uint64 { return mix(key^0xa0761d6478bd642f, 0xe7037ed1a0b428db) }

// move returns the state that key leads to, or -1.
func (t *moveTable) move(key uint64) int32 {
	for i := moveHash(key) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case key:
			return t.to[i]
		case 0:
			return -1
		}
	}
}

// each calls fn with every move of t.
func (t *moveTable) each(fn func(key uint64, to int32)) {
	for i, k := range t.keys {
		if k != 0 {
			fn(k, t.to[i])
		}
	}
}
