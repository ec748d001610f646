package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/atomicfile"
	"github.com/diglot/diglot/internal/progress"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/all"
)

// stopGrace is how long requests in flight may take to finish after Ctrl-C.
const stopGrace = 10 * time.Second

// Outcomes of an article in a batch.
const (
	statusDone    = "done"
	statusSkipped = "skipped"
	statusFailed  = "failed"
	statusStopped = "stopped" // not finished when the run was interrupted
)

// outcome is what a batch keeps of one article: counts, never the document,
// so that a run's memory does not grow with its number of articles.
type outcome struct {
	in     input
	status string
	err    error
	stats  pipeline.Stats
	index  output.IndexEntry
}

// batch is one run of `diglot translate`.
type batch struct {
	a        *app
	o        *translateOptions
	readOpts article.Options
	p        *pipeline.Pipeline
	settings string
	report   progress.Reporter

	mu       sync.Mutex
	counts   progress.Counts
	stopOnce sync.Once
	stop     chan struct{}
}

func (a *app) runTranslate(ctx context.Context, o *translateOptions) error {
	start := time.Now()
	inputs, err := collectInputs(o.paths, o.out)
	if err != nil {
		return usageError(err)
	}
	junk, err := o.config.junkRules()
	if err != nil {
		return usageError(err)
	}
	b := &batch{a: a, o: o, readOpts: article.Options{KeepJunk: o.keepJunk, Junk: junk}, stop: make(chan struct{})}
	// Files named on the command line are checked first: a bad one is an
	// input error, and nothing is written. They are read again when their
	// turn comes rather than held, so that a shell glob of thousands of
	// articles costs no more memory than a folder of them.
	for _, in := range inputs {
		if in.named {
			if _, err := article.Read(in.path, b.readOpts); err != nil {
				return usageError(err)
			}
		}
	}
	var gl *glossary.Glossary
	if len(o.glossaries) > 0 {
		if gl, err = glossary.Load(o.glossaries...); err != nil {
			return usageError(err)
		}
		for _, c := range gl.Conflicts {
			fmt.Fprintf(a.stderr, "diglot: glossary conflict: %s\n", c)
		}
	}
	backend, err := a.newBackend(ctx, o)
	if err != nil {
		return err
	}
	if c, ok := backend.(io.Closer); ok {
		defer c.Close()
	}
	memory, err := openMemory(o)
	if err != nil {
		return usageError(err)
	}
	if memory != nil {
		defer memory.Close()
	}
	b.settings = settingsOf(o)
	b.report, err = progress.New(a.stderr, o.progress, isTerminal(a.stderr), nil)
	if err != nil {
		return usageError(err)
	}
	b.counts.ArticlesTotal = len(inputs)

	hard, cancel := context.WithCancel(ctx)
	defer cancel()
	interrupted := b.onInterrupt(cancel)
	cfg := pipeline.Config{Backend: backend, BackendName: o.backend, Settings: b.settings,
		From: o.from, To: o.to, Glossary: gl, DryRun: o.dryRun,
		InFlight: o.inFlight, CharsPerMinute: o.charsPerMin, Stop: b.stop,
		OnBatch: func(t pipeline.Totals) { b.update(t, nil) }}
	if memory != nil {
		cfg.Memory = memory // a nil *tm.Memory would be a non-nil Memory
	}
	if b.p, err = pipeline.New(cfg); err != nil {
		return err
	}

	outcomes := b.run(hard, inputs)
	b.report.Close()

	r := newRunReport(o, b.p, outcomes, start, interrupted())
	if !o.dryRun {
		if err := b.writeIndex(outcomes); err != nil {
			return fmt.Errorf("writing index: %w", err)
		}
		if err := atomicfile.Write(filepath.Join(o.out, "run.json"), r.writeJSON); err != nil {
			return fmt.Errorf("writing run report: %w", err)
		}
	}
	if o.dryRun {
		r.writeDryRun(a.stdout, o.config.prices())
	} else if o.progress != progress.ModeQuiet {
		r.writeSummary(a.stderr)
	} else {
		r.writeFailures(a.stderr)
	}
	switch {
	case interrupted():
		return withCode(exitInterrupted, errors.New("interrupted: complete articles were written, no partial file; run again to resume"))
	case r.Articles.Failed > 0:
		return withCode(exitFindings, nil)
	}
	return nil
}

// onInterrupt handles Ctrl-C (and SIGTERM): the first stops new requests and
// gives those in flight stopGrace to finish; a second abandons them. It
// returns whether the run was interrupted.
func (b *batch) onInterrupt(cancel context.CancelFunc) func() bool {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	var mu sync.Mutex
	got := false
	go func() {
		n := 0
		for range sigs {
			mu.Lock()
			got = true
			mu.Unlock()
			n++
			if n == 1 {
				fmt.Fprintln(b.a.stderr, "diglot: stopping: waiting for the requests in flight (Ctrl-C again to abandon them)")
				b.halt()
				time.AfterFunc(stopGrace, cancel)
				continue
			}
			cancel()
		}
	}()
	var once sync.Once
	return func() bool {
		once.Do(func() {
			signal.Stop(sigs)
			close(sigs) // nothing sends after Stop: this ends the goroutine
		})
		mu.Lock()
		defer mu.Unlock()
		return got
	}
}

// halt stops new requests; it may be called more than once.
func (b *batch) halt() { b.stopOnce.Do(func() { close(b.stop) }) }

// run translates the inputs with o.jobs workers and returns an outcome for
// each, in input order.
func (b *batch) run(ctx context.Context, inputs []input) []outcome {
	outcomes := make([]outcome, len(inputs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(b.o.jobs, len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outcomes[i] = b.one(ctx, inputs[i])
				b.finished(&outcomes[i])
			}
		}()
	}
feed:
	for i := range inputs {
		select {
		case next <- i:
		case <-b.stop:
			break feed
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for i := range outcomes {
		if outcomes[i].status == "" {
			outcomes[i] = outcome{in: inputs[i], status: statusStopped}
		}
	}
	return outcomes
}

// finished records an article's outcome in the progress display, and stops
// the run on a failure when --fail-fast asks.
func (b *batch) finished(oc *outcome) {
	if oc.status == statusStopped {
		return
	}
	b.update(b.p.Totals(), oc)
	if oc.status == statusFailed && b.o.failFast {
		b.halt()
	}
}

// update passes the totals, and an article's outcome, to the progress display.
func (b *batch) update(t pipeline.Totals, oc *outcome) {
	b.mu.Lock()
	c := &b.counts
	c.Segments, c.MemoryHits, c.Requests, c.Chars, c.Retries = t.Segments, t.MemoryHits, t.Requests, t.Chars, t.Retries
	if oc != nil {
		c.Articles++
		switch oc.status {
		case statusSkipped:
			c.Skipped++
		case statusFailed:
			c.Failed++
		}
	}
	counts := *c
	b.mu.Unlock()
	if oc == nil {
		b.report.Update(counts)
		return
	}
	errText := ""
	if oc.err != nil {
		errText = oc.err.Error()
	}
	b.report.Article(oc.in.rel, oc.status, errText, counts)
}

// one reads, translates and writes one article, or skips it when its
// outputs are up to date.
func (b *batch) one(ctx context.Context, in input) outcome {
	oc := outcome{in: in}
	fail := func(err error) outcome {
		oc.status, oc.err = statusFailed, err
		if errors.Is(err, pipeline.ErrStopped) || errors.Is(err, context.Canceled) {
			oc.status, oc.err = statusStopped, nil
		}
		return oc
	}
	art, err := article.Read(in.path, b.readOpts)
	if err != nil {
		return fail(err)
	}
	base := filepath.Join(b.o.out, filepath.FromSlash(output.BaseName(in.rel, b.o.from, b.o.to)))
	// The last edition, if diglot can read it (not an older schema or a hand
	// edit): to skip the article, and to keep as the previous edition. A dry
	// run needs neither.
	var last *bitext.Document
	if !b.o.dryRun {
		last, _ = readEdition(base + ".json")
	}
	if !b.o.force && last != nil {
		if b.upToDate(ctx, last, base, in.rel, art) {
			oc.status = statusSkipped
			oc.stats = pipeline.Stats{Segments: len(last.Segments)}
			oc.index = output.Summarize(last, b.href(in.rel), 0)
			return oc
		}
	}
	doc, st, err := b.p.Document(ctx, art, in.rel)
	oc.stats = st
	if err != nil {
		return fail(err)
	}
	if b.o.dryRun {
		oc.status = statusDone
		return oc
	}
	doc.Backend.Settings = b.settings
	changes, err := writeOutputs(b.o, base, doc, last)
	if err != nil {
		return fail(err)
	}
	oc.status = statusDone
	oc.index = output.Summarize(doc, b.href(in.rel), changes)
	return oc
}

func (b *batch) href(rel string) string { return output.BaseName(rel, b.o.from, b.o.to) + ".html" }

// upToDate reports whether the outputs at base were made from this very
// source with the same settings, glossary and reading, and no editor has
// approved another translation since, so that the article can be skipped;
// last is the edition's record at base.
func (b *batch) upToDate(ctx context.Context, last *bitext.Document, base, rel string, art *article.Article) bool {
	if !b.o.hasFormat("json") {
		return false
	}
	if last.Source.SHA256 != art.SHA256 || last.Source.Path != rel ||
		last.Backend.Name != b.o.backend || last.Backend.Settings != b.settings ||
		last.Source.Lang != b.o.from || last.Target.Lang != b.o.to ||
		!sameGlossary(last.Glossary, b.p.Glossary) || len(last.Segments) != len(art.Blocks) ||
		len(last.Removed) != len(art.Removed) {
		return false
	}
	for i, s := range last.Segments {
		if s.Source != art.Blocks[i].Text || s.Kind != art.Blocks[i].Kind {
			return false
		}
	}
	for _, f := range b.o.formats {
		if _, err := os.Stat(base + f.Ext); err != nil {
			return false
		}
	}
	if agrees, err := b.p.MemoryAgrees(ctx, last); err != nil || !agrees {
		return false
	}
	return true
}

func sameGlossary(refs []bitext.GlossaryRef, g *glossary.Glossary) bool {
	if g == nil {
		return len(refs) == 0
	}
	if len(refs) != len(g.Files) {
		return false
	}
	for i, f := range g.Files {
		if refs[i].Path != f.Path || refs[i].SHA256 != f.SHA256 {
			return false
		}
	}
	return true
}

// newBackend builds the backend and checks that it has the language pair
// (not in a dry run, which makes no network request).
func (a *app) newBackend(ctx context.Context, o *translateOptions) (translate.Backend, error) {
	// The registry checks the options (unknown, credentials, required,
	// kinds and choices) before the backend is built.
	b, err := all.Backends().New(o.backend, translate.Config{Endpoint: o.endpoint, Options: o.options, Getenv: a.getenv})
	if err != nil {
		return nil, usageError(err)
	}
	if pr, ok := b.(translate.Preparer); ok && !o.dryRun {
		if err := pr.Prepare(ctx, o.from, o.to); err != nil {
			if errors.Is(err, translate.ErrUnsupportedPair) || errors.Is(err, translate.ErrAuth) {
				return nil, usageError(err)
			}
			return nil, withCode(exitFindings, err)
		}
	}
	return b, nil
}

// openMemory opens the translation memory, unless --no-tm. A dry run does
// not create one that is not there.
func openMemory(o *translateOptions) (*tm.Memory, error) {
	if o.tmPath == "" {
		return nil, nil
	}
	if o.dryRun {
		if _, err := os.Stat(o.tmPath); err != nil {
			return nil, nil
		}
	}
	return tm.Open(o.tmPath)
}

// settingsOf is the canonical form of the backend settings that change a
// translation: the options (credentials are never options) and the endpoint
// without any user information.
func settingsOf(o *translateOptions) string {
	var parts []string
	for _, k := range sortedKeys(o.options) {
		parts = append(parts, k+"="+o.options[k])
	}
	if o.endpoint != "" {
		ep := o.endpoint
		if u, err := url.Parse(ep); err == nil {
			u.User = nil
			u.RawQuery = ""
			ep = u.String()
		}
		parts = append(parts, "endpoint="+ep)
	}
	return strings.Join(parts, ";")
}

// writeOutputs writes every requested format of one document, all or none,
// and returns how many segments changed since the previous edition.
//
// The previous edition is kept beside the JSON record as NAME.previous.json:
// when this run's document differs from the one it replaces, the one it
// replaces becomes the previous edition; when nothing changed, the previous
// edition stays as it was. The page shows the difference.
//
// last is the edition d replaces (nil if none): an edition diglot cannot read
// (an older schema, a hand edit) is one it does not compare with.
func writeOutputs(o *translateOptions, base string, d, last *bitext.Document) (changes int, err error) {
	var set atomicfile.Set
	previous, _ := readEdition(base + ".previous.json")
	if last != nil && output.Changes(last, d) > 0 {
		previous = last
		if err := set.Add(base+".previous.json", func(w io.Writer) error { return bitext.Write(w, last) }); err != nil {
			set.Abort()
			return 0, err
		}
	}
	changes = output.Changes(previous, d)
	opt := output.Options{Generator: "diglot " + version, Previous: previous, Markdown: output.MarkdownLayout(o.mdLayout)}
	for _, f := range o.formats {
		if err := set.Add(base+f.Ext, func(w io.Writer) error { return f.Write(w, d, opt) }); err != nil {
			set.Abort()
			return 0, fmt.Errorf("%s: %w", base+f.Ext, err)
		}
	}
	return changes, set.Commit()
}

// writeIndex writes OUT/index.html listing the articles of the run.
func (b *batch) writeIndex(outcomes []outcome) error {
	if !b.o.hasFormat("html") {
		return nil
	}
	var entries []output.IndexEntry
	for _, oc := range outcomes {
		switch oc.status {
		case statusDone, statusSkipped:
			entries = append(entries, oc.index)
		case statusFailed:
			entries = append(entries, output.IndexEntry{Path: oc.in.rel, Failed: oc.err.Error()})
		}
	}
	if len(entries) == 0 {
		return nil
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	return atomicfile.Write(filepath.Join(b.o.out, "index.html"), func(w io.Writer) error {
		return output.WriteIndex(w, "diglot: "+b.o.from+"→"+b.o.to, entries)
	})
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
