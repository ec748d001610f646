package edition

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/atomicfile"
	"github.com/diglot/diglot/internal/progress"
	"github.com/diglot/diglot/internal/termsafe"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
)

// Status is the outcome of one article in a batch.
type Status string

// The outcomes of an article.
const (
	Done    Status = "done"
	Skipped Status = "skipped" // up to date
	Failed  Status = "failed"
	Stopped Status = "stopped" // not finished when the run was interrupted
	// Empty is an article with no text to translate (an empty file, or
	// nothing but junk lines): skipped with a warning, unless Strict.
	Empty Status = "empty"
	// NotAttempted: not sent, or not finished, because an account-wide
	// failure (quota, key) stopped the run's requests.
	NotAttempted Status = "not-attempted"
)

// Config is one batch.
type Config struct {
	// Pipeline makes the pipeline every document goes through. Run sets its
	// Stop, OnBatch and DryRun itself; Settings is recorded in each document.
	Pipeline pipeline.Config
	// Paths are the inputs: files and folders ([Collect]). Inputs, when not
	// nil, are used instead: a caller that must refuse bad input before it
	// sets anything up (opens a memory, starts a backend) calls [Inputs]
	// first.
	Paths  []string
	Inputs []Input
	// Out is the output folder; outputs mirror the input tree.
	Out string
	// Formats are written for each document; with "json" among them,
	// up-to-date articles are skipped.
	Formats []output.Format
	// Output holds the renderers' options (Previous is set per document).
	Output output.Options
	// Read is how articles are read: junk rules, or none.
	Read article.Options
	// Shard, when set, limits the batch to its part of the inputs
	// ([Shard.Select]); the run then writes its report as
	// [Shard.ReportName] and no index page, which [Index] builds from
	// every shard's outputs.
	Shard Shard
	// Jobs is the number of articles translated at once (at least 1).
	Jobs int
	// Force rewrites the outputs of articles that are up to date.
	Force bool
	// FailFast stops the run at the first article that fails.
	FailFast bool
	// Strict makes an article with no text to translate (an empty file, an
	// all-junk scrape) a failure; without it, such an article is skipped
	// and counted apart ([ArticleCounts.Empty]).
	Strict bool
	// NewMemory says that the memory was created for this run, so that
	// what it gives back are paragraphs repeated within the run, and the
	// report says so ([Report.NewMemory]).
	NewMemory bool
	// DryRun consults the memory but sends and writes nothing: the report
	// says what the run would send.
	DryRun bool
	// Stop, when closed, stops new requests and new articles; requests in
	// flight finish (or end with the context) and complete articles are
	// written. The run then returns ErrInterrupted.
	Stop <-chan struct{}
	// Interrupt, if set, is told how to count the requests in flight, for
	// the line it prints at the first interrupt.
	Interrupt *Interrupt
	// Progress, if set, is told of the totals as they change and of each
	// article's outcome. Run does not close it.
	Progress progress.Reporter
}

// outcome is what a batch keeps of one article: counts, never the document,
// so that a run's memory does not grow with its number of articles.
type outcome struct {
	in     Input
	status Status
	err    error
	stats  pipeline.Stats
	index  output.IndexEntry
	flag   *Flagged // the segments with problems, if any
}

// batch is one run.
type batch struct {
	cfg      Config
	p        *pipeline.Pipeline
	progress progress.Reporter

	mu       sync.Mutex
	counts   progress.Counts
	stopOnce sync.Once
	stop     chan struct{}
	// broken is closed when the backend refused the account: no new
	// article is started.
	brokenOnce sync.Once
	broken     chan struct{}
}

// Run collects the inputs and translates them into cfg.Out, writing the
// index (with the html format) and the run report. Input errors
// ([*InputError]) come before anything is written. Articles that fail are
// counted in the report and do not stop the others (unless FailFast); an
// interrupted run returns its report and [ErrInterrupted].
func Run(ctx context.Context, cfg Config) (*Report, error) {
	start := time.Now()
	if cfg.Jobs < 1 {
		return nil, fmt.Errorf("edition: %d jobs: want 1 or more", cfg.Jobs)
	}
	inputs := cfg.Inputs
	if inputs == nil {
		var err error
		if inputs, err = Inputs(cfg.Paths, cfg.Out, cfg.Read); err != nil {
			return nil, err
		}
	}
	inputs = cfg.Shard.Select(inputs)
	var err error
	b := &batch{cfg: cfg, progress: cfg.Progress, stop: make(chan struct{}), broken: make(chan struct{})}
	if b.progress == nil {
		b.progress = quiet{}
	}
	pc := cfg.Pipeline
	pc.Stop, pc.DryRun = b.stop, cfg.DryRun
	var stale []string
	if !cfg.DryRun {
		// Temporary files of a diglot killed while it wrote (never anything else).
		if stale, err = atomicfile.Clean(cfg.Out); err != nil {
			return nil, fmt.Errorf("removing stale temporary files: %w", err)
		}
	}
	var spill *spillMemory
	unspilled := 0
	if pc.Memory != nil && !cfg.DryRun {
		if unspilled, err = Unspill(ctx, pc.Memory, cfg.Out); err != nil {
			return nil, fmt.Errorf("storing the translations an earlier run kept: %w", err)
		}
		spill = newSpillMemory(pc.Memory, cfg.Out)
		pc.Memory = spill.withCapabilities()
	}
	pc.OnBatch = func(t pipeline.Totals) { b.update(t, nil) }
	if b.p, err = pipeline.New(pc); err != nil {
		return nil, err
	}
	if cfg.Interrupt != nil {
		cfg.Interrupt.setInFlight(b.p.RequestsInFlight)
	}
	b.counts.ArticlesTotal = len(inputs)

	done := make(chan struct{})
	go func() {
		select {
		case <-cfg.Stop:
			b.halt()
		case <-done:
		}
	}()
	outcomes := b.run(ctx, inputs)
	close(done)
	interrupted := ctx.Err() != nil || isClosed(cfg.Stop)

	r := b.report(outcomes, start, interrupted)
	r.Unspilled, r.StaleRemoved = unspilled, len(stale)
	var errs []error
	if spill != nil {
		if err := spill.close(); err != nil {
			r.Spilled = spill.count
			errs = append(errs, err)
		}
	}
	if !cfg.DryRun {
		// The report is tried even when the index cannot be written (a full
		// disk): it is the record of what was paid for. A shard leaves the
		// index page to diglot index: shards that finish at the same time
		// would each write one that lists only their part.
		if cfg.Shard.N == 0 {
			if err := b.writeIndex(outcomes, interrupted); err != nil {
				errs = append(errs, fmt.Errorf("writing index: %w", err))
			}
		}
		if err := atomicfile.Write(filepath.Join(cfg.Out, cfg.Shard.ReportName()), r.WriteJSON); err != nil {
			errs = append(errs, fmt.Errorf("writing run report: %w", err))
		}
		if len(errs) > 0 {
			return r, errors.Join(errs...)
		}
	}
	if interrupted {
		return r, ErrInterrupted
	}
	if err := b.p.Broken(); err != nil && !cfg.DryRun {
		return r, &BrokenError{Err: err, Done: r.Articles.Done, Failed: r.Articles.Failed, NotAttempted: r.Articles.NotAttempted}
	}
	return r, nil
}

// Inputs collects the inputs ([Collect]) and reads the files named among
// them with read: a bad one is an [*InputError], before anything is written.
// They are read again when their turn comes rather than held, so that a shell
// glob of thousands of articles costs no more memory than a folder of them.
func Inputs(paths []string, out string, read article.Options) ([]Input, error) {
	inputs, err := Collect(paths, out)
	if err != nil {
		return nil, err
	}
	for _, in := range inputs {
		if in.Named {
			// An empty scrape is the article's outcome, not a bad command
			// line: a shell glob that catches one must not stop the night.
			if _, err := article.Read(in.Path, read); err != nil && !noText(err) {
				return nil, &InputError{Path: in.Path, Err: err}
			}
		}
	}
	return inputs, nil
}

// halt stops new requests; it may be called more than once.
func (b *batch) halt() { b.stopOnce.Do(func() { close(b.stop) }) }

func isClosed(c <-chan struct{}) bool {
	if c == nil {
		return false
	}
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// run translates the inputs with cfg.Jobs workers and returns an outcome for
// each, in input order.
func (b *batch) run(ctx context.Context, inputs []Input) []outcome {
	outcomes := make([]outcome, len(inputs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(b.cfg.Jobs, len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outcomes[i] = b.one(ctx, inputs[i])
				b.finished(&outcomes[i])
				if b.p.Broken() != nil {
					b.brokenOnce.Do(func() { close(b.broken) })
				}
			}
		}()
	}
feed:
	for i := range inputs {
		select {
		case next <- i:
		case <-b.stop:
			break feed
		case <-b.broken:
			break feed
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for i := range outcomes {
		if outcomes[i].status == "" {
			st := Stopped
			if b.p.Broken() != nil {
				st = NotAttempted
			}
			outcomes[i] = outcome{in: inputs[i], status: st}
		}
	}
	return outcomes
}

// finished records an article's outcome in the progress display, and stops
// the run on a failure when FailFast asks.
func (b *batch) finished(oc *outcome) {
	if oc.status == Stopped {
		return
	}
	b.update(b.p.Totals(), oc)
	if oc.status == Failed && b.cfg.FailFast {
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
		case Skipped, Empty:
			c.Skipped++
		case Failed:
			c.Failed++
		}
	}
	counts := *c
	b.mu.Unlock()
	if oc == nil {
		b.progress.Update(counts)
		return
	}
	status, errText := oc.status, ""
	if status == Empty {
		status = Skipped // the display knows done, skipped and failed
	}
	if oc.err != nil {
		// The display names the article already: the error need not.
		errText = withoutPath(oc.err.Error(), oc.in.Path, oc.in.Rel)
	}
	b.progress.Article(oc.in.Rel, string(status), errText, counts)
}

// one reads, translates and writes one article, or skips it when its
// outputs are up to date.
func (b *batch) one(ctx context.Context, in Input) outcome {
	oc := outcome{in: in}
	fail := func(err error) outcome {
		// The text of a failure reaches the terminal, run.json and the
		// index page: whatever a server echoed, no credential goes there.
		oc.status, oc.err = Failed, &redactedError{err}
		switch {
		case errors.Is(err, pipeline.ErrNotAttempted):
			oc.status, oc.err = NotAttempted, nil
		case errors.Is(err, pipeline.ErrStopped) || errors.Is(err, context.Canceled):
			oc.status, oc.err = Stopped, nil
		}
		return oc
	}
	art, err := article.Read(in.Path, b.cfg.Read)
	if err != nil && noText(err) && !b.cfg.Strict {
		oc.status = Empty
		return oc
	}
	if err != nil {
		return fail(err)
	}
	base := b.base(in.Rel)
	// The last edition, if diglot can read it (not an older schema or a hand
	// edit): to skip the article, and to keep as the previous edition. A dry
	// run needs neither.
	var last *bitext.Document
	if !b.cfg.DryRun {
		last, _ = ReadJSON(base + ".json")
	}
	if !b.cfg.Force && last != nil && b.upToDate(ctx, last, base, in.Rel, art) {
		oc.status = Skipped
		oc.stats = pipeline.Stats{Segments: len(last.Segments)}
		oc.index = output.Summarize(last, b.href(in.Rel), 0)
		return oc
	}
	doc, st, err := b.p.Document(ctx, art, in.Rel)
	oc.stats = st
	if err != nil {
		return fail(err)
	}
	if b.cfg.DryRun {
		oc.status = Done
		return oc
	}
	doc.Backend.Settings = b.p.Settings
	oc.flag = flag(in.Path, doc)
	changes, err := write(base, doc, last, b.cfg.Formats, b.cfg.Output)
	if err != nil {
		return fail(err)
	}
	oc.status = Done
	oc.index = output.Summarize(doc, b.href(in.Rel), changes)
	return oc
}

// base is the output path of the article at rel, without extension.
func (b *batch) base(rel string) string {
	return filepath.Join(b.cfg.Out, filepath.FromSlash(output.BaseName(rel, b.p.From, b.p.To)))
}

func (b *batch) href(rel string) string { return output.BaseName(rel, b.p.From, b.p.To) + ".html" }

func (b *batch) hasFormat(name string) bool {
	return slices.ContainsFunc(b.cfg.Formats, func(f output.Format) bool { return f.Name == name })
}

// writeIndex writes OUT/index.html listing every article in OUT: those of
// the run as it left them, and those of earlier runs still there; a banner
// says when the run was interrupted or some articles failed.
func (b *batch) writeIndex(outcomes []outcome, interrupted bool) error {
	if !b.hasFormat("html") {
		return nil
	}
	var entries []output.IndexEntry
	inRun := map[string]bool{}
	failed, stopped := 0, 0
	for _, oc := range outcomes {
		switch oc.status {
		case Done, Skipped:
			entries = append(entries, oc.index)
			inRun[oc.in.Rel] = true
		case Failed:
			entries = append(entries, output.IndexEntry{Path: oc.in.Rel, Failed: oc.err.Error()})
			inRun[oc.in.Rel] = true
			failed++
		case Stopped, NotAttempted:
			stopped++
		}
	}
	// The run's own articles are listed from their outcomes: only the
	// records of earlier runs are read.
	records := map[string]bool{}
	for rel := range inRun {
		records[output.BaseName(rel, b.p.From, b.p.To)+".json"] = true
	}
	others, _ := output.ScanIndex(os.DirFS(b.cfg.Out), b.p.From, b.p.To, func(record string) bool { return records[record] })
	for _, e := range others {
		if !inRun[e.Path] {
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return nil
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	opt := output.IndexOptions{Title: "diglot: " + b.p.From + "→" + b.p.To}
	switch {
	case b.p.Broken() != nil && !interrupted:
		opt.Banner = fmt.Sprintf("The last run was stopped by the backend (%s): %d %s not translated; run it again to resume once the account is in order.",
			termsafe.String(translate.Redact(b.p.Broken().Error())), stopped, plural(stopped, "article was", "articles were"))
	case interrupted:
		opt.Banner = fmt.Sprintf("The last run was interrupted: %d %s not translated (earlier editions, if any, are listed); run it again to resume.",
			stopped, plural(stopped, "article was", "articles were"))
	case failed > 0:
		opt.Banner = fmt.Sprintf("The last run had %d failed %s: see below.", failed, plural(failed, "article", "articles"))
	}
	return atomicfile.Write(filepath.Join(b.cfg.Out, "index.html"), func(w io.Writer) error {
		return output.WriteIndexWith(w, opt, entries)
	})
}

// report sums the outcomes up.
func (b *batch) report(outcomes []outcome, start time.Time, interrupted bool) *Report {
	r := &Report{Schema: ReportSchema, Started: start.UTC().Truncate(time.Second),
		Seconds: time.Since(start).Seconds(), Finished: time.Now().UTC(), Backend: b.p.BackendName, From: b.p.From, To: b.p.To,
		Shard: b.cfg.Shard.String(), DryRun: b.cfg.DryRun, NewMemory: b.cfg.NewMemory, Interrupted: interrupted,
		Failures: []Failure{}, Empty: []string{}, Problems: map[string]int{},
		Flagged: []Flagged{}}
	if m, ok := b.p.Backend.(translate.Modeler); ok {
		r.Model = m.Model()
	}
	var st pipeline.Stats
	r.Articles.Total = len(outcomes)
	for _, oc := range outcomes {
		switch oc.status {
		case Done:
			r.Articles.Done++
		case Skipped:
			r.Articles.Skipped++
		case Failed:
			r.Articles.Failed++
			r.Failures = append(r.Failures, Failure{Path: oc.in.Path, Article: oc.in.Rel, Error: oc.err.Error()})
		case Stopped:
			r.Articles.Stopped++
		case Empty:
			r.Articles.Empty++
			r.Empty = append(r.Empty, oc.in.Path)
		case NotAttempted:
			r.Articles.NotAttempted++
			r.NotAttempted = append(r.NotAttempted, oc.in.Path)
		}
		if oc.status == Done || oc.status == Skipped {
			st.Add(oc.stats)
			if oc.flag != nil {
				r.Flagged = append(r.Flagged, *oc.flag)
			}
		}
	}
	// What was sent is counted as it is sent, failed articles included: it
	// is what the run cost.
	t := b.p.Totals()
	r.Segments = SegmentCounts{Total: st.Segments, Memory: st.MemoryHits, Backend: st.Translated,
		GlossaryChanged: st.GlossaryChanged, Waited: st.Waited, SentAfterWait: st.WaitedThenSent}
	r.Chars, r.Requests, r.Retries = t.Chars, t.Requests, t.Retries
	if b.cfg.DryRun {
		r.Chars, r.Requests = st.Chars, st.Requests
	}
	if err := b.p.Broken(); err != nil {
		r.StoppedBy = termsafe.String(translate.Redact(err.Error()))
	}
	r.Terms, r.Removed = st.Terms, st.Removed
	maps.Copy(r.Problems, st.Rules)
	return r
}

// Settings is the canonical form of the backend settings that change a
// translation, for [pipeline.Config.Settings]: the options (credentials are
// never options; a URL among them loses its user information and credential
// parameters, [translate.StripCredentials]) and the endpoint without any user
// information or query. It is recorded in every JSON output, the memory's
// key and its export, so it holds no credential.
func Settings(options map[string]string, endpoint string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(options)) {
		parts = append(parts, k+"="+translate.StripCredentials(options[k]))
	}
	if endpoint != "" {
		ep := translate.Redact(endpoint)
		if u, err := url.Parse(endpoint); err == nil {
			u.User = nil
			u.RawQuery = ""
			u.Fragment = ""
			ep = u.String()
		}
		parts = append(parts, "endpoint="+ep)
	}
	return strings.Join(parts, ";")
}

// JunkRules returns the junk-line rules: the default set, then one rule per
// "name=regexp" spec.
func JunkRules(specs ...string) ([]article.JunkRule, error) {
	rules := article.DefaultJunkRules()
	for i, s := range specs {
		rule, err := article.ParseJunkRule(s)
		if err != nil {
			return nil, fmt.Errorf("junk rule %d: %w", i+1, err)
		}
		rules = append(rules, rule)
	}
	return rules, nil
}

type quiet struct{}

func (quiet) Update(progress.Counts)                          {}
func (quiet) Article(string, string, string, progress.Counts) {}
func (quiet) Close()                                          {}

// redactedError is an article's failure whose text is redacted of
// credentials ([translate.Redact]); it unwraps to the error for errors.Is.
type redactedError struct{ err error }

func (e *redactedError) Error() string { return translate.Redact(e.err.Error()) }
func (e *redactedError) Unwrap() error { return e.err }

// noText reports whether err is an article's "no text to translate": an
// empty file, or one whose every line is junk.
func noText(err error) bool {
	var ae *article.Error
	return errors.As(err, &ae) && ae.Msg == article.MsgNoText
}

// withoutPath is an error text without the file name it starts with (the
// input's path, or its path in the batch), for a line that names the file
// already.
func withoutPath(text string, paths ...string) string {
	for _, p := range paths {
		if rest, ok := strings.CutPrefix(text, p+": "); ok {
			return rest
		}
		if rest, ok := strings.CutPrefix(text, p+":"); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return "line " + rest // "12: bad byte" reads as "line 12: bad byte"
		}
	}
	return text
}
