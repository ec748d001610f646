package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/progress"
	"github.com/diglot/diglot/internal/settings"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate/all"
)

// translateOptions holds the flag values of `diglot translate`. The batch's
// own settings (paths, out, formats, jobs, reading…) are in edition.
type translateOptions struct {
	edition.Config
	from, to    string
	backend     string
	endpoint    string
	glossaries  []string
	options     map[string]string
	tmPath      string // "" with --no-tm
	progress    progress.Mode
	quiet       bool // --quiet: no progress, no summary, no notes; errors only
	inFlight    int
	charsPerMin int
	terms       string // --terms; "" is the backend's default strategy
	config      *settings.File
	// backendOptions are the file's and the command line's options.
	backendOptions *settings.BackendOptions
}

func (a *app) translateCommand() *cli.Command {
	return &cli.Command{
		Name:        "translate",
		Usage:       "translate article files or folders into bilingual editions",
		ArgsUsage:   "PATH...",
		Description: help("translate"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Value: "fr", Usage: "source language `CODE`"},
			&cli.StringFlag{Name: "to", Value: "en", Usage: "target language `CODE`"},
			&cli.StringFlag{Name: "backend", Aliases: []string{"b"}, Value: "apertium", Usage: "translation `NAME` (see diglot backends)"},
			&cli.StringFlag{Name: "endpoint", Usage: "base `URL` of the backend's server (APY for apertium, self-hosted or test servers)"},
			&cli.StringSliceFlag{Name: "glossary", Aliases: []string{"g"}, Usage: "terminology `FILE` (.tsv, .csv, .tbx, .yaml); repeat for several, later ones win"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: "output `DIR`, mirroring the input tree"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: output.DefaultFormats, Usage: "output `FORMATS`, comma-separated, in place of the default; +FORMATS adds to it (--format +xliff,tmx): " + strings.Join(output.FormatNames(), ", ")},
			&cli.StringFlag{Name: "xliff-version", Value: output.XLIFF12, Usage: "XLIFF `VERSION` of --format xliff: 1.2 (CAT tools), 2.1, or omegat (1.2 with the source in <target>, see docs/cat.md)"},
			&cli.StringFlag{Name: "md-layout", Value: "interleaved", Usage: "Markdown `LAYOUT`: interleaved or table"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: 8, Usage: "`N` articles translated at once"},
			&cli.StringFlag{Name: "shard", Usage: "translate only part `I/N` of the inputs (I = 0…N-1, one per worker; see docs/scale.md): the report is OUT/run.I-of-N.json, and diglot index OUT writes the index"},
			&cli.BoolFlag{Name: "keep-junk", Usage: "keep lines that look like scraped junk ([ad_1], Source link, Lire aussi…)"},
			&cli.StringFlag{Name: "model", Usage: "backend model `NAME` (same as --option model=NAME)"},
			&cli.StringFlag{Name: "terms", Usage: "glossary `STRATEGY` for engines without a native mechanism: protect (placeholders, re-translated without them where lost) or verify-first (translate as is, re-translate with placeholders only where a term came out wrong)", DefaultText: "verify-first for apertium and libre, protect for the others"},
			&cli.StringSliceFlag{Name: "option", Usage: "backend option `NAME=VALUE` (see diglot backends); repeatable"},
			tmLocationFlag(),
			&cli.BoolFlag{Name: "no-tm", Usage: "use no translation memory: translate every article again, unchanged ones too (as --force), and remember nothing"},
			&cli.BoolFlag{Name: "dry-run", Usage: "send nothing: say how many segments and characters would go to the backend, and the estimated cost"},
			&cli.BoolFlag{Name: "force", Usage: "do not skip articles whose outputs are up to date (that check is separate from the memory, which still saves the calls): rewrite them"},
			&cli.BoolFlag{Name: "fail-fast", Usage: "stop at the first article that fails"},
			&cli.BoolFlag{Name: "strict", Usage: "count an article with no text to translate (empty, or only junk lines) as failed, not skipped"},
			&cli.StringFlag{Name: "progress", Value: "auto", Usage: "progress `MODE`: auto (a live display on a terminal, lines elsewhere), bar, lines, json, quiet (no progress; the summary stays)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress and no summary; errors only"},
			&cli.IntFlag{Name: "in-flight", Usage: "`N` backend requests at once", DefaultText: "the backend's own bound"},
			&cli.IntFlag{Name: "chars-per-minute", Usage: "pace requests to `N` characters a minute", DefaultText: "the backend's documented quota"},
			&cli.StringFlag{Name: "config", Usage: "configuration `FILE`", DefaultText: "the first diglot.yaml here or in a parent folder"},
		},
		Action: func(c *cli.Context) error {
			o, err := a.translateFlags(c)
			if err != nil {
				return err
			}
			return a.runTranslate(c.Context, o)
		},
	}
}

// translateFlags reads and checks the flags; the config file fills what the
// command line leaves unset.
func (a *app) translateFlags(c *cli.Context) (*translateOptions, error) {
	cfg, err := settings.Load(c.String("config"))
	if err != nil {
		return nil, err
	}
	if !c.IsSet("config") && cfg.Path != "" && filepath.Dir(cfg.Path) != "." && !c.Bool("quiet") {
		fmt.Fprintf(a.stderr, "diglot: using the configuration %s\n", cfg.Path)
	}
	o := &translateOptions{
		from: c.String("from"), to: c.String("to"), backend: c.String("backend"),
		endpoint: c.String("endpoint"), glossaries: c.StringSlice("glossary"), config: cfg,
		tmPath:   a.tmLocation(c),
		inFlight: c.Int("in-flight"), charsPerMin: c.Int("chars-per-minute"), terms: c.String("terms"),
	}
	if _, err := pipeline.ParseStrategy(o.terms); err != nil {
		return nil, badUsage("--terms: %w", err)
	}
	e := &o.Config
	e.Paths, e.Out, e.Jobs = c.Args().Slice(), c.String("out"), c.Int("jobs")
	e.DryRun, e.Force, e.FailFast, e.Strict = c.Bool("dry-run"), c.Bool("force"), c.Bool("fail-fast"), c.Bool("strict")
	e.Read.KeepJunk = c.Bool("keep-junk")
	if e.Read.Junk, err = edition.JunkRules(cfg.JunkSpecs()...); err != nil {
		return nil, badUsage("%s: %w", cfg.Path, err)
	}
	e.Output.Generator = "diglot " + version
	if c.Bool("no-tm") {
		// No memory means translate again: skipping up-to-date articles
		// would reuse earlier translations, only from the outputs.
		o.tmPath, e.Force = "", true
	}
	pick := func(flag string, v *string, fromConfig string) {
		if !c.IsSet(flag) && fromConfig != "" {
			*v = fromConfig
		}
	}
	pick("from", &o.from, cfg.From)
	pick("to", &o.to, cfg.To)
	if err := settings.CheckLang(cfg.LangSource(c.IsSet("from") || cfg.From == "", "from"), o.from); err != nil {
		return nil, err
	}
	if err := settings.CheckLang(cfg.LangSource(c.IsSet("to") || cfg.To == "", "to"), o.to); err != nil {
		return nil, err
	}
	pick("backend", &o.backend, cfg.Backend)
	o.backend = strings.ToLower(o.backend) // DeepL is deepl
	if !c.IsSet("glossary") {
		o.glossaries = cfg.Glossary
	}
	if o.backendOptions, err = cfg.BackendOptions(o.backend, c.StringSlice("option")); err != nil {
		return nil, err
	}
	o.options = o.backendOptions.Values
	if m := c.String("model"); m != "" {
		o.options["model"] = m
	}
	if len(e.Paths) == 0 {
		return nil, badUsage("translate: no PATH given (try: diglot translate articles/)")
	}
	if e.Formats, err = output.ParseFormats(c.String("format")); err != nil {
		return nil, badUsage("--format: %w", err)
	}
	if e.Output.XLIFFVersion, err = output.LookupXLIFFVersion(c.String("xliff-version")); err != nil {
		return nil, badUsage("--xliff-version: %w", err)
	}
	switch layout := c.String("md-layout"); layout {
	case "interleaved", "table":
		e.Output.Markdown = output.MarkdownLayout(layout)
	default:
		return nil, badUsage("--md-layout: %q is not interleaved or table", layout)
	}
	if e.Jobs < 1 {
		return nil, badUsage("--jobs: %d: want 1 or more", e.Jobs)
	}
	if c.IsSet("shard") {
		if e.Shard, err = edition.ParseShard(c.String("shard")); err != nil {
			return nil, badUsage("--shard: %w", err)
		}
	}
	if o.inFlight < 0 || o.charsPerMin < 0 {
		return nil, badUsage("--in-flight and --chars-per-minute take a positive number")
	}
	if err := checkNames("progress", "mode", c.String("progress"), progress.ModeNames()); err != nil {
		return nil, err
	}
	if o.progress, err = progress.ParseMode(c.String("progress")); err != nil {
		return nil, badUsage("--progress: %w", err)
	}
	if o.quiet = c.Bool("quiet"); o.quiet {
		o.progress = progress.ModeQuiet
	}
	return o, nil
}

// runTranslate sets the batch up (inputs first: a bad one is refused before
// anything is opened or written), runs it, and reports.
func (a *app) runTranslate(ctx context.Context, o *translateOptions) error {
	// Signals are handled from the start: Ctrl-C or SIGTERM while the
	// backend is set up (a language listing may hang) ends the command with
	// the interrupted code, as during the batch.
	hard, cancel := context.WithCancel(ctx)
	defer cancel()
	// At the first Ctrl-C the display is cleared, so that the line saying
	// what happens next is not drawn over (nor left under a stale bar).
	in := edition.NewInterrupt(a.stderr, cancel, stopGrace)
	o.Stop, o.Interrupt = in.Stop(), in
	endSignals := onSignals(in.Signal)
	defer endSignals()
	setup, endSetup := context.WithCancel(hard)
	defer endSetup()
	go func() {
		select {
		case <-in.Stop():
			endSetup()
		case <-setup.Done():
		}
	}()
	interrupted := func(err error) error {
		if in.Stopped() {
			return fmt.Errorf("%w before the batch started: nothing was written", edition.ErrInterrupted)
		}
		return err
	}
	ctx = setup
	var err error
	if o.Inputs, err = edition.Inputs(o.Paths, o.Out, o.Read); err != nil {
		return err
	}
	var gl *glossary.Glossary
	if len(o.glossaries) > 0 {
		if gl, err = glossary.Load(o.glossaries...); err != nil {
			return err
		}
		for _, c := range gl.Conflicts {
			fmt.Fprintf(a.stderr, "diglot: glossary conflict: %s\n", c)
		}
	}
	backend, err := a.newBackend(ctx, o)
	if err != nil {
		return interrupted(err)
	}
	if c, ok := backend.(io.Closer); ok {
		defer c.Close()
	}
	terms := termsStrategy(o)
	settings := edition.Settings(o.options, o.endpoint)
	if ts := terms.Setting(); ts != "" {
		settings = strings.TrimPrefix(settings+";"+ts, ";")
	}
	o.Pipeline = pipeline.Config{Backend: backend, BackendName: o.backend, Settings: settings, Terms: terms,
		From: o.from, To: o.to, Glossary: gl, InFlight: o.inFlight, CharsPerMinute: o.charsPerMin}
	fresh := o.tmPath != "" && !o.DryRun && !tm.IsPostgres(o.tmPath) && !fileExists(o.tmPath)
	memory, err := openMemory(o)
	if err != nil {
		return badInput(err)
	}
	if memory != nil && fresh && !o.quiet {
		// A memory in the working directory is a surprise when the
		// command runs from elsewhere (cron): say so where it happens.
		fmt.Fprintf(a.stderr, "diglot: new translation memory %s (--tm FILE or $DIGLOT_TM for another)\n", absPath(o.tmPath))
	}
	o.NewMemory = memory != nil && fresh
	if memory != nil {
		defer memory.Close()
		o.Pipeline.Memory = memory // a nil *tm.Memory would be a non-nil Memory
	}
	if o.Progress, err = progress.New(a.stderr, o.progress, isTerminal(a.stderr), nil); err != nil {
		return err
	}
	in.SetDisplay(o.Progress)
	if in.Stopped() {
		o.Progress.Close()
		return interrupted(nil)
	}
	r, err := edition.Run(hard, o.Config)
	endSignals()
	o.Progress.Close()
	if err != nil && !errors.Is(err, edition.ErrInterrupted) && !errors.Is(err, edition.ErrMemoryWrite) {
		return err
	}
	switch {
	case o.DryRun:
		r.WriteDryRun(a.stdout, edition.Prices(all.Backends().Infos(), o.config.Prices))
	case o.quiet:
		r.WriteFailures(a.stderr)
	case o.progress == progress.ModeQuiet:
		// No display said which articles failed: the summary's lines do.
		r.WriteFailures(a.stderr)
		r.WriteEmpty(a.stderr)
		a.writeSummary(o, r)
	default:
		r.WriteEmpty(a.stderr)
		a.writeSummary(o, r)
	}
	switch {
	case errors.Is(err, edition.ErrMemoryWrite):
		return err
	case err != nil:
		return fmt.Errorf("%w: complete articles were written, no partial file; run again to resume", err)
	case r.Articles.Failed > 0:
		return &reported{fmt.Errorf("%d %s failed", r.Articles.Failed, plural(r.Articles.Failed, "article", "articles"))}
	}
	return nil
}

// onSignals calls handle at each Ctrl-C (and SIGTERM) until the function it
// returns is called.
func onSignals(handle func()) func() {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		for range sigs {
			handle()
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(sigs) // nothing sends after Stop: this ends the goroutine
		})
	}
}

// writeSummary writes the run's summary, and for a shard where its report
// went and what to run when every shard is done.
func (a *app) writeSummary(o *translateOptions, r *edition.Report) {
	r.WriteSummary(a.stderr)
	if o.Shard.N > 0 {
		fmt.Fprintf(a.stderr, "  shard %s: report in %s; when every shard is done, diglot index %s writes the index\n",
			o.Shard, filepath.Join(o.Out, o.Shard.ReportName()), o.Out)
	}
}

// stopGrace is how long requests in flight may take to finish after Ctrl-C.
const stopGrace = 10 * time.Second

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// termsStrategy is --terms, else the backend's default.
func termsStrategy(o *translateOptions) pipeline.Strategy {
	if o.terms != "" {
		s, _ := pipeline.ParseStrategy(o.terms) // checked with the flags
		return s
	}
	if info, ok := all.Backends().Lookup(o.backend); ok {
		return pipeline.DefaultStrategy(info)
	}
	return pipeline.Protect
}
