package glossary

import (
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Match is an occurrence of a glossary entry's source form in a text.
type Match struct {
	Start, End int // byte offsets into the original text (exact)
	Entry      *Entry
	Form       string // text[Start:End]
	Variant    bool   // a non-canonical spelling (Sources[1:]) was matched
}

// A Matcher finds the source forms of a glossary's entries in texts. It is
// built once per run and is safe for concurrent use.
type Matcher struct {
	src       *automaton // Sources and Forms of every entry
	forbidden *automaton // Forbidden forms of every entry
	perEntry  sync.Map   // entryKey -> *automaton of an entry's target or forbidden forms
}

// Kinds of forms of one entry that an automaton finds.
const (
	formsTarget    = iota // allowed target forms
	formsForbidden        // forbidden target forms
	formsSource           // source forms and variants
)

type entryKey struct {
	e     *Entry
	forms int
}

// entryAutomaton returns the cached automaton of one kind of e's forms.
func (m *Matcher) entryAutomaton(e *Entry, forms int) *automaton {
	k := entryKey{e, forms}
	if a, ok := m.perEntry.Load(k); ok {
		return a.(*automaton)
	}
	v, _ := m.perEntry.LoadOrStore(k, entryAutomaton(e, forms))
	return v.(*automaton)
}

// entryAutomaton builds the automaton of one kind of e's forms.
func entryAutomaton(e *Entry, forms int) *automaton {
	switch forms {
	case formsForbidden:
		return forbiddenOf(e)
	case formsSource:
		a := newAutomaton()
		a.addSources(e)
		a.finish()
		return a
	}
	return targetsOf(e)
}

// Matcher builds the matcher of g's entries: one automaton over the words of
// every source form (and one over the forbidden target forms), whatever the
// number of entries.
func (g *Glossary) Matcher() *Matcher {
	if g.matcher != nil {
		return g.matcher
	}
	if g.cached != nil {
		if m := g.cached(); m != nil {
			return m
		}
	}
	forms := 0
	for _, e := range g.Entries {
		forms += len(e.Sources) + len(e.Forms)
	}
	m := &Matcher{src: newAutomaton(), forbidden: newAutomaton()}
	m.src.reserve(forms)
	m.forbidden.target = true
	for _, e := range g.Entries {
		m.src.addSources(e)
		for _, f := range e.Forbidden {
			m.forbidden.add(f, pattern{entry: e, cs: e.CaseSensitive || isAcronym(f)})
		}
	}
	m.src.finish()
	m.forbidden.finish()
	return m
}

// Find returns the entries' source forms found in text: leftmost-longest,
// non-overlapping, in order.
func (m *Matcher) Find(text string) []Match {
	return m.src.find(text)
}

// FindForbiddenAll returns the forbidden target forms of any entry found in text.
func (m *Matcher) FindForbiddenAll(text string) []Match {
	return m.forbidden.find(text)
}

// FindForbidden returns the forbidden forms of e found in text.
func (m *Matcher) FindForbidden(text string, e *Entry) []Match {
	return m.entryAutomaton(e, formsForbidden).find(text)
}

// CountTarget returns how many times e's target, in any allowed form
// (see [Enforce]), occurs in text.
func (m *Matcher) CountTarget(text string, e *Entry) int {
	return len(m.entryAutomaton(e, formsTarget).find(text))
}

// pattern is one form of an entry as the automaton matches it.
type pattern struct {
	entry   *Entry
	variant bool
	cs      bool        // case matters: compare exact forms
	titled  bool        // an all-caps word that also matches in title case ("Otan" for "OTAN")
	exact   []termToken // tokens of the form, for case-sensitive comparison
	stem    bool        // words match through the stemmer (the stem trie)
}

// automaton is a trie over normalised tokens: one transition per token from
// a state, found by hashing the (state, token id) pair. Text is split into
// tokens, each looked up once in the vocabulary, and walked from each token
// position; the longest accepting path wins.
type automaton struct {
	target bool // matches in translations: any glued apostrophe is a boundary
	// vocab and stems give the ids of tokens while the automaton is built;
	// finish turns them into words and stemWords, which matching uses
	// (an automaton read from the set-up cache has only those).
	vocab    map[string]int32 // folded token -> id
	root     []int32          // root transitions by token id (-1: none)
	next     map[uint64]int32 // (state, token id) -> state, below the root, until finish
	stems    map[string]int32 // stem (or punctuation) -> id, for the stem trie
	rootStem []int32          // root transitions of the stem trie
	nextStem map[uint64]int32 // (state, stem id) -> state, below the root, until finish
	// moves and stemMoves are next and nextStem as the tables that
	// matching follows.
	moves, stemMoves *moveTable
	// first is the first pattern accepted at each state (-1: none), and
	// more the pattern after each one at the same state: flat lists, with no
	// slice per state, ordered case-sensitive first by finish.
	first, more []int32
	last        []int32 // the last pattern of each state's list, until finish
	pats        []pattern
	punct       [utf8.RuneSelf]int32 // ids of ASCII punctuation tokens (-1: none)
	// words and stemWords are vocab and stems as tables that hash a word
	// once.
	words, stemWords *wordTable
	aposID, aposStem int32 // ids of the apostrophe in words and stemWords (-1: none)
}

func newAutomaton() *automaton {
	return &automaton{
		vocab:    make(map[string]int32),
		next:     make(map[uint64]int32),
		stems:    make(map[string]int32),
		nextStem: make(map[uint64]int32),
		first:    []int32{-1},
		last:     []int32{-1},
	}
}

// reserve makes room for about n patterns of a word or two, so that the
// tables do not regrow (and rehash) pattern by pattern.
func (a *automaton) reserve(n int) {
	if n < 1024 {
		return
	}
	a.vocab = make(map[string]int32, n)
	a.next = make(map[uint64]int32, n)
	a.first = slices.Grow(a.first, 2*n)
	a.last = slices.Grow(a.last, 2*n)
	a.pats = slices.Grow(a.pats, n)
	a.more = slices.Grow(a.more, n)
}

func (a *automaton) addSources(e *Entry) {
	for i, s := range e.Sources {
		a.add(s, sourcePattern(e, s, i > 0))
	}
	for _, s := range e.Forms {
		a.add(s, sourcePattern(e, s, false))
	}
}

// sourcePattern is the pattern of the source form s of e. An acronym is
// matched with its case; a one-word acronym of three letters or more written
// in capitals ("OTAN", "ONU", "UNESCO") also matches in title case, as the
// French press writes acronyms read as words ("l’Otan", "Onu", "Unesco"),
// unless that word is a French word ("Son", "Est": see [frenchWord]). The
// lowercase word never matches such an entry.
func sourcePattern(e *Entry, s string, variant bool) pattern {
	p := pattern{entry: e, variant: variant, cs: e.CaseSensitive || isAcronym(s), stem: e.Stem}
	if !e.CaseSensitive && !e.Stem && isCapsWord(s) {
		p.cs, p.titled = true, true
	}
	return p
}

// add inserts the form s of a pattern. A stemmed pattern goes into the stem
// trie, where every word is replaced by its stem.
func (a *automaton) add(s string, p pattern) {
	if !p.cs && !p.stem {
		a.addFolded(s, p)
		return
	}
	toks := tokenize(s)
	if len(toks) == 0 {
		return
	}
	if p.cs {
		p.exact = toks
	}
	state := int32(0)
	for _, t := range toks {
		if p.stem {
			state = a.edge(&a.rootStem, a.nextStem, state, intern(a.stems, stemToken(t.kind, t.fold)))
		} else {
			state = a.edge(&a.root, a.next, state, intern(a.vocab, t.fold))
		}
	}
	a.accept(state, p)
}

// addFolded inserts a pattern matched on folded words only, the common
// case: its tokens are folded into one buffer and interned, with no token
// list made and no string allocated for a word already in the vocabulary.
func (a *automaton) addFolded(s string, p pattern) {
	var buf [64]byte
	state, n := int32(0), 0
	for i := 0; ; n++ {
		kind, start, end, flags := nextToken(s, i)
		if kind == 0 {
			break
		}
		i = end
		key := appendToken(buf[:0], s[start:end], kind, flags, false)
		id, ok := a.vocab[string(key)]
		if !ok {
			id = int32(len(a.vocab))
			a.vocab[string(key)] = id
		}
		state = a.edge(&a.root, a.next, state, id)
	}
	if n == 0 {
		return
	}
	a.accept(state, p)
}

// stemToken is the key of a token in the stem trie: the stem of a word, the
// folded form of punctuation.
func stemToken(kind uint8, fold string) string {
	if kind == tokWord {
		return stem(fold)
	}
	return fold
}

func intern(m map[string]int32, s string) int32 {
	id, ok := m[s]
	if !ok {
		id = int32(len(m))
		m[s] = id
	}
	return id
}

// edge returns the state reached from state on token id, making it if needed.
func (a *automaton) edge(root *[]int32, next map[uint64]int32, state, id int32) int32 {
	if state == 0 {
		for int(id) >= len(*root) {
			*root = append(*root, -1)
		}
		if s := (*root)[id]; s >= 0 {
			return s
		}
		s := a.newState()
		(*root)[id] = s
		return s
	}
	key := uint64(state)<<32 | uint64(id)
	if s, ok := next[key]; ok {
		return s
	}
	s := a.newState()
	next[key] = s
	return s
}

func (a *automaton) newState() int32 {
	a.first = append(a.first, -1)
	a.last = append(a.last, -1)
	return int32(len(a.first) - 1)
}

// accept adds pattern p as accepted at state, after those already there.
func (a *automaton) accept(state int32, p pattern) {
	a.pats = append(a.pats, p)
	a.more = append(a.more, -1)
	pi := int32(len(a.pats) - 1)
	if last := a.last[state]; last >= 0 {
		a.more[last] = pi
	} else {
		a.first[state] = pi
	}
	a.last[state] = pi
}

// finish orders each state's patterns: case-sensitive ones first, so that
// "US" (an acronym) wins over "us" where the text has capitals.
func (a *automaton) finish() {
	var ps []int32
	for state, pi := range a.first {
		if pi < 0 || a.more[pi] < 0 {
			continue // one pattern or none: in order
		}
		ps = ps[:0]
		for ; pi >= 0; pi = a.more[pi] {
			ps = append(ps, pi)
		}
		slices.SortStableFunc(ps, func(x, y int32) int {
			switch cx, cy := a.pats[x].cs, a.pats[y].cs; {
			case cx && !cy:
				return -1
			case cy && !cx:
				return 1
			}
			return 0
		})
		a.first[state] = ps[0]
		for k, pi := range ps {
			a.more[pi] = -1
			if k > 0 {
				a.more[ps[k-1]] = pi
			}
		}
	}
	a.last = nil
	a.setWords(tableWords(a.vocab), tableWords(a.stems))
	a.moves, a.stemMoves = movesOf(a.next), movesOf(a.nextStem)
	a.vocab, a.stems, a.next, a.nextStem = nil, nil, nil, nil
	for c := range a.punct {
		a.punct[c] = -1
		if asciiClass[c] == clsPunct {
			a.punct[c] = a.words.lookup(string(rune(c)))
		}
	}
	a.root = slices.Clip(a.root)
	a.first = slices.Clip(a.first)
	a.more = slices.Clip(a.more)
	a.pats = slices.Clip(a.pats)
}

// movesOf is the table of the moves of m.
func movesOf(m map[uint64]int32) *moveTable {
	return newMoveTable(len(m), func(add func(uint64, int32)) {
		for k, v := range m {
			add(k, v)
		}
	})
}

// setWords makes the tables that matching looks words and stems up in.
func (a *automaton) setWords(words, stems []tableWord) {
	a.words, a.stemWords = newWordTable(words), newWordTable(stems)
	a.aposID, a.aposStem = a.words.lookup("'"), a.stemWords.lookup("'")
}

// textToken is a token of the text being searched.
type textToken struct {
	start, end int32
	id, stem   int32 // vocabulary and stem ids, -1 when absent
	kind       uint8
}

var tokenPool = sync.Pool{New: func() any { s := make([]textToken, 0, chunkTokens+16); return &s }}

// chunkTokens is how many tokens find reads ahead: a long text is split and
// looked up a chunk at a time, so that its tokens stay in the cache between
// being made and being matched instead of filling a buffer of the whole text
// (20 bytes a token, 1.8 MB for a 440 KB text).
// (A variable so that tests can cut texts at every token.)
var chunkTokens = 2048

// maxPooledTokens bounds the token buffers the pool keeps: one grown for an
// unusually long term is dropped.
const maxPooledTokens = 1 << 16

// tokens splits text from byte i on, which starts a token or is the end of
// one, and looks each token up in the vocabularies, appending to toks until
// it holds limit tokens. It returns where to go on, and whether it reached
// the end of text.
func (a *automaton) tokens(text string, i int, toks []textToken, limit int) (_ []textToken, next int, done bool) {
	var buf, stemBuf [64]byte
	withStems := len(a.stemWords.words) > 0
	for len(toks) < limit {
		kind, start, end := tokenStart(text, i)
		if kind == 0 {
			return toks, i, true
		}
		t := textToken{start: int32(start), id: -1, stem: -1, kind: kind}
		switch kind {
		case tokWord:
			var key []byte
			end, key = scanFold(text, start, &buf)
			t.id = a.words.find(key, wordHash(key))
			if withStems {
				t.stem = a.stemID(key, stemBuf[:0])
			}
		case tokApos:
			t.id, t.stem = a.aposID, a.aposStem
		case tokPunct: // one character, compared as written
			ascii := text[start] < utf8.RuneSelf
			if ascii {
				t.id = a.punct[text[start]]
			}
			if !ascii || withStems {
				key := append(buf[:0], text[start:end]...)
				h := wordHash(key)
				if !ascii {
					t.id = a.words.find(key, h)
				}
				if withStems {
					t.stem = a.stemWords.find(key, h)
				}
			}
		}
		t.end = int32(end)
		i = end
		toks = append(toks, t)
	}
	return toks, i, false
}

// stemID returns the id of the stem of folded word w, or -1; buf is scratch space.
func (a *automaton) stemID(w, buf []byte) int32 {
	keep, add := stemCut(w)
	key := w[:keep]
	if add != "" {
		key = append(append(buf, key...), add...)
	}
	return a.stemWords.find(key, wordHash(key))
}

// step follows a transition; -1 when there is none.
func step(root []int32, next *moveTable, state, id int32) int32 {
	if id < 0 {
		return -1
	}
	if state == 0 {
		if int(id) < len(root) {
			return root[id]
		}
		return -1
	}
	return next.move(uint64(state)<<32 | uint64(id))
}

// find returns the leftmost-longest non-overlapping matches in text.
func (a *automaton) find(text string) []Match {
	if len(a.pats) == 0 {
		return nil
	}
	tp := tokenPool.Get().(*[]textToken)
	toks, next, done := a.tokens(text, 0, (*tp)[:0], chunkTokens)
	var out []Match
	for i := 0; ; {
		if i == len(toks) {
			if done {
				break
			}
			toks, i, next, done = a.readMore(text, toks, i, next)
			continue
		}
		if toks[i].id < 0 && toks[i].stem < 0 {
			i++
			continue
		}
		end, pat, short := a.walk(text, toks, i, false)
		if toks[i].stem >= 0 {
			e, p, s := a.walk(text, toks, i, true)
			if e > end {
				end, pat = e, p
			}
			short = short || s
		}
		if short && !done {
			// a longer match may end in the tokens not yet read
			toks, i, next, done = a.readMore(text, toks, i, next)
			continue
		}
		if end < 0 || !a.startAllowed(text, toks, i) {
			i++
			continue
		}
		start, stop := int(toks[i].start), int(toks[end-1].end)
		p := &a.pats[pat]
		out = append(out, Match{Start: start, End: stop, Entry: p.entry, Form: text[start:stop], Variant: p.variant})
		i = end
	}
	if cap(toks) <= maxPooledTokens {
		*tp = toks[:0]
		tokenPool.Put(tp)
	}
	return out
}

// readMore reads the next chunk of tokens of text from byte next on, keeping
// from token i on and the two before it (what startAllowed looks at), and
// returns the tokens and where token i now is.
func (a *automaton) readMore(text string, toks []textToken, i, next int) (_ []textToken, at, _ int, done bool) {
	keep := max(0, i-2)
	n := copy(toks, toks[keep:])
	toks, next, done = a.tokens(text, next, toks[:n], n+chunkTokens)
	return toks, i - keep, next, done
}

// walk follows the exact trie (or the stem trie) from token i and returns the
// end of the longest accepted match and its pattern, or -1; short reports
// that it reached the last token with the walk still going.
func (a *automaton) walk(text string, toks []textToken, i int, stems bool) (end int, pat int32, short bool) {
	root, next := a.root, a.moves
	if stems {
		root, next = a.rootStem, a.stemMoves
	}
	end, pat = -1, -1
	state := int32(0)
	for j := i; j < len(toks); j++ {
		id := toks[j].id
		if stems {
			id = toks[j].stem
		}
		if state = step(root, next, state, id); state < 0 {
			return end, pat, false
		}
		if p := a.accepted(text, toks[i:j+1], state); p >= 0 {
			end, pat = j+1, p
		}
	}
	return end, pat, true
}

// accepted returns the first pattern accepted at state whose case fits the
// matched tokens, or -1.
func (a *automaton) accepted(text string, toks []textToken, state int32) int32 {
	for pi := a.first[state]; pi >= 0; pi = a.more[pi] {
		p := &a.pats[pi]
		if !p.cs || sameCase(text, toks, p) {
			return pi
		}
	}
	return -1
}

// sameCase compares the matched tokens with a case-sensitive pattern's exact
// forms. A stemmed word compares the case of its first letter only.
func sameCase(text string, toks []textToken, p *pattern) bool {
	if len(toks) != len(p.exact) {
		return false
	}
	var buf [64]byte
	for k, t := range toks {
		want := &p.exact[k]
		if want.kind != tokWord {
			continue
		}
		w := text[t.start:t.end]
		if p.stem {
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(r) != want.isFirstUpper {
				return false
			}
			continue
		}
		if got := string(appendExact(buf[:0], w)); got != want.exact && !(p.titled && titleOf(want.exact) == got && !frenchWord(got)) {
			return false
		}
	}
	return true
}

// startAllowed applies the word boundary rule to an apostrophe glued before
// the match. In source text, a French elision (l’, d’, qu’, jusqu’…) is a
// boundary and any other word glued to an apostrophe ("O’Neill",
// "aujourd’hui") is not. In a translation every such apostrophe is a
// boundary: machine translation leaves elisions, translated or not, glued to
// the term ("d’Azerbaijan", "the’Armenia"), and the term is there all the same.
func (a *automaton) startAllowed(text string, toks []textToken, i int) bool {
	if i < 2 || a.target {
		return true
	}
	ap, w := toks[i-1], toks[i-2]
	if ap.kind != tokApos || ap.end != toks[i].start || w.kind != tokWord || w.end != ap.start {
		return true
	}
	return isElision(text[w.start:w.end])
}

// targetsOf builds the automaton of e's allowed target forms: Target and
// TargetForms, their English plurals (-s, -es, -y → -ies) and, through the
// apostrophe rule, possessives ("Pashinyan's").
func targetsOf(e *Entry) *automaton {
	a := newAutomaton()
	a.target = true
	for _, f := range allowedTargets(e) {
		a.add(f, pattern{entry: e, cs: e.CaseSensitive || isAcronym(f)})
	}
	a.finish()
	return a
}

// allowedTargets lists e's target and target forms with their English plurals.
func allowedTargets(e *Entry) []string {
	var out []string
	for _, f := range slices.Concat([]string{e.Target}, e.TargetForms) {
		out = append(out, f)
		if f == "" || isAcronym(f) {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(f)
		if !unicode.IsLetter(last) {
			continue
		}
		out = append(out, f+"s", f+"es")
		if n := len(f); n > 2 && f[n-1] == 'y' && !isVowel(f[n-2]) {
			out = append(out, f[:n-1]+"ies")
		}
	}
	return out
}

func isVowel(c byte) bool {
	switch c | 0x20 {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// forbiddenOf builds the automaton of e's forbidden forms.
func forbiddenOf(e *Entry) *automaton {
	a := newAutomaton()
	a.target = true
	for _, f := range e.Forbidden {
		a.add(f, pattern{entry: e, cs: e.CaseSensitive || isAcronym(f)})
	}
	a.finish()
	return a
}
