package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate"
)

// ErrStopped is returned for an article left unfinished because the run was
// asked to stop ([Pipeline.Stop]). What was translated is in the memory.
var ErrStopped = errors.New("stopped before the article was complete")

// Memory is what the pipeline needs of a translation memory: look a batch of
// sources up under a key, store finished paragraphs, and say under which
// glossary fingerprints a batch of sources was translated with the same
// backend, settings and pair ([tm.Memory.Glossaries]), so that a run can say
// how many paragraphs a glossary change sends again. *tm.Memory satisfies
// it.
type Memory interface {
	Lookup(ctx context.Context, k tm.Key, sources []string) ([]tm.Hit, []bool, error)
	Put(ctx context.Context, k tm.Key, entries []tm.Entry) error
	Glossaries(ctx context.Context, k tm.Key, sources []string) ([][]string, error)
}

var _ Memory = (*tm.Memory)(nil)

// Config is what a [Pipeline] is made from. [New] checks it once.
type Config struct {
	Backend     translate.Backend
	BackendName string
	// Settings is a canonical form of the backend's options (model, formality…):
	// translations made with other settings are not reused.
	Settings string
	From, To string
	// Glossary may be nil: no terms are applied.
	Glossary *glossary.Glossary
	// Terms is how terms are applied with a backend that cannot protect a
	// span itself ("" is [Protect]). A strategy other than Protect belongs in
	// Settings ([Strategy.Setting]): it changes the translations.
	Terms Strategy
	// Memory may be nil: every paragraph goes to the backend.
	Memory Memory
	// DryRun consults the memory but sends nothing: Document returns a nil
	// document and Stats saying what would be sent.
	DryRun bool
	// InFlight and CharsPerMinute override the backend's limits when > 0.
	InFlight       int
	CharsPerMinute int
	// Sleep, if set, replaces the waits between retries (tests make them
	// instant); the retry policy is the backend's ([translate.Retrier]).
	Sleep func(ctx context.Context, d time.Duration) error
	// Stop, when closed, stops new requests; requests in flight finish (or
	// end with the caller's context) and their paragraphs are kept.
	Stop <-chan struct{}
	// OnBatch, if set, is called after each backend request with the totals so far.
	OnBatch func(Totals)
	// ClaimWait bounds how long a paragraph that another worker sharing
	// the memory is sending is waited for ([Claimer]); 0 is
	// DefaultClaimWait.
	ClaimWait time.Duration
}

// Pipeline turns articles into aligned documents: it matches glossary terms,
// looks paragraphs up in the translation memory, protects the terms, sends
// the rest to the backend in batches within its limits, retrying with the
// backend's policy, then verifies and repairs the terms in what comes back
// and stores it in the memory. A term whose placeholder the backend lost is a
// term-missing issue on its segment, never a placeholder in the text.
//
// A Pipeline is safe for concurrent use by several goroutines, one article
// each; requests to the backend are bounded by InFlight (default: the
// backend's Limits().InFlight) and paced by CharsPerMinute across all of them
// (see [Sender]).
type Pipeline struct {
	Config

	matcher *glossary.Matcher
	checker *check.SegmentChecker
	// key is the memory's key but for its glossary part, which is each
	// paragraph's own (pending.terms); legacy is the whole glossary's
	// fingerprint, under which diglot stored paragraphs before it keyed
	// them on their terms (see recall), and claims are taken.
	key    tm.Key
	legacy string
	limits translate.Limits
	send   *Sender
	totals counters
	native native
}

// New checks cfg and makes the pipeline it describes.
func New(cfg Config) (*Pipeline, error) {
	switch {
	case cfg.Backend == nil:
		return nil, errors.New("pipeline: no backend")
	case cfg.BackendName == "":
		return nil, errors.New("pipeline: the backend has no name")
	case cfg.From == "" || cfg.To == "":
		return nil, errors.New("pipeline: no language pair")
	case cfg.InFlight < 0 || cfg.CharsPerMinute < 0:
		return nil, errors.New("pipeline: negative limits")
	}
	terms, err := ParseStrategy(string(cfg.Terms))
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	cfg.Terms = terms
	p := &Pipeline{Config: cfg}
	p.setupNative() // glossary.go
	if p.checker, err = check.NewSegmentChecker(check.Options{Glossary: cfg.Glossary}); err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	p.key = tm.Key{Backend: p.BackendName, Settings: p.Settings, From: p.From, To: p.To}
	if p.Glossary != nil {
		p.matcher = p.Glossary.Matcher()
		p.legacy = p.Glossary.Fingerprint()
	}
	p.send = NewSender(p.Backend, SendOptions{InFlight: p.InFlight, CharsPerMinute: p.CharsPerMinute, Sleep: p.Sleep})
	p.limits = p.send.Limits()
	return p, nil
}

// Totals are a run's running counts across all articles.
type Totals struct {
	Requests   int // backend calls, each attempt counted
	Chars      int // characters of the requests the backend accepted
	Retries    int // backend calls that were retries
	MemoryHits int // paragraphs taken from the memory
	Segments   int // paragraphs finished
	// GlossaryChanged counts the paragraphs to translate that the memory
	// held under other glossary entries (see [Stats.GlossaryChanged]).
	GlossaryChanged int
}

type counters struct {
	hits, segments, glossaryChanged atomic.Int64
}

// Totals returns the counts so far.
func (p *Pipeline) Totals() Totals {
	req, chars, retries := p.send.Counts()
	return Totals{Requests: req, Chars: chars, Retries: retries,
		MemoryHits: int(p.totals.hits.Load()), Segments: int(p.totals.segments.Load()),
		GlossaryChanged: int(p.totals.glossaryChanged.Load())}
}

// Stats counts what one document took.
type Stats struct {
	Segments   int // segments in the document
	Translated int // paragraphs translated by the backend
	// GlossaryChanged counts those of Translated that the memory held
	// translated with the same backend, settings and pair but other
	// glossary entries: an entry they match was edited or removed, or they
	// match a new one (or, stored by a diglot that keyed on the whole
	// glossary, the glossary changed since).
	GlossaryChanged int
	MemoryHits      int // paragraphs taken from the memory
	Chars           int // code points sent (or, in a dry run, to send) to the backend
	Requests        int // backend requests
	Terms           int // glossary terms applied
	Problems        int // issues of severity error or warning
	Removed         int // junk lines removed
	// Waited counts the paragraphs another worker was sending: they were
	// waited for ([Claimer]); WaitedThenSent, those still missing after
	// ClaimWait, sent by this worker too.
	Waited, WaitedThenSent int
	// Retranslated counts the paragraphs sent a second time because their
	// terms came out wrong (or their placeholders were lost) the first.
	Retranslated int
	// Rules counts the problems by rule id.
	Rules map[string]int
}

// Add adds o to s.
func (s *Stats) Add(o Stats) {
	s.Segments += o.Segments
	s.Translated += o.Translated
	s.GlossaryChanged += o.GlossaryChanged
	s.MemoryHits += o.MemoryHits
	s.Chars += o.Chars
	s.Requests += o.Requests
	s.Terms += o.Terms
	s.Problems += o.Problems
	s.Removed += o.Removed
	s.Waited += o.Waited
	s.WaitedThenSent += o.WaitedThenSent
	s.Retranslated += o.Retranslated
	for r, n := range o.Rules {
		if s.Rules == nil {
			s.Rules = map[string]int{}
		}
		s.Rules[r] += n
	}
}

// Document translates one article. rel is its path relative to the input
// root, recorded in the document.
func (p *Pipeline) Document(ctx context.Context, a *article.Article, rel string) (*bitext.Document, Stats, error) {
	doc := p.newDocument(a, rel)
	var work []*pending // paragraphs that need a translation
	for i, b := range a.Blocks {
		seg := bitext.Segment{ID: fmt.Sprintf("p%d", i+1), Kind: b.Kind, Source: b.Text,
			Line: b.Line, Level: b.Level, Marker: b.Marker}
		if !b.Translate {
			seg.Target, seg.Origin = b.Text, "copy"
			doc.Segments = append(doc.Segments, seg)
			continue
		}
		if a.Format == "md" {
			seg.Codes = article.InlineCodes(b.Text)
		}
		for _, sp := range article.Sentences(b.Text) {
			seg.Sentences = append(seg.Sentences, b.Text[sp.Start:sp.End])
		}
		var matches []glossary.Match
		if p.matcher != nil {
			matches = p.matcher.Find(b.Text)
		}
		doc.Segments = append(doc.Segments, seg)
		work = append(work, &pending{index: len(doc.Segments) - 1, matches: matches, terms: p.terms(matches)})
	}
	st := &Stats{Segments: len(doc.Segments), Removed: len(a.Removed)}

	work, err := p.recall(ctx, doc, work, st)
	if err != nil {
		return nil, *st, fmt.Errorf("%s: translation memory: %w", rel, err)
	}
	work, release, err := p.claim(ctx, doc, work, st)
	if err != nil {
		return nil, *st, fmt.Errorf("%s: translation memory: %w", rel, err)
	}
	defer release() // once every translation is stored
	if err := p.countChanged(ctx, doc, work, st); err != nil {
		return nil, *st, fmt.Errorf("%s: translation memory: %w", rel, err)
	}
	for _, w := range work {
		w.protect = p.protectFirst()
		p.cut(doc, w, st)
	}
	st.Translated = len(work)
	if p.DryRun {
		st.Requests = p.requestsFor(work)
		return nil, *st, nil
	}
	// Paragraphs whose terms need the other way go round once more.
	for len(work) > 0 {
		again, err := p.translate(ctx, doc, work, st)
		if err != nil {
			return nil, *st, fmt.Errorf("%s: %w", rel, err)
		}
		st.Retranslated += len(again)
		for _, w := range again {
			p.cut(doc, w, st)
		}
		work = again
	}
	markupCodes(doc)
	p.summarise(doc, st)
	return doc, *st, nil
}

// cut makes the pieces of a paragraph as they are sent, protected or not,
// and counts their characters.
func (p *Pipeline) cut(doc *bitext.Document, w *pending, st *Stats) {
	ms := w.matches
	if !w.protect {
		ms = nil
	}
	// Inline markup (a Markdown article's) is always protected, and restored
	// verbatim (codes.go).
	seg := &doc.Segments[w.index]
	if w.fixed != nil && len(seg.Codes) == 0 {
		w.pieces, w.markers = p.sentencePieces(seg, ms, w.fixed), nil
	} else {
		w.pieces, w.markers = p.markupPieces(seg, ms)
	}
	w.left = 0
	for i := range w.pieces {
		if w.pieces[i].fixed {
			continue
		}
		w.pieces[i].wire = p.send.wire([]translate.Segment{w.pieces[i].seg})[0]
		st.Chars += utf8.RuneCountInString(w.pieces[i].seg.Text)
		w.left++
	}
}

// sentencePieces cuts a paragraph some of whose sentences have an approved
// translation: each approved sentence is a piece that holds its
// translation already, each run of the other sentences is sent on its own
// (cut further to the backend's limits). Joined in order, the pieces give
// the paragraph with the approved sentences in place: the machine
// translates only what no editor did, and what it returns cannot shift an
// approved sentence into the wrong place (see docs/tm.md).
func (p *Pipeline) sentencePieces(seg *bitext.Segment, matches []glossary.Match, sents []tm.Sentence) []piece {
	var out []piece
	for i := 0; i < len(sents); {
		if sents[i].Approved {
			out = append(out, piece{fixed: true, result: Reply{Result: translate.Result{Text: sents[i].Target}}})
			i++
			continue
		}
		j := i
		for j < len(sents) && !sents[j].Approved {
			j++
		}
		start, end := sents[i].Start, sents[j-1].End
		var ms []glossary.Match
		for _, m := range matches {
			if m.Start >= start && m.End <= end {
				m.Start, m.End = m.Start-start, m.End-start
				ms = append(ms, m)
			}
		}
		text := seg.Source[start:end]
		trimmed := strings.TrimRight(text, " \t\n")
		out = append(out, p.pieces(fmt.Sprintf("%s.s%d", seg.ID, i+1), trimmed, ms)...)
		i = j
	}
	return out
}

func (p *Pipeline) newDocument(a *article.Article, rel string) *bitext.Document {
	doc := &bitext.Document{
		Schema: bitext.Schema,
		Source: bitext.Source{Path: rel, Lang: p.From, SHA256: a.SHA256, Title: a.Title,
			Format: a.Format, Encoding: a.Encoding},
		Target:   bitext.Target{Lang: p.To},
		Backend:  bitext.Backend{Name: p.BackendName},
		Glossary: []bitext.GlossaryRef{},
		Removed:  a.Removed,
	}
	if doc.Removed == nil {
		doc.Removed = []bitext.Removed{}
	}
	if p.Glossary != nil {
		for _, f := range p.Glossary.Files {
			doc.Glossary = append(doc.Glossary, bitext.GlossaryRef{Path: f.Path, SHA256: f.SHA256})
		}
	}
	return doc
}

// summarise fills in what is known once every segment is done: the model, the
// titles and the counts.
func (p *Pipeline) summarise(doc *bitext.Document, st *Stats) {
	if m, ok := p.Backend.(translate.Modeler); ok {
		doc.Backend.Model = m.Model()
	}
	// The title is the front matter's, else the first heading's.
	for _, s := range doc.Segments {
		if s.Kind == bitext.KindTitle || (s.Kind == bitext.KindHeading && doc.Source.Title == "") {
			doc.Source.Title, doc.Target.Title = s.Source, s.Target
			break
		}
	}
	for _, s := range doc.Segments {
		st.Terms += len(s.Terms)
		for _, is := range s.Issues {
			if is.Severity == bitext.SeverityError || is.Severity == bitext.SeverityWarning {
				if st.Rules == nil {
					st.Rules = map[string]int{}
				}
				st.Rules[is.Rule]++
			}
		}
	}
	st.Problems = doc.Problems()
}

// terms is the glossary part of a paragraph's memory key: the fingerprint
// of the entries its matches found ([glossary.Glossary.TermsFingerprint]),
// "" when none (or without a glossary), so that a glossary edit sends again
// only the paragraphs whose entries it changed.
func (p *Pipeline) terms(matches []glossary.Match) string {
	if p.Glossary == nil {
		return ""
	}
	return p.Glossary.TermsFingerprint(matches)
}

// keyOf is the memory's key of a paragraph.
func (p *Pipeline) keyOf(w *pending) tm.Key {
	k := p.key
	k.Glossary = w.terms
	return k
}

// claimKey is the key claims are taken under: one for the run, since the
// workers sharing a run share its glossary.
func (p *Pipeline) claimKey() tm.Key {
	k := p.key
	k.Glossary = p.legacy
	return k
}

// recall fills the paragraphs the memory holds and returns those it lacks:
// one lookup for each glossary fingerprint among work's paragraphs, then,
// with a glossary, one under the whole glossary's fingerprint (the key of
// a diglot before paragraphs were keyed on their terms) for those still
// missing. What that last one finds was translated with the same glossary
// as today's, so with the same entries: it is used, and stored again under
// the paragraph's own key (not in a dry run), so that a later glossary edit
// that does not touch its entries keeps it.
func (p *Pipeline) recall(ctx context.Context, doc *bitext.Document, work []*pending, st *Stats) ([]*pending, error) {
	if p.Memory == nil || len(work) == 0 {
		return work, nil
	}
	var left []*pending
	for _, group := range byTerms(work) {
		miss, _, err := p.lookup(ctx, doc, p.keyOf(group[0]), group, st)
		if err != nil {
			return nil, err
		}
		left = append(left, miss...)
	}
	if p.legacy == "" || len(left) == 0 {
		return inOrder(left), nil
	}
	left, found, err := p.lookup(ctx, doc, p.claimKey(), inOrder(left), st)
	if err != nil || p.DryRun || len(found) == 0 {
		return left, err
	}
	for _, group := range byTerms(found) {
		entries := make([]tm.Entry, len(group))
		for i, w := range group {
			seg := &doc.Segments[w.index]
			entries[i] = tm.Entry{Source: seg.Source, Target: seg.Target, MT: seg.MT, Unknown: seg.Unknown,
				Path: doc.Source.Path, SegmentID: seg.ID, SHA256: doc.Source.SHA256}
		}
		if err := p.Memory.Put(ctx, p.keyOf(group[0]), entries); err != nil {
			return nil, err
		}
	}
	return left, nil
}

// lookup looks work up under k, fills the paragraphs found and returns
// those it lacks and the machine translations found (not the approved).
func (p *Pipeline) lookup(ctx context.Context, doc *bitext.Document, k tm.Key, work []*pending, st *Stats) (left, machine []*pending, err error) {
	sources := make([]string, len(work))
	for i, w := range work {
		sources[i] = doc.Segments[w.index].Source
	}
	hits, found, err := p.Memory.Lookup(ctx, k, sources)
	if err != nil {
		return nil, nil, err
	}
	for i, w := range work {
		if !found[i] {
			// Sentences with an approved translation are not sent (see cut).
			w.fixed = hits[i].Sentences
			left = append(left, w)
			continue
		}
		seg := &doc.Segments[w.index]
		h := hits[i]
		seg.MT, seg.Target, seg.Origin, seg.Unknown = h.MT, h.Target, "tm", h.Unknown
		switch {
		case h.Approved:
			seg.Origin, seg.Machine, seg.State, seg.Notes = "approved", h.Machine, h.State, h.Notes
		case h.Sentences != nil:
			// The memory's translation with some sentences the editor's:
			// not a machine translation to store again under its own key.
			seg.Machine = h.Machine
		default:
			machine = append(machine, w)
		}
		p.finish(seg, w.matches, nil)
		st.MemoryHits++
		p.totals.hits.Add(1)
		p.totals.segments.Add(1)
	}
	return left, machine, nil
}

// countChanged counts, of the paragraphs to send, those the memory holds
// translated under other glossary entries: a glossary change is why they
// are sent.
func (p *Pipeline) countChanged(ctx context.Context, doc *bitext.Document, work []*pending, st *Stats) error {
	if p.Memory == nil || len(work) == 0 {
		return nil
	}
	sources := make([]string, len(work))
	for i, w := range work {
		sources[i] = doc.Segments[w.index].Source
	}
	held, err := p.Memory.Glossaries(ctx, p.key, sources)
	if err != nil {
		return err
	}
	for i, w := range work {
		if slices.ContainsFunc(held[i], func(g string) bool { return g != w.terms }) {
			st.GlossaryChanged++
			p.totals.glossaryChanged.Add(1)
		}
	}
	return nil
}

// byTerms groups work by glossary fingerprint, in the order each first
// occurs, each group in work's order.
func byTerms(work []*pending) [][]*pending {
	var groups [][]*pending
	at := map[string]int{}
	for _, w := range work {
		i, ok := at[w.terms]
		if !ok {
			i = len(groups)
			at[w.terms] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], w)
	}
	return groups
}

// inOrder sorts work in the document's order.
func inOrder(work []*pending) []*pending {
	slices.SortFunc(work, func(a, b *pending) int { return a.index - b.index })
	return work
}

// pending is a paragraph waiting for its translation, cut into pieces that
// each fit one request.
type pending struct {
	index   int
	matches []glossary.Match
	terms   string // the glossary part of its memory key (Pipeline.terms)
	pieces  []piece
	left    int  // pieces not translated yet
	protect bool // the pieces carry placeholders (when the backend has no native way)
	round   int  // 0 for the first translation, 1 for the second
	first   attempt
	markers []marker // inline markup to restore (codes.go)
	// fixed are the paragraph's sentences when some have an approved
	// translation (tm.Hit.Sentences): only the others are sent.
	fixed []tm.Sentence
}

type piece struct {
	seg    translate.Segment // as cut from the paragraph, with its spans
	wire   translate.Segment // as sent: see [Sender]
	result Reply
	fixed  bool // an approved sentence, in result already: never sent
}

// pieces cuts a paragraph into the segments sent to the backend: the whole
// paragraph when it fits the backend's limits, else runs of whole sentences
// that do (a sentence longer than the limit is cut at spaces, see cutEnds).
// Protected spans go with the piece that holds them.
//
// A piece's size is what reaches the engine: each span protected in it (a
// term, or the markup in extra) counted as the placeholder that replaces it.
func (p *Pipeline) pieces(id, text string, matches []glossary.Match, extra ...translate.Span) []piece {
	limit := p.segmentLimit()
	size := func(s, e int) int {
		n := utf8.RuneCountInString(text[s:e])
		for _, m := range matches {
			if m.Start >= s && m.End <= e {
				n += placeholderWidth - utf8.RuneCountInString(text[m.Start:m.End])
			}
		}
		for _, sp := range extra {
			if sp.Start >= s && sp.End <= e {
				n += placeholderWidth - utf8.RuneCountInString(text[sp.Start:sp.End])
			}
		}
		return n
	}
	if limit == 0 || size(0, len(text)) <= limit {
		return []piece{{seg: translate.Segment{ID: id, Text: text, Protected: spans(text, matches, 0, len(text))}}}
	}
	var out []piece
	start, end := 0, 0
	flush := func() {
		if end > start {
			chunk := text[start:end]
			lead := len(chunk) - len(strings.TrimLeft(chunk, " "))
			s, e := start+lead, end
			out = append(out, piece{seg: translate.Segment{ID: fmt.Sprintf("%s.%d", id, len(out)+1),
				Text: text[s:e], Protected: spans(text, matches, s, e)}})
		}
		start = end
	}
	for _, e := range cutEndsSized(text, limit, matches, size) {
		if end > start && size(start, e) > limit {
			flush()
		}
		end = e
	}
	end = len(text)
	flush()
	return out
}

// placeholderWidth bounds the length of the placeholder that stands for a
// protected span on the wire ("Zxq12qxZ" and a space either side).
const placeholderWidth = 12

// requestsFor counts the requests the pieces of work would take.
func (p *Pipeline) requestsFor(work []*pending) int {
	_, segs := flatten(work)
	batches, _ := translate.Batches(segs, p.limits)
	return len(batches)
}

// flatten lists the pieces of work in order, as they are sent, with a
// reference back from each to its paragraph.
func flatten(work []*pending) ([]ref, []translate.Segment) {
	var refs []ref
	var segs []translate.Segment
	for _, w := range work {
		for i := range w.pieces {
			if w.pieces[i].fixed {
				continue
			}
			refs = append(refs, ref{w, i})
			segs = append(segs, w.pieces[i].wire)
		}
	}
	return refs, segs
}

// segmentLimit is the longest text the backend takes in one segment.
func (p *Pipeline) segmentLimit() int {
	l := p.limits.MaxSegmentChars
	if p.limits.MaxChars > 0 && (l == 0 || p.limits.MaxChars < l) {
		l = p.limits.MaxChars
	}
	return l
}

// spans turns the matches inside text[start:end] into protected spans
// relative to start.
func spans(text string, ms []glossary.Match, start, end int) []translate.Span {
	var out []translate.Span
	for _, m := range ms {
		if m.Start >= start && m.End <= end {
			out = append(out, translate.Span{Start: m.Start - start, End: m.End - start,
				Replace: glossary.CaseTarget(text, m), Source: m.Form})
		}
	}
	return out
}

// ref points from a piece in a batch back to its paragraph.
type ref struct {
	w *pending
	i int // the piece's index in w.pieces
}

// translate sends every piece to the backend in batches within its limits,
// with at most InFlight requests at a time across all articles. As each
// paragraph's last piece comes back, the paragraph is finished and stored in
// the memory, so an interrupted run loses only the requests in flight.
func (p *Pipeline) translate(ctx context.Context, doc *bitext.Document, work []*pending, st *Stats) (again []*pending, err error) {
	refs, segs := flatten(work)
	if len(segs) == 0 {
		return nil, nil
	}
	if err := p.useGlossary(ctx); err != nil {
		return nil, err
	}
	batches, err := translate.Batches(segs, p.limits)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex // guards doc.Segments, the pieces and st
		errs    = make([]error, len(batches))
		stopped bool
	)
	at := 0
send:
	for bi, batch := range batches {
		first := at
		at += len(batch)
		select {
		case p.send.slots <- struct{}{}:
		case <-ctx.Done():
			break send
		case <-p.Stop:
			stopped = true
			break send
		}
		if isClosed(p.Stop) {
			<-p.send.slots
			stopped = true
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-p.send.slots }()
			res, err := p.send.send(ctx, p.From, p.To, batch)
			if err != nil {
				if len(batches) > 1 {
					err = fmt.Errorf("request %d of %d (segments %s to %s): %w", bi+1, len(batches), batch[0].ID, batch[len(batch)-1].ID, err)
				}
				errs[bi] = err
				cancel()
				return
			}
			mu.Lock()
			st.Requests++
			done, redo := p.deliver(doc, refs[first:first+len(batch)], res)
			again = append(again, redo...)
			mu.Unlock()
			if err := p.store(context.WithoutCancel(ctx), done); err != nil {
				errs[bi] = fmt.Errorf("translation memory: %w", err)
				cancel()
			}
			if p.OnBatch != nil {
				p.OnBatch(p.Totals())
			}
		}()
	}
	wg.Wait()
	// The first real failure explains the others, which were cancelled.
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if stopped {
		return nil, ErrStopped
	}
	// Keep the document's order for the second round.
	slices.SortFunc(again, func(a, b *pending) int { return a.index - b.index })
	return again, nil
}

// finished is a paragraph's translation for the memory, under its key.
type finished struct {
	terms string
	entry tm.Entry
}

// store puts the paragraphs of a batch in the memory, one write per
// glossary fingerprint among them.
func (p *Pipeline) store(ctx context.Context, done []finished) error {
	if p.Memory == nil {
		return nil
	}
	for len(done) > 0 {
		k := p.key
		k.Glossary = done[0].terms
		var entries []tm.Entry
		var rest []finished
		for _, f := range done {
			if f.terms == k.Glossary {
				entries = append(entries, f.entry)
			} else {
				rest = append(rest, f)
			}
		}
		if err := p.Memory.Put(ctx, k, entries); err != nil {
			return err
		}
		done = rest
	}
	return nil
}

// deliver stores a batch's results in their pieces and finishes every
// paragraph whose last piece this was, returning them for the memory, and
// the paragraphs to translate again the other way ([Pipeline.retry]).
func (p *Pipeline) deliver(doc *bitext.Document, refs []ref, res []translate.Result) (done []finished, again []*pending) {
	for k, r := range refs {
		pc := &r.w.pieces[r.i]
		pc.result = p.send.restore(pc.seg, res[k])
		r.w.left--
		if r.w.left > 0 {
			continue
		}
		seg := &doc.Segments[r.w.index]
		var parts []string
		var lost []translate.Span
		var unknown []string
		for _, pc := range r.w.pieces {
			parts = append(parts, pc.result.Text)
			unknown = translate.MergeWords(unknown, pc.result.Unknown)
			lost = append(lost, pc.result.Lost...)
		}
		mt := restoreMarkup(strings.Join(parts, " "), r.w.markers)
		if p.retry(r.w, mt, lost, unknown) {
			again = append(again, r.w)
			continue
		}
		mt, lost, unknown, notes := r.w.settle(mt, lost, unknown)
		seg.Unknown = translate.MergeWords(seg.Unknown, unknown)
		seg.MT, seg.Origin = mt, "mt"
		seg.Target = seg.MT
		if article.AllCaps(seg.Source) {
			// An ALL-CAPS headline stays one: engines return it in mixed case.
			seg.Target = strings.ToUpper(seg.Target)
		}
		p.finish(seg, r.w.matches, append(notes, placeholderNotes(lost, "the target was published without it")...))
		p.totals.segments.Add(1)
		done = append(done, finished{terms: r.w.terms, entry: tm.Entry{Source: seg.Source, Target: seg.Target, MT: seg.MT,
			Unknown: seg.Unknown, Path: doc.Source.Path, SegmentID: seg.ID, SHA256: doc.Source.SHA256}})
	}
	return done, again
}

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// finish verifies the glossary terms of a segment's target, repairs them
// unless the target is an editor's, records the terms applied, and records
// every finding `diglot check` would report for the segment ([check.SegmentChecker]),
// completed by notes on lost placeholders.
func (p *Pipeline) finish(seg *bitext.Segment, matches []glossary.Match, notes []string) {
	if len(matches) > 0 {
		repaired, _ := p.matcher.Enforce(seg.Source, matches, seg.Target)
		if seg.Origin != "approved" {
			seg.Target = repaired
		}
	}
	for _, m := range matches {
		seg.Terms = append(seg.Terms, bitext.Term{Source: m.Form, Target: glossary.CaseTarget(seg.Source, m),
			Entry: m.Entry.ID, Start: m.Start, End: m.End, Variant: m.Variant})
	}
	p.checkSegment(seg, matches, notes)
}

// MemoryAgrees reports whether the memory would give d's translated segments
// the targets d has: false when an editor's approved translation (imported
// since d was made) differs from d's target, so that d must be made again.
// Without a memory it is true.
func (p *Pipeline) MemoryAgrees(ctx context.Context, d *bitext.Document) (bool, error) {
	if p.Memory == nil {
		return true, nil
	}
	var sources, targets []string
	for _, s := range d.Segments {
		if s.Origin != "copy" {
			sources, targets = append(sources, s.Source), append(targets, s.Target)
		}
	}
	// An approved translation is found under any key.
	hits, found, err := p.Memory.Lookup(ctx, p.key, sources)
	if err != nil {
		return false, err
	}
	for i, h := range hits {
		switch {
		case found[i] && h.Approved:
			if h.Target != targets[i] {
				return false, nil
			}
		case h.Sentences != nil:
			// An approved sentence the document lacks.
			if slices.ContainsFunc(h.Sentences, func(s tm.Sentence) bool {
				return s.Approved && !strings.Contains(targets[i], s.Target)
			}) {
				return false, nil
			}
		}
	}
	return true, nil
}
