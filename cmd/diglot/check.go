package main

import (
	"bufio"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/cliutil"
	"github.com/diglot/diglot/internal/settings"
)

// checkOptions holds the flag values of `diglot check`.
type checkOptions struct {
	glossaries []string
	format     string
	failOn     check.Severity
	opts       check.Options
	paths      []string
	shard      edition.Shard
}

func (a *app) checkCommand() *cli.Command {
	return &cli.Command{
		Name:        "check",
		Usage:       "check translations against the glossary and QA rules, for CI",
		ArgsUsage:   "PATH...",
		Description: help("check"),
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "glossary", Aliases: []string{"g"}, Usage: "terminology `FILE` (.tsv, .csv, .tbx, .yaml); repeat for several, later ones win"},
			cliutil.Choice(&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: check.FormatText, Usage: "output `FORMAT`: " + strings.Join(check.Formats(), ", ")}, check.Formats()),
			cliutil.Choice(&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 on findings of `LEVEL` or above: error or warning"}, []string{"error", "warning"}),
			cliutil.Choice(&cli.StringFlag{Name: "rules", Usage: "run only these rules: comma-separated `IDS`"}, check.RuleIDs()),
			&cli.StringFlag{Name: "from", Value: "fr", Usage: "source language `CODE` of files that do not declare it"},
			&cli.StringFlag{Name: "to", Value: "en", Usage: "target language `CODE` of files that do not declare it"},
			&cli.StringFlag{Name: "config", Usage: "configuration `FILE`", DefaultText: "the first diglot.yaml here or in a parent folder"},
			&cli.StringFlag{Name: "shard", Usage: "check only part `I/N` of the files (I = 0…N-1, one per CI job), by a hash of each file's name as findings give it; rules across files (target-inconsistent) see only the part"},
		},
		Action: func(c *cli.Context) error {
			o, err := checkFlags(c)
			if err != nil {
				return err
			}
			return a.runCheck(c, o)
		},
	}
}

// checkFlags reads and checks the flags; the configuration fills what the
// command line leaves unset.
func checkFlags(c *cli.Context) (*checkOptions, error) {
	cfg, err := settings.Load(c.String("config"))
	if err != nil {
		return nil, err
	}
	r := cfg.Resolve(given(c))
	o := &checkOptions{glossaries: r.Glossary, format: c.String("format"), paths: c.Args().Slice(), opts: check.Options{From: r.From, To: r.To}}
	if len(o.paths) == 0 {
		return nil, badUsage("check: no PATH given (try: diglot check --glossary names.tsv out/)")
	}
	o.format = strings.ToLower(o.format)
	if err := checkNames("format", "format", o.format, check.Formats()); err != nil {
		return nil, err
	}
	if o.failOn, err = check.ParseSeverity(c.String("fail-on")); err != nil {
		return nil, badUsage("--fail-on: %w", err)
	}
	if c.IsSet("rules") {
		if err := checkNames("rules", "rule", c.String("rules"), check.RuleIDs()); err != nil {
			return nil, err
		}
		if o.opts.Rules, err = check.ParseRuleList(c.String("rules")); err != nil {
			return nil, badUsage("--rules: %w", err)
		}
	}
	if c.IsSet("shard") {
		if o.shard, err = edition.ParseShard(c.String("shard")); err != nil {
			return nil, badUsage("--shard: %w", err)
		}
	}
	if err := cfg.Check.Apply(&o.opts); err != nil {
		return nil, badUsage("%s: %w", cfg.Path, err)
	}
	return o, nil
}

// runCheck checks the files, writes the report to stdout and turns the
// findings into the exit code.
func (a *app) runCheck(c *cli.Context, o *checkOptions) error {
	if len(o.glossaries) > 0 {
		o.opts.LoadGlossary = func() (*glossary.Glossary, error) {
			return glossary.LoadWith(glossary.LoadOptions{From: o.opts.From, To: o.opts.To}, o.glossaries...)
		}
	}
	var keep func(string) bool
	if o.shard.N > 1 {
		keep = o.shard.Has
	}
	report, err := check.RunPaths(c.Context, o.paths, o.opts, keep)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(a.stdout)
	if err := check.Write(w, report, o.format, version); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if report.Fails(o.failOn) {
		return errFindings
	}
	return nil
}
