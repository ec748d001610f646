package tm

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/diglot/diglot/article"
)

// DefaultPath is where diglot keeps the memory when --tm is not given,
// relative to the working directory.
const DefaultPath = ".diglot/tm.db"

// Key says which machine translations are interchangeable: same backend and
// settings (model, formality…: the caller passes a canonical string), same
// language pair, same glossary entries. Glossary is the fingerprint of the
// entries the source matched (glossary.Glossary.TermsFingerprint, "" when
// it matched none); memories written before diglot keyed on the entries a
// source matched hold the whole glossary's fingerprint there
// (glossary.Glossary.Fingerprint).
type Key struct {
	Backend, Settings, From, To, Glossary string
}

// Hit is a translation found in the memory.
type Hit struct {
	Target   string // the translation to use (approved if there is one, else machine)
	MT       string // the raw machine output stored with it (before term repair)
	Approved bool   // an editor's translation
	Machine  string // when Approved: the machine translation it replaces (under the key if any), if known
	// Unknown are the words the backend did not know in the machine
	// translation (under the key), as [translate.Result.Unknown] gave them.
	Unknown []string
	// State and Notes are, when Approved, the state the editor gave the
	// translation ([StateTranslated], [StateReviewed], [StateFinal]; ""
	// when unknown) and the notes kept with it (a "diglot-ignore" note
	// silences findings on the segment).
	State string
	Notes []string
	// Sentences are set when the paragraph has no approved translation of
	// its own but some of its sentences have: every sentence of the
	// source, with its approved translation where there is one (see
	// [Memory.Lookup]).
	Sentences []Sentence
}

// Entry is a translation to store.
type Entry struct {
	Source, Target, MT string
	Path, SegmentID    string // where it came from, for export and reports
	// Unknown are the words the backend did not know (machine entries).
	Unknown []string
	// SHA256 is the SHA-256 of the source file the segment was read from
	// (bitext Source.SHA256), if known: [Memory.Import] refuses an XLIFF
	// file of the same path whose checksum the memory never saw.
	SHA256 string
	// Machine is, for [Memory.Approve], the machine translation the editor
	// replaced; when empty, the memory's own machine translation of the
	// source (for the pair) is recorded.
	Machine string
	// State and Notes are, for [Memory.Approve], the editor's state of the
	// translation ([StateTranslated], [StateReviewed] or [StateFinal]; see
	// [State]) and the notes on it. Approving the same target with another
	// state or other notes changes the approved translation.
	State string
	Notes []string
}

// Memory is a translation memory, in an SQLite file or a PostgreSQL
// database: one portable type over the two drivers. Its methods are safe for
// concurrent use, and several processes may use the same memory.
type Memory struct {
	d        driver
	location string // the file, or the PostgreSQL URL without a password
	now      func() time.Time
	closed   chan struct{} // closed by Close: claims stop being renewed
	once     sync.Once
}

// driver is what a storage engine provides [Memory]. Languages reach it
// normalised ([lang]); sources reach it as given, hashed with [sourceHash].
type driver interface {
	// lookup returns the machine rows under k and the approved rows of
	// k's pair whose source hash is one of hashes, in one round trip.
	lookup(ctx context.Context, k Key, hashes [][]byte) ([]lookupRow, error)
	// glossaries returns the glossary column of the machine rows under k's
	// backend, settings and pair, whatever their glossary, whose source
	// hash is one of hashes, in one round trip.
	glossaries(ctx context.Context, k Key, hashes [][]byte) ([]glossaryRow, error)
	// put stores machine translations in one transaction.
	put(ctx context.Context, k Key, entries []Entry, now int64) error
	// approve stores approved translations in one transaction, recording
	// each new or changed one in the history, and returns how many were.
	approve(ctx context.Context, from, to string, entries []Entry, now int64) (int, error)
	// stats fills the counts, schema and size of s.
	stats(ctx context.Context, s *Stats) (updated int64, err error)
	// export calls row for the approved rows (unless opt.MachineOnly) then
	// the machine rows (unless opt.ApprovedOnly), each in the order stored,
	// all read as of one moment.
	export(ctx context.Context, opt ExportOptions, row func(*exportRow) error) error
	// paragraphs calls row for each machine row of the pair whose source
	// holds the first word of one of probes (at most probeBatch lists;
	// the caller checks the others), in one query.
	paragraphs(ctx context.Context, from, to string, probes [][]string, row func(source, target string) error) error
	// recall returns what the memory holds for each of sources (see
	// [Memory.recall]).
	recall(ctx context.Context, from, to string, sources []string) (map[string]*held, error)
	// dump calls put for every row of every table, as of one moment:
	// machine, approved, history and occurrence rows, each table in the
	// order stored.
	dump(ctx context.Context, put func(*record) error) error
	// load runs fill in one write transaction, storing each record it is
	// given (see [Copy] for how a record meets an existing row).
	load(ctx context.Context, fill func(put func(*record) error) error) error
	// claim takes the claims on keys (sorted, distinct) that are free or
	// lapsed, for leaseMS milliseconds, and returns the keys owner now
	// holds; renew extends owner's claims by leaseMS from now; release
	// drops them (see [Memory.Claim]).
	claim(ctx context.Context, owner string, keys [][]byte, leaseMS int64) ([][]byte, error)
	renew(ctx context.Context, owner string, leaseMS int64) error
	release(ctx context.Context, owner string) error
	close() error
}

// lookupRow is a row of a driver's lookup.
type lookupRow struct {
	approved            bool
	hash                []byte
	target, mt, machine string
	unknown             string // machine rows: joinWords of the unknown words
	state, note         string // approved rows: the editor's state and joinNotes of the notes
}

// glossaryRow is a row of a driver's glossaries.
type glossaryRow struct {
	hash     []byte
	glossary string
}

// exportRow is a unit of [Memory.Export]: the props in the order of
// exportProps.
type exportRow struct {
	from, to, source, target, path, segmentID string
	props                                     [6]string
	created, updated                          int64  // Unix seconds
	note                                      string // joinNotes of the notes
}

// Open opens the memory at location, creating it if needed and bringing an
// older schema up to date; it fails on a memory written by a newer diglot.
//
// A location that begins with postgres:// or postgresql:// is a PostgreSQL
// database (see [ParseLocation]: a password in it is refused); anything
// else is the path of an SQLite file, created with its folder if needed.
func Open(location string) (*Memory, error) {
	if IsPostgres(location) {
		loc, err := ParseLocation(location)
		if err != nil {
			return nil, err
		}
		d, err := openPostgres(context.Background(), loc)
		if err != nil {
			return nil, fmt.Errorf("tm: open %s: %w", loc, err)
		}
		return newMemory(d, loc.String()), nil
	}
	d, err := openSQLite(location)
	if err != nil {
		return nil, err
	}
	return newMemory(d, location), nil
}

func newMemory(d driver, location string) *Memory {
	return &Memory{d: d, location: location, now: time.Now, closed: make(chan struct{})}
}

// Path returns where the memory lives: the SQLite file, or the PostgreSQL
// URL (which never holds a password).
func (m *Memory) Path() string { return m.location }

// Close closes the memory; closing it again does nothing. Its claims are
// no longer renewed, and lapse.
func (m *Memory) Close() error {
	var err error
	m.once.Do(func() {
		close(m.closed)
		err = m.d.close()
	})
	return err
}

// normKey returns k with its languages normalised.
func normKey(k Key) Key {
	k.From, k.To = lang(k.From), lang(k.To)
	return k
}

// Lookup returns one [Hit] per source, found[i] false when the memory has no
// translation of sources[i]. An approved translation of the same normalised
// source and language pair takes precedence over machine ones, whatever the
// backend, settings or glossary of k; otherwise the machine translation made
// under exactly k is used. The whole batch is one query.
//
// A paragraph without an approved translation of its own whose sentences
// ([article.Sentences]) have some is helped by them: when every sentence
// has one, the hit is approved and put together from them; when some have
// and the machine translation under k splits into as many sentences as the
// source, the hit is that translation with the approved sentences in
// place of the machine's; otherwise found is false, and the hit's
// Sentences say which sentences need not be sent. In the two last cases
// the hit's Sentences are set (see [Hit]).
func (m *Memory) Lookup(ctx context.Context, k Key, sources []string) (hits []Hit, found []bool, err error) {
	hits, found = make([]Hit, len(sources)), make([]bool, len(sources))
	if len(sources) == 0 {
		return hits, found, nil
	}
	index := make(map[string][]int, len(sources))
	var hashes [][]byte
	seen := map[string]bool{}
	add := func(h []byte) {
		if !seen[string(h)] {
			seen[string(h)] = true
			hashes = append(hashes, h)
		}
	}
	type split struct {
		spans  []article.Span
		hashes [][]byte
	}
	splits := map[string]split{}
	for i, s := range sources {
		h := sourceHash(s)
		add(h)
		if _, dup := index[string(h)]; !dup {
			spans, shs := sentenceHashes(s)
			for _, sh := range shs {
				add(sh)
			}
			splits[string(h)] = split{spans, shs}
		}
		index[string(h)] = append(index[string(h)], i)
	}
	rows, err := m.d.lookup(ctx, normKey(k), hashes)
	if err != nil {
		return nil, nil, fmt.Errorf("tm: lookup: %w", err)
	}
	machine, approved := map[string]lookupRow{}, map[string]lookupRow{}
	for _, r := range rows {
		if r.approved {
			approved[string(r.hash)] = r
		} else {
			machine[string(r.hash)] = r
		}
	}
	for h, is := range index {
		var hit Hit
		mt, hasMT := machine[h]
		a, isApproved := approved[h]
		sp := splits[h]
		switch {
		case isApproved:
			hit = Hit{Target: a.target, MT: a.mt, Approved: true, Machine: a.machine, State: a.state, Notes: splitNotes(a.note)}
			// What the approved translation replaces is, where this key
			// made one, its own machine translation; else the one it was
			// approved over.
			if hasMT {
				hit.Machine, hit.MT, hit.Unknown = mt.target, mt.mt, splitWords(mt.unknown)
			}
		case sp.spans != nil && slices.ContainsFunc(sp.hashes, func(sh []byte) bool { _, ok := approved[string(sh)]; return ok }):
			// Sentence offsets are each source's own (sources of one hash
			// may differ in white space).
			for _, i := range is {
				spans, shs := sentenceHashes(sources[i])
				hits[i], found[i] = fromSentences(sources[i], spans, shs, approved, mt, hasMT)
			}
			continue
		case hasMT:
			hit = Hit{Target: mt.target, MT: mt.mt, Unknown: splitWords(mt.unknown)}
		default:
			continue
		}
		for _, i := range is {
			hits[i], found[i] = hit, true
		}
	}
	return hits, found, nil
}

// Glossaries returns, for each of sources, the glossary fingerprints
// ([Key].Glossary) under which the memory holds a machine translation of
// it made with k's backend and settings for k's pair, sorted, nil for
// none; k.Glossary is not used. A source that Lookup misses under k but
// that has fingerprints here was translated before with other glossary
// entries: the caller can say that a glossary change is why it is sent
// again. The whole batch is one query.
func (m *Memory) Glossaries(ctx context.Context, k Key, sources []string) ([][]string, error) {
	out := make([][]string, len(sources))
	if len(sources) == 0 {
		return out, nil
	}
	index, hashes := hashIndex(sources)
	rows, err := m.d.glossaries(ctx, normKey(k), hashes)
	if err != nil {
		return nil, fmt.Errorf("tm: glossaries: %w", err)
	}
	byHash := map[string][]string{}
	for _, r := range rows {
		byHash[string(r.hash)] = append(byHash[string(r.hash)], r.glossary)
	}
	for h, is := range index {
		gs := byHash[h]
		slices.Sort(gs)
		gs = slices.Compact(gs)
		for _, i := range is {
			out[i] = slices.Clone(gs)
		}
	}
	return out, nil
}

// Put stores machine translations made under k, in one transaction:
// either all of entries are stored or none. An entry replaces the one with
// the same key and normalised source; of several entries with the same
// source in one call, the last counts.
func (m *Memory) Put(ctx context.Context, k Key, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	if err := m.d.put(ctx, normKey(k), entries, m.now().Unix()); err != nil {
		return fmt.Errorf("tm: put: %w", err)
	}
	return nil
}

// Approve stores editors' translations for the pair from, to in one
// transaction and returns how many were new or changed. An approved
// translation is used for its source whatever the backend; it replaces an
// earlier approved one, and both stay in the memory's history: of two
// editors approving the same source, the later wins.
func (m *Memory) Approve(ctx context.Context, from, to string, entries []Entry) (int, error) {
	n, err := m.d.approve(ctx, lang(from), lang(to), entries, m.now().Unix())
	if err != nil {
		return 0, fmt.Errorf("tm: approve: %w", err)
	}
	return n, nil
}

// joinWords stores a list of words in one column, one a line (a word never
// holds a line break; one that did would lose it).
func joinWords(words []string) string {
	clean := make([]string, 0, len(words))
	for _, w := range words {
		if w = strings.Join(strings.Fields(w), " "); w != "" {
			clean = append(clean, w)
		}
	}
	return strings.Join(clean, "\n")
}

// splitWords undoes joinWords; nil for none.
func splitWords(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// joinNotes stores notes in one column, one a line: the white space of
// each, line breaks included, folded to single spaces.
func joinNotes(notes []string) string { return joinWords(notes) }

// splitNotes undoes joinNotes; nil for none.
func splitNotes(s string) []string { return splitWords(s) }

// machineFor picks what an approval records as the machine translation it
// replaced: the caller's, else the memory's latest (target, raw).
func machineFor(e Entry, target, raw string) (machine, mt string) {
	return cmp.Or(e.Machine, target), cmp.Or(e.MT, raw)
}

// hashIndex gives, for each distinct source hash, the indexes of sources
// that have it, and the distinct hashes in the order they first occur.
func hashIndex(sources []string) (map[string][]int, [][]byte) {
	index := make(map[string][]int, len(sources))
	var hashes [][]byte
	for i, s := range sources {
		h := sourceHash(s)
		if _, dup := index[string(h)]; !dup {
			hashes = append(hashes, h)
		}
		index[string(h)] = append(index[string(h)], i)
	}
	return index, hashes
}
