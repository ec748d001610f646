package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/atomicfile"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/tmx"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/all"
	"github.com/diglot/diglot/xliff"
)

// translateOptions holds the flag values of `diglot translate`.
type translateOptions struct {
	from, to   string
	backend    string
	endpoint   string
	glossaries []string
	out        string
	formats    []string
	mdLayout   string
	jobs       int
	keepJunk   bool
	options    map[string]string
	config     *config
	paths      []string
}

// outputFormats are the --format values, with the file extension of each.
var outputFormats = map[string]string{
	"json":  ".json",
	"html":  ".html",
	"md":    ".md",
	"xliff": ".xlf",
	"tmx":   ".tmx",
}

func (a *app) translateCommand() *cli.Command {
	return &cli.Command{
		Name:      "translate",
		Usage:     "translate article files or folders into bilingual editions",
		ArgsUsage: "PATH...",
		Description: `Reads French articles (.txt, .md; folders are walked), removes scraped junk
lines (each one is recorded), applies the glossary, translates every paragraph
with the backend and writes, for a/b/c.txt, OUT/a/b/c.fr-en.json, .html and .md
(and .xlf, .tmx on request), plus OUT/index.html. The default backend, apertium,
works offline.

Examples:
   diglot translate articles/
   diglot translate --glossary names.tsv --out site/ articles/
   diglot translate --format json,html,xliff,tmx articles/
   diglot translate --backend apertium --endpoint http://localhost:2737 a.txt
   diglot translate --backend deepl --format json,html articles/   (DEEPL_AUTH_KEY set)

Exit status: 0 done; 1 some articles failed (the others are written);
2 usage or input error (nothing is written); 130 interrupted.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Value: "fr", Usage: "source language `CODE`"},
			&cli.StringFlag{Name: "to", Value: "en", Usage: "target language `CODE`"},
			&cli.StringFlag{Name: "backend", Aliases: []string{"b"}, Value: "apertium", Usage: "translation `NAME` (see diglot backends)"},
			&cli.StringFlag{Name: "endpoint", Usage: "base `URL` of the backend's server (APY for apertium, self-hosted or test servers)"},
			&cli.StringSliceFlag{Name: "glossary", Aliases: []string{"g"}, Usage: "terminology `FILE` (.tsv, .csv, .tbx, .yaml); repeat for several, later ones win"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: "output `DIR`, mirroring the input tree"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "html,md,json", Usage: "output `FORMATS`, comma-separated: " + strings.Join(sortedKeys(outputFormats), ", ")},
			&cli.StringFlag{Name: "md-layout", Value: "interleaved", Usage: "Markdown `LAYOUT`: interleaved or table"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: 4, Usage: "articles translated at once"},
			&cli.BoolFlag{Name: "keep-junk", Usage: "keep lines that look like scraped junk ([ad_1], Source link, Lire aussi…)"},
			&cli.StringFlag{Name: "model", Usage: "backend model `NAME` (same as --option model=NAME)"},
			&cli.StringSliceFlag{Name: "option", Usage: "backend option `NAME=VALUE` (see diglot backends); repeatable"},
			&cli.StringFlag{Name: "config", Usage: "configuration `FILE` (default: diglot.yaml here, if present)"},
		},
		Action: func(c *cli.Context) error {
			o, err := a.translateFlags(c)
			if err != nil {
				return usageError(err)
			}
			return a.runTranslate(c.Context, o)
		},
	}
}

// translateFlags reads and checks the flags; the config file fills what the
// command line leaves unset.
func (a *app) translateFlags(c *cli.Context) (*translateOptions, error) {
	cfg, err := loadConfig(c.String("config"))
	if err != nil {
		return nil, err
	}
	o := &translateOptions{
		from: c.String("from"), to: c.String("to"), backend: c.String("backend"),
		endpoint: c.String("endpoint"), glossaries: c.StringSlice("glossary"),
		out: c.String("out"), mdLayout: c.String("md-layout"), jobs: c.Int("jobs"),
		keepJunk: c.Bool("keep-junk"), config: cfg, paths: c.Args().Slice(),
		options: map[string]string{},
	}
	pick := func(flag string, v *string, fromConfig string) {
		if !c.IsSet(flag) && fromConfig != "" {
			*v = fromConfig
		}
	}
	pick("from", &o.from, cfg.From)
	pick("to", &o.to, cfg.To)
	pick("backend", &o.backend, cfg.Backend)
	if !c.IsSet("glossary") {
		o.glossaries = cfg.Glossary
	}
	for k, v := range cfg.Backends[o.backend] {
		o.options[k] = v
	}
	for _, kv := range c.StringSlice("option") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--option %q: want NAME=VALUE", kv)
		}
		o.options[k] = v
	}
	if m := c.String("model"); m != "" {
		o.options["model"] = m
	}
	if len(o.paths) == 0 {
		return nil, errors.New("translate: no PATH given (try: diglot translate articles/)")
	}
	for _, f := range strings.Split(c.String("format"), ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		if _, ok := outputFormats[f]; !ok {
			return nil, fmt.Errorf("--format: unknown format %q (want %s)", f, strings.Join(sortedKeys(outputFormats), ", "))
		}
		if !slices.Contains(o.formats, f) {
			o.formats = append(o.formats, f)
		}
	}
	if o.mdLayout != "interleaved" && o.mdLayout != "table" {
		return nil, fmt.Errorf("--md-layout: %q is not interleaved or table", o.mdLayout)
	}
	if o.jobs < 1 {
		return nil, fmt.Errorf("--jobs: %d: want 1 or more", o.jobs)
	}
	return o, nil
}

// result is the outcome of one article.
type result struct {
	in      input
	doc     *bitext.Document
	stats   translate.Stats
	changes int // segments changed since the previous edition
	err     error
}

func (a *app) runTranslate(ctx context.Context, o *translateOptions) error {
	start := time.Now()
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()

	inputs, err := collectInputs(o.paths, o.out)
	if err != nil {
		return usageError(err)
	}
	junk, err := o.config.junkRules()
	if err != nil {
		return usageError(err)
	}
	readOpts := article.Options{KeepJunk: o.keepJunk, Junk: junk}
	// Files named on the command line are read first: a bad one is an input
	// error, and nothing is written.
	named := map[string]*article.Article{}
	for _, in := range inputs {
		if in.named {
			art, err := article.Read(in.path, readOpts)
			if err != nil {
				return usageError(err)
			}
			named[in.path] = art
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
	p := &translate.Pipeline{Backend: backend, BackendName: o.backend, From: o.from, To: o.to, Glossary: gl}

	results := make([]result, len(inputs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(o.jobs, len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = a.translateOne(ctx, p, o, inputs[i], named[inputs[i].path], readOpts)
			}
		}()
	}
feed:
	for i := range inputs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()

	if err := a.writeIndex(o, results); err != nil {
		return fmt.Errorf("writing index: %w", err)
	}
	failed := a.summary(o, p, results, time.Since(start))
	switch {
	case ctx.Err() != nil:
		return withCode(exitInterrupted, errors.New("interrupted: complete articles were written, no partial file"))
	case failed > 0:
		return withCode(exitFindings, nil)
	}
	return nil
}

// newBackend builds the backend and checks that it has the language pair.
func (a *app) newBackend(ctx context.Context, o *translateOptions) (translate.Backend, error) {
	reg := all.Backends()
	info, ok := reg.Lookup(o.backend)
	if !ok {
		return nil, usageError(fmt.Errorf("unknown backend %q (available: %s)", o.backend, strings.Join(reg.Names(), ", ")))
	}
	for k := range o.options {
		if !slices.ContainsFunc(info.Options, func(opt translate.Option) bool { return opt.Name == k }) {
			return nil, usageError(fmt.Errorf("backend %s has no option %q (see diglot backends)", o.backend, k))
		}
	}
	b, err := info.New(translate.Config{Endpoint: o.endpoint, Options: o.options, Getenv: a.getenv})
	if err != nil {
		return nil, usageError(err)
	}
	if pr, ok := b.(translate.Preparer); ok {
		if err := pr.Prepare(ctx, o.from, o.to); err != nil {
			if errors.Is(err, translate.ErrUnsupportedPair) || errors.Is(err, translate.ErrAuth) {
				return nil, usageError(err)
			}
			return nil, withCode(exitFindings, err)
		}
	}
	return b, nil
}

// translateOne reads (unless already read), translates and writes one article.
func (a *app) translateOne(ctx context.Context, p *translate.Pipeline, o *translateOptions, in input, art *article.Article, readOpts article.Options) result {
	r := result{in: in}
	if art == nil {
		if art, r.err = article.Read(in.path, readOpts); r.err != nil {
			return r
		}
	}
	r.doc, r.stats, r.err = p.Document(ctx, art, in.rel)
	if r.err != nil {
		if ctx.Err() != nil {
			r.err = ctx.Err()
		}
		return r
	}
	r.changes, r.err = writeOutputs(o, r.doc)
	return r
}

// writeOutputs writes every requested format of one document, all or none,
// and returns how many segments changed since the previous edition.
//
// The previous edition is kept beside the JSON record as NAME.previous.json:
// when this run's document differs from the one it replaces, the one it
// replaces becomes the previous edition; when nothing changed, the previous
// edition stays as it was. The page shows the difference.
func writeOutputs(o *translateOptions, d *bitext.Document) (changes int, err error) {
	base := filepath.Join(o.out, filepath.FromSlash(output.BaseName(d.Source.Path, o.from, o.to)))
	var set atomicfile.Set
	// An edition diglot cannot read (an older schema, a hand edit) is one it
	// does not compare with.
	previous, _ := readEdition(base + ".previous.json")
	if last, _ := readEdition(base + ".json"); last != nil && output.Changes(last, d) > 0 {
		previous = last
		if err := set.Add(base+".previous.json", func(w io.Writer) error { return bitext.Write(w, last) }); err != nil {
			set.Abort()
			return 0, err
		}
	}
	changes = output.Changes(previous, d)
	for _, f := range o.formats {
		var fill func(io.Writer) error
		switch f {
		case "json":
			fill = func(w io.Writer) error { return output.WriteJSON(w, d) }
		case "html":
			fill = func(w io.Writer) error {
				return output.WriteHTML(w, d, output.HTMLOptions{Generator: "diglot " + version, Previous: previous})
			}
		case "md":
			fill = func(w io.Writer) error { return output.WriteMarkdown(w, d, output.MarkdownLayout(o.mdLayout)) }
		case "xliff":
			fill = func(w io.Writer) error { return xliff.Write(w, d) }
		case "tmx":
			fill = func(w io.Writer) error { return tmx.Write(w, tmx.FromBitext(d)) }
		}
		if err := set.Add(base+outputFormats[f], fill); err != nil {
			set.Abort()
			return 0, fmt.Errorf("%s: %w", base+outputFormats[f], err)
		}
	}
	return changes, set.Commit()
}

// writeIndex writes OUT/index.html listing the articles of the run.
func (a *app) writeIndex(o *translateOptions, results []result) error {
	if !slices.Contains(o.formats, "html") {
		return nil
	}
	var entries []output.IndexEntry
	for _, r := range results {
		if r.doc == nil && r.err == nil {
			continue // not reached before an interruption
		}
		e := output.IndexEntry{Doc: r.doc, Path: r.in.rel, Changes: r.changes,
			Href: output.BaseName(r.in.rel, o.from, o.to) + ".html"}
		if r.err != nil {
			e.Doc, e.Failed = nil, r.err.Error()
		}
		entries = append(entries, e)
	}
	if len(entries) == 0 {
		return nil
	}
	return atomicfile.Write(filepath.Join(o.out, "index.html"), func(w io.Writer) error {
		return output.WriteIndex(w, "diglot: "+o.from+"→"+o.to, entries)
	})
}

// summary prints what the run did on stderr and returns the number of
// articles that failed.
func (a *app) summary(o *translateOptions, p *translate.Pipeline, results []result, took time.Duration) int {
	var st translate.Stats
	done, failed := 0, 0
	for _, r := range results {
		switch {
		case r.err != nil && !errors.Is(r.err, context.Canceled):
			failed++
			fmt.Fprintf(a.stderr, "diglot: %s: failed: %v\n", r.in.path, r.err)
		case r.doc != nil:
			done++
			st.Add(r.stats)
		}
	}
	model := ""
	if m, ok := p.Backend.(translate.Modeler); ok && m.Model() != "" {
		model = " (" + m.Model() + ")"
	}
	fmt.Fprintf(a.stderr, "diglot: %d %s translated %s→%s with %s%s in %s",
		done, plural(done, "article", "articles"), o.from, o.to, o.backend, model, took.Round(time.Millisecond))
	if failed > 0 {
		fmt.Fprintf(a.stderr, ", %d failed", failed)
	}
	fmt.Fprintf(a.stderr, "\n  %d segments, %d characters sent in %d requests; %d terms applied; %d problems; %d junk lines removed\n",
		st.Segments, st.Chars, st.Requests, st.Terms, st.Problems, st.Removed)
	if done > 0 {
		fmt.Fprintf(a.stderr, "  output: %s (%s)\n", o.out, strings.Join(o.formats, ", "))
	}
	return failed
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
