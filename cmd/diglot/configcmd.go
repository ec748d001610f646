package main

import (
	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/internal/settings"
	"github.com/diglot/diglot/tm"
)

func (a *app) configCommand() *cli.Command {
	return &cli.Command{
		Name:        "config",
		Usage:       "show the settings in effect, and where each one comes from",
		Description: help("config"),
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
			cfg, err := settings.Load(c.String("config"))
			if err != nil {
				return err
			}
			return a.showConfig(c, cfg)
		},
	}
}

// showConfig writes the effective settings and their origins.
func (a *app) showConfig(c *cli.Context, cfg *settings.File) error {
	g := given(c)
	g.TMOrigin = "default"
	switch {
	case c.IsSet("tm"):
		g.TMOrigin = "flag --tm"
	case a.getenv("DIGLOT_TM") != "":
		g.TMOrigin = "environment DIGLOT_TM"
	}
	g.TM = a.tmLocation(c)
	g.TMState = tm.LocationState(g.TM)
	return cfg.WriteEffective(a.stdout, c.IsSet("config"), cfg.Effective(g))
}

// given is what the flags translate, check and config share say.
func given(c *cli.Context) settings.Given {
	flag := func(name string) settings.Flag { return settings.Flag{Value: c.String(name), Set: c.IsSet(name)} }
	return settings.Given{From: flag("from"), To: flag("to"), Backend: flag("backend"),
		Glossary: c.StringSlice("glossary"), GlossarySet: c.IsSet("glossary")}
}
