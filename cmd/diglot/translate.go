package main

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/internal/progress"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/tm"
)

// translateOptions holds the flag values of `diglot translate`.
type translateOptions struct {
	from, to    string
	backend     string
	endpoint    string
	glossaries  []string
	out         string
	formats     []output.Format
	mdLayout    string
	jobs        int
	keepJunk    bool
	options     map[string]string
	tmPath      string // "" with --no-tm
	dryRun      bool
	force       bool
	failFast    bool
	progress    progress.Mode
	inFlight    int
	charsPerMin int
	config      *config
	paths       []string
}

// hasFormat reports whether the run writes the output format called name.
func (o *translateOptions) hasFormat(name string) bool {
	return slices.ContainsFunc(o.formats, func(f output.Format) bool { return f.Name == name })
}

func (a *app) translateCommand() *cli.Command {
	return &cli.Command{
		Name:      "translate",
		Usage:     "translate article files or folders into bilingual editions",
		ArgsUsage: "PATH...",
		Description: `Reads French articles (.txt, .md; folders are walked), removes scraped junk
lines (each one is recorded), applies the glossary, translates every paragraph
with the backend and writes, for a/b/c.txt, OUT/a/b/c.fr-en.json, .html and .md
(and .xlf, .tmx on request), plus OUT/index.html and OUT/run.json, the run report.
The default backend, apertium, works offline.

Every paragraph translated is kept in a translation memory (.diglot/tm.db):
a re-run sends only what changed, an article whose source and settings did not
change is skipped, and an interrupted run resumes where it stopped. Ctrl-C
stops new requests and lets those in flight finish (a second Ctrl-C abandons
them); complete articles are written, never a partial file.

Examples:
   diglot translate articles/
   diglot translate --glossary names.tsv --out site/ articles/
   diglot translate --dry-run --backend deepl articles/    (what it would cost)
   diglot translate --backend apertium --endpoint http://localhost:2737 a.txt
   diglot translate --backend deepl --format json,html,xliff articles/   (DEEPL_AUTH_KEY set)

Exit status: 0 done; 1 some articles failed (the others are written);
2 usage or input error (nothing is written); 130 interrupted.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Value: "fr", Usage: "source language `CODE`"},
			&cli.StringFlag{Name: "to", Value: "en", Usage: "target language `CODE`"},
			&cli.StringFlag{Name: "backend", Aliases: []string{"b"}, Value: "apertium", Usage: "translation `NAME` (see diglot backends)"},
			&cli.StringFlag{Name: "endpoint", Usage: "base `URL` of the backend's server (APY for apertium, self-hosted or test servers)"},
			&cli.StringSliceFlag{Name: "glossary", Aliases: []string{"g"}, Usage: "terminology `FILE` (.tsv, .csv, .tbx, .yaml); repeat for several, later ones win"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: "output `DIR`, mirroring the input tree"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "html,md,json", Usage: "output `FORMATS`, comma-separated: " + strings.Join(output.FormatNames(), ", ")},
			&cli.StringFlag{Name: "md-layout", Value: "interleaved", Usage: "Markdown `LAYOUT`: interleaved or table"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: 8, Usage: "`N` articles translated at once"},
			&cli.BoolFlag{Name: "keep-junk", Usage: "keep lines that look like scraped junk ([ad_1], Source link, Lire aussi…)"},
			&cli.StringFlag{Name: "model", Usage: "backend model `NAME` (same as --option model=NAME)"},
			&cli.StringSliceFlag{Name: "option", Usage: "backend option `NAME=VALUE` (see diglot backends); repeatable"},
			&cli.StringFlag{Name: "tm", Value: tm.DefaultPath, Usage: "translation memory `FILE` (SQLite)"},
			&cli.BoolFlag{Name: "no-tm", Usage: "use no translation memory: translate everything, remember nothing"},
			&cli.BoolFlag{Name: "dry-run", Usage: "send nothing: say how many segments and characters would go to the backend, and the estimated cost"},
			&cli.BoolFlag{Name: "force", Usage: "rewrite the outputs of articles that did not change (the memory still saves the calls)"},
			&cli.BoolFlag{Name: "fail-fast", Usage: "stop at the first article that fails"},
			&cli.StringFlag{Name: "progress", Value: "auto", Usage: "progress `MODE`: auto (a live display on a terminal, lines elsewhere), bar, lines, json, quiet"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress and no summary; errors only"},
			&cli.IntFlag{Name: "in-flight", Usage: "`N` backend requests at once", DefaultText: "the backend's own bound"},
			&cli.IntFlag{Name: "chars-per-minute", Usage: "pace requests to `N` characters a minute", DefaultText: "the backend's documented quota"},
			&cli.StringFlag{Name: "config", Usage: "configuration `FILE`", DefaultText: "diglot.yaml here, if present"},
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
		options: map[string]string{}, tmPath: c.String("tm"), dryRun: c.Bool("dry-run"),
		force: c.Bool("force"), failFast: c.Bool("fail-fast"),
		inFlight: c.Int("in-flight"), charsPerMin: c.Int("chars-per-minute"),
	}
	if c.Bool("no-tm") {
		o.tmPath = ""
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
		format, err := output.LookupFormat(f)
		if err != nil {
			return nil, fmt.Errorf("--format: %w", err)
		}
		if !o.hasFormat(f) {
			o.formats = append(o.formats, format)
		}
	}
	if o.mdLayout != "interleaved" && o.mdLayout != "table" {
		return nil, fmt.Errorf("--md-layout: %q is not interleaved or table", o.mdLayout)
	}
	if o.jobs < 1 {
		return nil, fmt.Errorf("--jobs: %d: want 1 or more", o.jobs)
	}
	if o.inFlight < 0 || o.charsPerMin < 0 {
		return nil, errors.New("--in-flight and --chars-per-minute take a positive number")
	}
	if o.progress, err = progress.ParseMode(c.String("progress")); err != nil {
		return nil, fmt.Errorf("--progress: %w", err)
	}
	if c.Bool("quiet") {
		o.progress = progress.ModeQuiet
	}
	return o, nil
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
