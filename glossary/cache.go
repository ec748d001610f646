package glossary

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
	"unsafe"
)

// The set-up cache: a glossary as [LoadWith] returns it, with its matcher
// and fingerprint, kept in a file keyed by the SHA-256 of the glossary files'
// bytes, their names, the language pair and cacheVersion. A large glossary
// then costs its parse and matcher once per change instead of once per run.
// A cache file is trusted only when its header names this version and key
// and its checksum holds; any other file is ignored and replaced, and every
// index it holds is checked before use, so a corrupt or foreign file costs a
// rebuild, never a wrong match or a panic.

// cacheVersion changes whenever the cached form or the meaning of what it
// holds (parsing, normalisation, the automaton) changes.
const cacheVersion = 4

// cacheMagic starts every cache file.
const cacheMagic = "diglot glossary cache\n"

// CacheMinSize is the total size of glossary files below which [LoadWith]
// does not use the cache: a small glossary parses faster than its cache file
// is read.
const CacheMinSize = 256 << 10

// DefaultCacheDir is where [LoadWith] keeps the cache when
// LoadOptions.CacheDir is empty: diglot/glossary in the user's cache folder
// (os.UserCacheDir), "" when there is none.
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "diglot", "glossary")
}

// cacheKey is the key of the glossary made of the files (named as given,
// with their bytes) for the language pair of opts.
func cacheKey(opts LoadOptions, paths []string, data [][]byte) [32]byte {
	opts = opts.normalised()
	h := sha256.New()
	fmt.Fprintf(h, "%s%d\n%s-%s\n%d\n", cacheMagic, cacheVersion, opts.From, opts.To, len(paths))
	for i, p := range paths {
		sum := sha256.Sum256(data[i])
		fmt.Fprintf(h, "%d:%s\n%x\n", len(p), p, sum)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func cachePath(dir string, key [32]byte) string {
	return filepath.Join(dir, hex.EncodeToString(key[:])+".glc")
}

// readCache returns the cached glossary of key in dir, or nil when there is
// none or it cannot be trusted.
//
// The matcher decodes in its own goroutine, beside the entries, when eager;
// else when first asked for.
func readCache(dir string, key [32]byte, eager bool) *Glossary {
	data, err := os.ReadFile(cachePath(dir, key))
	if err != nil {
		return nil
	}
	g, err := decodeCache(data, key, eager)
	if err != nil {
		return nil
	}
	return g
}

// writeCache stores g (with its matcher and fingerprint) under key in dir,
// whole or not at all: a temporary file renamed into place. Failing to write
// the cache is not an error of the run.
func writeCache(dir string, key [32]byte, g *Glossary) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(dir, ".glc-*")
	if err != nil {
		return
	}
	werr := writeCacheTo(f, g, key)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), cachePath(dir, key)) != nil {
		os.Remove(f.Name())
	}
}

// encoder writes the cached form: unsigned varints, and strings as a length
// and their bytes. It gathers them in b, which spill hands on to w.
type encoder struct {
	b   []byte
	w   io.Writer
	n   int // bytes written out
	err error
}

// offset is where the next byte encoded goes in the file.
func (e *encoder) offset() int { return e.n + len(e.b) }

// spill writes out what b holds once it is large, so that the file is
// written as it is encoded, never held whole in memory.
func (e *encoder) spill(force bool) {
	if len(e.b) < 1<<16 && !force || e.err != nil {
		return
	}
	_, e.err = e.w.Write(e.b)
	e.n += len(e.b)
	e.b = e.b[:0]
}

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) bool(v bool) {
	if v {
		e.uint(1)
	} else {
		e.uint(0)
	}
}
func (e *encoder) str(s string) { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}
func (e *encoder) int32s(v []int32) {
	e.uint(uint64(len(v)))
	for _, x := range v {
		e.int(int64(x))
		e.spill(false)
	}
}

// encodeCache returns the cache file of g under key.
func encodeCache(g *Glossary, key [32]byte) []byte {
	var buf bytes.Buffer
	writeCacheTo(&buf, g, key)
	return buf.Bytes()
}

// writeCacheTo writes the cache file of g under key to w: magic, version,
// key, the payload, and the checksum of all that precedes it.
func writeCacheTo(w io.Writer, g *Glossary, key [32]byte) error {
	h := crc32.New(castagnoli)
	e := &encoder{b: make([]byte, 0, 1<<17), w: io.MultiWriter(w, h)}
	e.b = append(e.b, cacheMagic...)
	e.uint(cacheVersion)
	e.b = append(e.b, key[:]...)

	// Every entry a field refers to: the live ones first, then those that
	// only conflicts and findings name.
	index := make(map[*Entry]int, len(g.Entries))
	var all []*Entry
	ref := func(x *Entry) {
		if _, ok := index[x]; x != nil && !ok {
			index[x] = len(all)
			all = append(all, x)
		}
	}
	for _, x := range g.Entries {
		ref(x)
	}
	for _, c := range g.Conflicts {
		ref(c.Kept)
		ref(c.Dropped)
	}
	for _, f := range g.findings {
		ref(f.Entry)
	}
	entryRef := func(x *Entry) {
		if x == nil {
			e.int(-1)
		} else {
			e.int(int64(index[x]))
		}
	}
	e.str(g.From)
	e.str(g.To)
	e.uint(uint64(len(all)))
	for _, x := range all {
		e.str(x.ID)
		e.strs(x.Sources)
		e.strs(x.Forms)
		e.str(x.Target)
		e.strs(x.TargetForms)
		e.strs(x.Forbidden)
		e.bool(x.CaseSensitive)
		e.bool(x.Stem)
		e.str(x.Note)
		e.str(x.POS)
		e.str(x.File)
		e.int(int64(x.Line))
		e.spill(false)
	}
	e.uint(uint64(len(g.Entries)))
	e.uint(uint64(len(g.Files)))
	for _, f := range g.Files {
		e.str(f.Path)
		e.str(f.SHA256)
		e.str(f.Format)
		e.int(int64(f.Entries))
		e.int(int64(f.Skipped))
	}
	e.uint(uint64(len(g.Conflicts)))
	for _, c := range g.Conflicts {
		e.str(c.Source)
		entryRef(c.Kept)
		entryRef(c.Dropped)
	}
	e.uint(uint64(len(g.findings)))
	for _, f := range g.findings {
		e.str(f.File)
		e.int(int64(f.Line))
		e.str(f.Rule)
		e.str(f.Message)
		entryRef(f.Entry)
		e.spill(false)
	}
	e.str(g.Fingerprint())
	// The matcher's part, whose offset the file's end gives, so that it
	// decodes beside the entries.
	matcherAt := e.offset()
	m := g.Matcher()
	for _, a := range []*automaton{m.src, m.forbidden} {
		e.bool(a.target)
		encodeWords(e, a.words.words)
		e.int32s(a.root)
		encodeMoves(e, a.moves)
		encodeWords(e, a.stemWords.words)
		e.int32s(a.rootStem)
		encodeMoves(e, a.stemMoves)
		e.int32s(a.first)
		e.int32s(a.more)
		e.uint(uint64(len(a.pats)))
		for _, p := range a.pats {
			entryRef(p.entry)
			e.bool(p.variant)
			e.bool(p.cs)
			e.bool(p.stem)
			e.bool(p.exact != nil)
			e.uint(uint64(len(p.exact)))
			for _, t := range p.exact {
				e.uint(uint64(t.kind))
				e.str(t.fold)
				e.str(t.exact)
				e.int(int64(t.start))
				e.int(int64(t.end))
				e.bool(t.isFirstUpper)
			}
			e.spill(false)
		}
		for _, id := range a.punct {
			e.int(int64(id))
		}
	}
	e.b = binary.LittleEndian.AppendUint64(e.b, uint64(matcherAt))
	e.spill(true)
	if e.err != nil {
		return e.err
	}
	_, err := w.Write(h.Sum(nil))
	return err
}

// castagnoli is the CRC-32C table: the checksum of a cache file, which
// only has to catch a file damaged on disk or cut short (the key names the
// glossary, and every index is checked as it is decoded), and which the
// CPU computes at several GB/s where SHA-256 cost 7% of a cached set-up.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// sumSize is the size of a cache file's checksum, at its end.
const sumSize = crc32.Size

// sumOf is the checksum of b as a cache file ends with it.
func sumOf(b []byte) [sumSize]byte {
	var sum [sumSize]byte
	binary.BigEndian.PutUint32(sum[:], crc32.Checksum(b, castagnoli))
	return sum
}

func encodeWords(e *encoder, words []tableWord) {
	e.uint(uint64(len(words)))
	for _, w := range words {
		e.str(w.word)
		e.int(int64(w.id))
		e.spill(false)
	}
}

func encodeMoves(e *encoder, t *moveTable) {
	e.uint(uint64(t.n))
	t.each(func(k uint64, v int32) {
		e.uint(k)
		e.int(int64(v))
		e.spill(false)
	})
}

// errCache is any problem with a cache file: it is then not used.
var errCache = errors.New("glossary: cache file not usable")

// decoder reads the cached form from s (the file as one string, so that
// every string decoded is a part of it and costs no allocation); the first
// problem sets err, after which every read returns zero values.
type decoder struct {
	s   string
	i   int
	err error
}

func (d *decoder) fail() { d.err = errCache; d.i = len(d.s) }

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.i >= len(d.s) {
			break
		}
		c := d.s[d.i]
		d.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.fail()
	return 0
}

func (d *decoder) int() int64 {
	u := d.uint()
	return int64(u>>1) ^ -int64(u&1)
}

// count reads a length that at most max elements can have, each taking at
// least one byte of what is left.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.s)-d.i) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) bool() bool { return d.uint() == 1 }

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

// int32s reads a list whose values are in [-1, limit).
func (d *decoder) int32s(limit int) []int32 {
	n := d.count()
	v := make([]int32, n)
	for i := range v {
		x := d.int()
		if x < -1 || x >= int64(limit) {
			d.fail()
			return nil
		}
		v[i] = int32(x)
	}
	return v
}

// decodeCache reads a cache file made by encodeCache for key.
func decodeCache(data []byte, key [32]byte, eager bool) (*Glossary, error) {
	if len(data) < len(cacheMagic)+1+32+8+sumSize || !bytes.HasPrefix(data, []byte(cacheMagic)) {
		return nil, errCache
	}
	body := data[:len(data)-sumSize]
	if sum := sumOf(body); !bytes.Equal(sum[:], data[len(body):]) {
		return nil, errCache
	}
	defer pauseGC()()
	body, matcherAt := body[:len(body)-8], binary.LittleEndian.Uint64(body[len(body)-8:])
	if matcherAt > uint64(len(body)) {
		return nil, errCache
	}
	// The strings decoded are parts of body, shared rather than copied: data
	// is the caller's file, never written after.
	d := &decoder{s: unsafe.String(unsafe.SliceData(body), len(body)), i: len(cacheMagic)}
	if d.uint() != cacheVersion || d.err != nil || len(d.s)-d.i < 32 || d.s[d.i:d.i+32] != string(key[:]) {
		return nil, errCache
	}
	d.i += 32
	g := &Glossary{From: d.str(), To: d.str()}
	all := make([]Entry, d.count())
	for i := range all {
		x := &all[i]
		x.ID = d.str()
		x.Sources, x.Forms = d.strs(), d.strs()
		x.Target = d.str()
		x.TargetForms, x.Forbidden = d.strs(), d.strs()
		x.CaseSensitive, x.Stem = d.bool(), d.bool()
		x.Note, x.POS, x.File = d.str(), d.str(), d.str()
		x.Line = int(d.int())
	}
	entry := func(d *decoder) *Entry {
		i := d.int()
		switch {
		case i == -1:
			return nil
		case i < 0 || i >= int64(len(all)):
			d.fail()
			return nil
		}
		return &all[i]
	}
	// The matcher, the file's last and largest part, is decoded apart from
	// the entries: beside them when eager, else when first asked for
	// (glossary lint and convert never need it). A part that does not
	// decode is built again from the entries, which are the same.
	file := d.s
	g.cached = sync.OnceValue(func() *Matcher {
		defer pauseGC()()
		d := &decoder{s: file, i: int(matcherAt)}
		m := &Matcher{}
		for _, a := range []**automaton{&m.src, &m.forbidden} {
			*a = decodeAutomaton(d, entry)
		}
		if d.err != nil || d.i != len(d.s) {
			return nil
		}
		return m
	})
	if eager {
		go g.cached()
	}
	live := d.count()
	if live > len(all) {
		d.fail()
		live = 0
	}
	g.Entries = make([]*Entry, live)
	for i := range g.Entries {
		g.Entries[i] = &all[i]
	}
	g.Files = make([]File, d.count())
	for i := range g.Files {
		f := &g.Files[i]
		f.Path, f.SHA256, f.Format = d.str(), d.str(), d.str()
		f.Entries, f.Skipped = int(d.int()), int(d.int())
	}
	if n := d.count(); n > 0 {
		g.Conflicts = make([]Conflict, n)
		for i := range g.Conflicts {
			c := &g.Conflicts[i]
			c.Source = d.str()
			c.Kept, c.Dropped = entry(d), entry(d)
			if d.err == nil && (c.Kept == nil || c.Dropped == nil) {
				d.fail()
			}
		}
	}
	if n := d.count(); n > 0 {
		g.findings = make([]LintFinding, n)
		for i := range g.findings {
			f := &g.findings[i]
			f.File = d.str()
			f.Line = int(d.int())
			f.Rule, f.Message = d.str(), d.str()
			f.Entry = entry(d)
		}
	}
	g.fingerprint = d.str()
	if d.err != nil || d.i != int(matcherAt) {
		return nil, errCache
	}
	return g, nil
}

// decodeAutomaton reads one automaton, checking that every state, pattern
// and token id it holds is in range and that no pattern list loops.
func decodeAutomaton(d *decoder, entry func(*decoder) *Entry) *automaton {
	a := &automaton{target: d.bool()}
	words := decodeWords(d)
	rootAt := d.i
	_ = d.int32s(1 << 31) // skipped for now: states are checked once their number is known
	nextAt := d.i
	skipMoves(d)
	stems := decodeWords(d)
	stemRootAt := d.i
	_ = d.int32s(1 << 31)
	stemNextAt := d.i
	skipMoves(d)
	firstAt := d.i
	_ = d.int32s(1 << 31)
	moreAt := d.i
	_ = d.int32s(1 << 31)
	a.pats = make([]pattern, d.count())
	for i := range a.pats {
		p := &a.pats[i]
		p.entry = entry(d)
		p.variant, p.cs, p.stem = d.bool(), d.bool(), d.bool()
		hasExact := d.bool()
		if n := d.count(); n > 0 || hasExact {
			p.exact = make([]termToken, n)
			for j := range p.exact {
				t := &p.exact[j]
				t.kind = uint8(d.uint())
				t.fold, t.exact = d.str(), d.str()
				t.start, t.end = int(d.int()), int(d.int())
				t.isFirstUpper = d.bool()
			}
		}
		if d.err == nil && p.entry == nil {
			d.fail()
		}
	}
	for c := range a.punct {
		if a.punct[c] = int32(d.int()); a.punct[c] < -1 {
			d.fail()
		}
	}
	if d.err != nil {
		return a
	}
	a.setWords(words, stems)
	end := d.i
	// The lists, now that the number of states (first) and of patterns is known.
	d.i = firstAt
	a.first = d.int32s(len(a.pats))
	states := len(a.first)
	d.i = rootAt
	a.root = d.int32s(states)
	d.i = nextAt
	a.moves = decodeMoves(d, states)
	d.i = stemRootAt
	a.rootStem = d.int32s(states)
	d.i = stemNextAt
	a.stemMoves = decodeMoves(d, states)
	d.i = moreAt
	a.more = d.int32s(len(a.pats))
	if d.err == nil && len(a.more) != len(a.pats) {
		d.fail()
	}
	// Each pattern is in one list: reached from first or from more once.
	seen := make([]bool, len(a.pats))
	for _, l := range [][]int32{a.first, a.more} {
		for _, pi := range l {
			if pi < 0 {
				continue
			}
			if seen[pi] {
				d.fail()
				return a
			}
			seen[pi] = true
		}
	}
	if states == 0 {
		d.fail()
	}
	d.i = max(d.i, end)
	return a
}

func decodeWords(d *decoder) []tableWord {
	words := make([]tableWord, d.count())
	for i := range words {
		w := &words[i]
		w.word = d.str()
		if id := d.int(); id >= 0 && id < 1<<31 {
			w.id = int32(id)
		} else {
			d.fail()
			return nil
		}
	}
	return words
}

// skipMoves steps over a list of moves that decodeMoves reads.
func skipMoves(d *decoder) {
	for range d.count() {
		d.uint()
		d.int()
	}
}

// decodeMoves reads the moves between states below states.
func decodeMoves(d *decoder, states int) *moveTable {
	n := d.count()
	return newMoveTable(n, func(add func(uint64, int32)) {
		for range n {
			k := d.uint()
			v := d.int()
			if from := k >> 32; v < 0 || v >= int64(states) || from == 0 || from >= uint64(states) {
				d.fail()
				return
			}
			add(k, int32(v))
		}
	})
}
