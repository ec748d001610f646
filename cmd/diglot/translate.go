package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/internal/cliutil"
	"github.com/diglot/diglot/internal/progress"
	"github.com/diglot/diglot/internal/settings"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate/all"
)

// translateOptions holds the flag values of `diglot translate`: the job
// (edition.Job), and the configuration it was resolved with.
type translateOptions struct {
	edition.Job
	config *settings.File
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
			cliutil.Choice(&cli.StringFlag{Name: "backend", Aliases: []string{"b"}, Value: "apertium", Usage: "translation `NAME` (see diglot backends)"}, all.Backends().Names()),
			&cli.StringFlag{Name: "endpoint", Usage: "base `URL` of the backend's server (APY for apertium, self-hosted or test servers)"},
			&cli.StringSliceFlag{Name: "glossary", Aliases: []string{"g"}, Usage: "terminology `FILE` (.tsv, .csv, .tbx, .yaml); repeat for several, later ones win"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: "output `DIR`, mirroring the input tree"},
			cliutil.Choice(&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: output.DefaultFormats, Usage: "output `FORMATS`, comma-separated, in place of the default; +FORMATS adds to it (--format +xliff,tmx): " + strings.Join(output.FormatNames(), ", ")}, output.FormatNames()),
			&cli.StringFlag{Name: "xliff-version", Value: output.XLIFF12, Usage: "XLIFF `VERSION` of --format xliff: 1.2 (CAT tools), 2.1, or omegat (1.2 with the source in <target>, see docs/cat.md)"},
			cliutil.Choice(&cli.StringFlag{Name: "md-layout", Value: "interleaved", Usage: "Markdown `LAYOUT`: interleaved or table"}, output.MarkdownLayouts),
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
			cliutil.Choice(&cli.StringFlag{Name: "progress", Value: "auto", Usage: "progress `MODE`: auto (a live display on a terminal, lines elsewhere), bar, lines, json, quiet (no progress; the summary stays)"}, progress.ModeNames()),
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
	cfg.Announce(a.stderr, c.Bool("quiet"))
	o := &translateOptions{config: cfg, Job: edition.Job{
		Endpoint: c.String("endpoint"), Memory: a.tmLocation(c),
		InFlight: c.Int("in-flight"), CharsPerMinute: c.Int("chars-per-minute"), Terms: c.String("terms"),
		Registry: all.Backends(), Getenv: a.getenv, Log: a.stderr, Terminal: isTerminal(a.stderr),
	}}
	if _, err := pipeline.ParseStrategy(o.Terms); err != nil {
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
		o.Memory, e.Force = "", true
	}
	r := cfg.Resolve(given(c))
	o.From, o.To, o.Backend, o.Glossaries = r.From, r.To, r.Backend, r.Glossary
	if err := cfg.CheckLangs(given(c), r); err != nil {
		return nil, err
	}
	if o.backendOptions, err = cfg.BackendOptions(o.Backend, c.StringSlice("option")); err != nil {
		return nil, err
	}
	o.Options = o.backendOptions.Values
	if m := c.String("model"); m != "" {
		o.Options["model"] = m
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
	if e.Output.Markdown, err = output.ParseMarkdownLayout(c.String("md-layout")); err != nil {
		return nil, badUsage("--md-layout: %w", err)
	}
	if e.Jobs < 1 {
		return nil, badUsage("--jobs: %d: want 1 or more", e.Jobs)
	}
	if c.IsSet("shard") {
		if e.Shard, err = edition.ParseShard(c.String("shard")); err != nil {
			return nil, badUsage("--shard: %w", err)
		}
	}
	if o.InFlight < 0 || o.CharsPerMinute < 0 {
		return nil, badUsage("--in-flight and --chars-per-minute take a positive number")
	}
	if err := checkNames("progress", "mode", c.String("progress"), progress.ModeNames()); err != nil {
		return nil, err
	}
	if o.Display, err = progress.ParseMode(c.String("progress")); err != nil {
		return nil, badUsage("--progress: %w", err)
	}
	if o.Quiet = c.Bool("quiet"); o.Quiet {
		o.Display = progress.ModeQuiet
	}
	return o, nil
}

// runTranslate runs the job, handling signals from the start (Ctrl-C or
// SIGTERM while the backend is set up, since a language listing may hang,
// ends the command with the interrupted code, as during the batch), and
// reports.
func (a *app) runTranslate(ctx context.Context, o *translateOptions) error {
	hard, cancel := context.WithCancel(ctx)
	defer cancel()
	in := edition.NewInterrupt(a.stderr, cancel, stopGrace)
	endSignals := onSignals(in.Signal)
	defer endSignals()
	info, ok := o.Registry.Lookup(o.Backend)
	if !ok {
		return unknownName("backend", o.Backend, o.Registry.Names())
	}
	if err := o.backendOptions.CheckAddresses(info, o.Endpoint != "", a.getenv); err != nil {
		return err
	}
	r, err := edition.Translate(hard, in, o.Job)
	endSignals()
	if r == nil || (err != nil && !errors.Is(err, edition.ErrInterrupted) && !errors.Is(err, edition.ErrMemoryWrite)) {
		return err
	}
	r.WriteEnd(a.stdout, a.stderr, edition.EndOptions{DryRun: o.DryRun, Prices: edition.Prices(o.Registry.Infos(), o.config.Prices),
		Quiet: o.Quiet, NoDisplay: o.Display == progress.ModeQuiet, Shard: o.Shard, Out: o.Out})
	switch {
	case errors.Is(err, edition.ErrMemoryWrite):
		return err
	case err != nil:
		return fmt.Errorf("%w: complete articles were written, no partial file; run again to resume", err)
	case r.FailedError() != nil:
		return &reported{r.FailedError()}
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

// stopGrace is how long requests in flight may take to finish after Ctrl-C.
const stopGrace = 10 * time.Second
