package translate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
)

// Pipeline turns articles into aligned documents: it matches glossary terms,
// protects them, sends the paragraphs to the backend in batches within its
// limits, then verifies and repairs the terms in what comes back.
//
// A Pipeline is safe for concurrent use by several goroutines, one article
// each; requests to the backend are bounded by its Limits().InFlight.
type Pipeline struct {
	Backend     Backend
	BackendName string
	From, To    string
	// Glossary may be nil: no terms are applied.
	Glossary *glossary.Glossary

	once    sync.Once
	matcher *glossary.Matcher
	limits  Limits
	slots   chan struct{}
}

func (p *Pipeline) init() {
	p.once.Do(func() {
		if p.Glossary != nil {
			p.matcher = p.Glossary.Matcher()
		}
		if l, ok := p.Backend.(Limited); ok {
			p.limits = l.Limits()
		}
		n := p.limits.InFlight
		if n <= 0 {
			n = 1
		}
		p.slots = make(chan struct{}, n)
	})
}

// Stats counts what a document took.
type Stats struct {
	Segments   int // segments in the document
	Translated int // segments sent to the backend
	Chars      int // code points sent to the backend
	Requests   int // backend requests
	Terms      int // glossary terms applied
	Problems   int // issues of severity error or warning
	Removed    int // junk lines removed
}

// Add adds o to s.
func (s *Stats) Add(o Stats) {
	s.Segments += o.Segments
	s.Translated += o.Translated
	s.Chars += o.Chars
	s.Requests += o.Requests
	s.Terms += o.Terms
	s.Problems += o.Problems
	s.Removed += o.Removed
}

// Document translates one article. rel is its path relative to the input
// root, recorded in the document.
func (p *Pipeline) Document(ctx context.Context, a *article.Article, rel string) (*bitext.Document, Stats, error) {
	p.init()
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

	var work []pending // translatable segments and their pieces
	for i, b := range a.Blocks {
		seg := bitext.Segment{ID: fmt.Sprintf("p%d", i+1), Kind: b.Kind, Source: b.Text,
			Line: b.Line, Level: b.Level, Marker: b.Marker}
		if !b.Translate {
			seg.Target, seg.Origin = b.Text, "copy"
			doc.Segments = append(doc.Segments, seg)
			continue
		}
		for _, sp := range article.Sentences(b.Text) {
			seg.Sentences = append(seg.Sentences, b.Text[sp.Start:sp.End])
		}
		var matches []glossary.Match
		if p.matcher != nil {
			matches = p.matcher.Find(b.Text)
		}
		doc.Segments = append(doc.Segments, seg)
		work = append(work, pending{index: len(doc.Segments) - 1, matches: matches,
			pieces: p.pieces(seg.ID, b.Text, matches)})
	}

	st := Stats{Segments: len(doc.Segments), Removed: len(a.Removed)}
	if err := p.translate(ctx, work, &st); err != nil {
		return nil, st, fmt.Errorf("%s: %w", rel, err)
	}
	for _, w := range work {
		seg := &doc.Segments[w.index]
		var parts []string
		for _, pc := range w.pieces {
			parts = append(parts, pc.result.Text)
			seg.Unknown = mergeWords(seg.Unknown, pc.result.Unknown)
		}
		seg.MT = strings.Join(parts, " ")
		seg.Origin = "mt"
		p.finish(seg, w.matches)
		st.Terms += len(seg.Terms)
	}
	if m, ok := p.Backend.(Modeler); ok {
		doc.Backend.Model = m.Model()
	}
	// The title is the front matter's, else the first heading's.
	for _, s := range doc.Segments {
		if s.Kind == bitext.KindTitle || (s.Kind == bitext.KindHeading && doc.Source.Title == "") {
			doc.Source.Title, doc.Target.Title = s.Source, s.Target
			break
		}
	}
	st.Problems = doc.Problems()
	return doc, st, nil
}

// pending is a segment waiting for its translation, cut into pieces that each
// fit one request.
type pending struct {
	index   int
	matches []glossary.Match
	pieces  []piece
}

type piece struct {
	seg    Segment
	result Result
}

// pieces cuts a paragraph into the segments sent to the backend: the whole
// paragraph when it fits the backend's limits, else runs of whole sentences
// that do. Protected spans go with the piece that holds them.
func (p *Pipeline) pieces(id, text string, matches []glossary.Match) []piece {
	limit := p.segmentLimit()
	if limit == 0 || utf8.RuneCountInString(text) <= limit {
		return []piece{{seg: Segment{ID: id, Text: text, Protected: spans(text, matches, 0, len(text))}}}
	}
	var out []piece
	start, end := 0, 0
	flush := func() {
		if end > start {
			chunk := text[start:end]
			lead := len(chunk) - len(strings.TrimLeft(chunk, " "))
			s, e := start+lead, end
			out = append(out, piece{seg: Segment{ID: fmt.Sprintf("%s.%d", id, len(out)+1),
				Text: text[s:e], Protected: spans(text, matches, s, e)}})
		}
		start = end
	}
	for _, sp := range article.Sentences(text) {
		if end > start && utf8.RuneCountInString(text[start:sp.End]) > limit {
			flush()
		}
		end = sp.End
	}
	end = len(text)
	flush()
	return out
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
func spans(text string, ms []glossary.Match, start, end int) []Span {
	var out []Span
	for _, m := range ms {
		if m.Start >= start && m.End <= end {
			out = append(out, Span{Start: m.Start - start, End: m.End - start,
				Replace: glossary.CaseTarget(text, m), Source: m.Form})
		}
	}
	return out
}

// translate sends every piece to the backend in batches within its limits,
// with at most Limits().InFlight requests at a time across all articles.
func (p *Pipeline) translate(ctx context.Context, work []pending, st *Stats) error {
	var refs []*piece
	var segs []Segment
	for i := range work {
		for j := range work[i].pieces {
			pc := &work[i].pieces[j]
			refs = append(refs, pc)
			segs = append(segs, pc.seg)
			st.Chars += utf8.RuneCountInString(pc.seg.Text)
		}
		st.Translated++
	}
	if len(segs) == 0 {
		return nil
	}
	batches, err := Batches(segs, p.limits)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, len(batches))
	at := 0
send:
	for bi, batch := range batches {
		first := at
		at += len(batch)
		select {
		case p.slots <- struct{}{}:
		case <-ctx.Done():
			break send
		}
		st.Requests++
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-p.slots }()
			req := &Request{From: p.From, To: p.To, Segments: batch}
			res, err := p.Backend.Translate(ctx, req)
			if err == nil {
				err = CheckReply(req, res)
			}
			if err != nil {
				errs[bi] = err
				cancel()
				return
			}
			for k, r := range res {
				refs[first+k].result = r
			}
		}()
	}
	wg.Wait()
	// The first real failure explains the others, which were cancelled.
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	return ctx.Err()
}

// finish verifies and repairs the glossary terms of a translated segment and
// records the terms applied and the problems left.
func (p *Pipeline) finish(seg *bitext.Segment, matches []glossary.Match) {
	seg.Target = seg.MT
	if allCaps(seg.Source) {
		// An ALL-CAPS headline stays one: engines return it in mixed case.
		seg.Target = strings.ToUpper(seg.Target)
	}
	if len(matches) == 0 {
		return
	}
	repaired, problems := glossary.Enforce(seg.Source, matches, seg.Target)
	seg.Target = repaired
	for _, m := range matches {
		seg.Terms = append(seg.Terms, bitext.Term{Source: m.Form, Target: glossary.CaseTarget(seg.Source, m),
			Entry: m.Entry.ID, Start: m.Start, End: m.End, Variant: m.Variant})
		if m.Variant {
			seg.Issues = append(seg.Issues, bitext.Issue{Rule: "source-variant", Severity: bitext.SeverityInfo,
				Term: m.Entry.ID, Message: fmt.Sprintf("%q is a variant spelling of %q", m.Form, m.Entry.ID)})
		}
	}
	for _, pr := range problems {
		is := bitext.Issue{Rule: pr.Rule, Severity: bitext.SeverityError, Message: pr.Message}
		if pr.Entry != nil {
			is.Term = pr.Entry.ID
		}
		seg.Issues = append(seg.Issues, is)
	}
}

func mergeWords(list, more []string) []string {
	for _, w := range more {
		if !slices.Contains(list, w) {
			list = append(list, w)
		}
	}
	return list
}

// allCaps reports whether s has at least two letters and no lower-case one.
func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}
