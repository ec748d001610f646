package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/tm"
)

func (a *app) tmCommand() *cli.Command {
	return &cli.Command{
		Name:        "tm",
		Usage:       "inspect, export and feed the translation memory",
		Description: help("tm"),
		Subcommands: []*cli.Command{
			{
				Name:  "stats",
				Usage: "count what the memory holds",
				Flags: []cli.Flag{tmLocationFlag(), &cli.BoolFlag{Name: "json", Usage: "print JSON"}},
				Action: func(c *cli.Context) error {
					if c.NArg() > 0 {
						return badUsage("tm stats: unexpected argument %q", c.Args().First())
					}
					// The table is printed once the memory is closed cleanly, so
					// that a failure (a full disk) never follows half a table.
					var table bytes.Buffer
					if err := a.withMemory(a.tmLocation(c), func(m *tm.Memory) error {
						return m.WriteStats(c.Context, &table, c.Bool("json"))
					}); err != nil {
						return err
					}
					_, err := table.WriteTo(a.stdout)
					return err
				},
			},
			{
				Name:        "export",
				Usage:       "write the memory as TMX 1.4",
				Description: help("tm-export"),
				Flags: []cli.Flag{
					tmLocationFlag(),
					&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "tmx", Usage: "output `FORMAT`: tmx"},
					&cli.BoolFlag{Name: "approved-only", Usage: "only editors' approved translations"},
					&cli.BoolFlag{Name: "machine-only", Usage: "only machine translations"},
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` (atomically) instead of stdout"},
				},
				Action: func(c *cli.Context) error {
					if c.NArg() > 0 {
						return badUsage("tm export: unexpected argument %q (use -o FILE)", c.Args().First())
					}
					if f := c.String("format"); f != "tmx" {
						return badUsage("tm export: unknown format %q (want tmx)", f)
					}
					opt := tm.ExportOptions{ApprovedOnly: c.Bool("approved-only"), MachineOnly: c.Bool("machine-only")}
					if opt.ApprovedOnly && opt.MachineOnly {
						return badUsage("tm export: --approved-only and --machine-only exclude each other")
					}
					return a.withMemory(a.tmLocation(c), func(m *tm.Memory) error {
						return m.ExportTo(c.Context, a.stdout, c.String("output"), opt)
					})
				},
			},
			{
				Name:        "import",
				Usage:       "take editors' corrections from XLIFF or TMX files as approved translations",
				ArgsUsage:   "FILE...",
				Description: help("tm-import"),
				Flags: []cli.Flag{
					tmLocationFlag(),
					&cli.StringFlag{Name: "from", Value: "fr", Usage: "source language `CODE` of the files"},
					&cli.StringFlag{Name: "to", Value: "en", Usage: "target language `CODE` of the files"},
					&cli.BoolFlag{Name: "allow-copies", Usage: "take targets equal to their source (refused by default: untranslated or pseudo-translated)"},
				},
				Action: func(c *cli.Context) error {
					if c.NArg() == 0 {
						return badUsage("tm import: no FILE given (try: diglot tm import edited.fr-en.xlf)")
					}
					return a.withMemory(a.tmLocation(c), func(m *tm.Memory) error {
						return a.tmImport(c.Context, m, tm.ImportOptions{From: c.String("from"), To: c.String("to"), AllowCopies: c.Bool("allow-copies")}, c.Args().Slice())
					})
				},
			},
			{
				Name:        "copy",
				Usage:       "copy a memory into another, between SQLite and PostgreSQL either way",
				ArgsUsage:   "FROM TO",
				Description: help("tm-copy"),
				Action: func(c *cli.Context) error {
					if c.NArg() != 2 {
						return badUsage("tm copy: want FROM and TO (try: diglot tm copy .diglot/tm.db postgres://user@host/db)")
					}
					return a.withMemory(c.Args().Get(0), func(src *tm.Memory) error {
						line, err := src.CopyInto(c.Context, c.Args().Get(1))
						if err == nil {
							_, err = fmt.Fprintln(a.stdout, line)
						}
						return err
					})
				},
			},
		},
	}
}

// tmLocationFlag is the --tm flag of the commands that use the memory.
func tmLocationFlag() cli.Flag {
	return &cli.StringFlag{Name: "tm", Value: tm.DefaultPath,
		Usage:       "translation memory: an SQLite `FILE` or a postgres:// URL",
		DefaultText: "$DIGLOT_TM, else " + tm.DefaultPath}
}

// tmLocation is where the memory is: --tm, else $DIGLOT_TM, else the
// default file.
func (a *app) tmLocation(c *cli.Context) string {
	if !c.IsSet("tm") {
		if env := a.getenv("DIGLOT_TM"); env != "" {
			return env
		}
	}
	return c.String("tm")
}

// withMemory opens the memory at path, which must exist (when a file),
// for fn.
func (a *app) withMemory(path string, fn func(*tm.Memory) error) (err error) {
	m, err := tm.OpenExisting(path)
	if errors.Is(err, tm.ErrNoMemory) {
		return badUsage("tm: no translation memory at %s (diglot translate creates it; --tm names another)", path)
	} else if err != nil {
		return badInput(err)
	}
	defer func() {
		if cerr := m.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	return fn(m)
}

// tmImport imports files one by one (tm.Memory.ImportFiles): a refused or
// unreadable file is reported and the others imported.
func (a *app) tmImport(ctx context.Context, m *tm.Memory, opt tm.ImportOptions, files []string) error {
	s, err := m.ImportFiles(ctx, files, opt, a.stdout, a.stderr)
	switch {
	case err != nil:
		return err
	case s.Failed:
		return &reported{badInput(errors.New("some files were not imported"))}
	case s.Refused:
		return &reported{errors.New("some units were refused")}
	}
	return nil
}
