package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/tm"
)

func (a *app) configCommand() *cli.Command {
	return &cli.Command{
		Name:  "config",
		Usage: "show the settings in effect, and where each one comes from",
		Description: `Prints which configuration file is used (the first diglot.yaml found in the
working directory or a parent folder, up to the top of the git working tree,
unless --config names one), then each setting translate and check would use,
with its origin: default, config file, environment or flag. Give the same
flags as to translate to see what they change.

Examples:
   diglot config
   diglot config --backend deepl --tm shared.db`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "config", Usage: "configuration `FILE`", DefaultText: "diglot.yaml here or in a parent folder"},
			&cli.StringFlag{Name: "from", Value: "fr", Usage: "source language `CODE`"},
			&cli.StringFlag{Name: "to", Value: "en", Usage: "target language `CODE`"},
			&cli.StringFlag{Name: "backend", Aliases: []string{"b"}, Value: "apertium", Usage: "translation `NAME`"},
			&cli.StringSliceFlag{Name: "glossary", Aliases: []string{"g"}, Usage: "terminology `FILE`; repeatable"},
			tmLocationFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return badUsage("config: unexpected argument %q", c.Args().First())
			}
			cfg, err := loadConfig(c.String("config"))
			if err != nil {
				return err
			}
			return a.showConfig(c, cfg)
		},
	}
}

// setting is one line of `diglot config`.
type setting struct{ key, value, origin string }

// showConfig writes the effective settings and their origins.
func (a *app) showConfig(c *cli.Context, cfg *config) error {
	fromFile := "config file " + cfg.path
	pick := func(key, flag, fileValue string) setting {
		switch {
		case c.IsSet(flag):
			return setting{key, c.String(flag), "flag --" + flag}
		case fileValue != "":
			return setting{key, fileValue, fromFile}
		}
		return setting{key, c.String(flag), "default"}
	}
	file := cfg.path
	switch {
	case file == "":
		file = "none (no diglot.yaml here or in a parent folder; diglot init writes one)"
	case c.IsSet("config"):
		file += " (--config)"
	}
	fmt.Fprintf(a.stdout, "config file: %s\n\n", file)

	settings := []setting{pick("from", "from", cfg.From), pick("to", "to", cfg.To)}
	backend := pick("backend", "backend", cfg.Backend)
	backend.value = strings.ToLower(backend.value)
	settings = append(settings, backend)
	switch {
	case c.IsSet("glossary"):
		settings = append(settings, setting{"glossary", strings.Join(c.StringSlice("glossary"), ", "), "flag --glossary"})
	case len(cfg.Glossary) > 0:
		settings = append(settings, setting{"glossary", strings.Join(cfg.Glossary, ", "), fromFile})
	default:
		settings = append(settings, setting{"glossary", "none", "default"})
	}
	tmOrigin := "default"
	switch {
	case c.IsSet("tm"):
		tmOrigin = "flag --tm"
	case a.getenv("DIGLOT_TM") != "":
		tmOrigin = "environment DIGLOT_TM"
	}
	loc := a.tmLocation(c)
	settings = append(settings, setting{"tm", loc + memoryState(loc), tmOrigin})
	for _, k := range slices.Sorted(maps.Keys(cfg.Backends[backend.value])) {
		settings = append(settings, setting{"backends." + backend.value + "." + k, cfg.Backends[backend.value][k], fromFile})
	}
	for _, r := range cfg.Junk {
		settings = append(settings, setting{"junk." + r.Name, r.Pattern, fromFile})
	}
	if len(cfg.Check.Disable) > 0 {
		settings = append(settings, setting{"check.disable", strings.Join(cfg.Check.Disable, ", "), fromFile})
	}
	for _, k := range slices.Sorted(maps.Keys(cfg.Check.Severity)) {
		settings = append(settings, setting{"check.severity." + k, cfg.Check.Severity[k], fromFile})
	}
	for _, k := range slices.Sorted(maps.Keys(cfg.Prices)) {
		p := cfg.Prices[k]
		settings = append(settings, setting{"prices." + k, strings.TrimSpace(fmt.Sprintf("%g %s per million characters", p.PerMillionChars, p.Currency)), fromFile})
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	for _, s := range settings {
		fmt.Fprintf(w, "%s\t%s\t%s\n", s.key, s.value, s.origin)
	}
	return w.Flush()
}

// memoryState says whether the memory at loc is there yet.
func memoryState(loc string) string {
	if tm.IsPostgres(loc) {
		return ""
	}
	if !fileExists(loc) {
		return " (not created yet)"
	}
	return ""
}
