package settings

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// Flag is the value of a command-line flag, and whether the user gave it
// (a flag not given holds its default).
type Flag struct {
	Value string
	Set   bool
}

// Given is what the command line (and the environment) says about the
// settings [Effective] reports.
type Given struct {
	From, To, Backend Flag
	Glossary          []string // the --glossary flags; used when GlossarySet
	GlossarySet       bool
	// TM is where the memory is, TMOrigin where that comes from ("flag
	// --tm", "environment DIGLOT_TM", "default") and TMState a note on it
	// (" (not created yet)").
	TM, TMOrigin, TMState string
}

// Setting is one setting in effect: its key, its value and its origin.
type Setting struct{ Key, Value, Origin string }

// Effective lists the settings in effect, with the origin of each: a flag,
// the environment, the file c, or the default. Keys of the file come in a
// stable order.
func (c *File) Effective(g Given) []Setting {
	fromFile := "config file " + c.Path
	pick := func(key string, f Flag, fileValue string) Setting {
		switch {
		case f.Set:
			return Setting{key, f.Value, "flag --" + key}
		case fileValue != "":
			return Setting{key, fileValue, fromFile}
		}
		return Setting{key, f.Value, "default"}
	}
	settings := []Setting{pick("from", g.From, c.From), pick("to", g.To, c.To)}
	backend := pick("backend", g.Backend, c.Backend)
	backend.Value = strings.ToLower(backend.Value)
	settings = append(settings, backend)
	switch {
	case g.GlossarySet:
		settings = append(settings, Setting{"glossary", strings.Join(g.Glossary, ", "), "flag --glossary"})
	case len(c.Glossary) > 0:
		settings = append(settings, Setting{"glossary", strings.Join(c.Glossary, ", "), fromFile})
	default:
		settings = append(settings, Setting{"glossary", "none", "default"})
	}
	settings = append(settings, Setting{"tm", g.TM + g.TMState, g.TMOrigin})
	for _, k := range slices.Sorted(maps.Keys(c.Backends[backend.Value])) {
		settings = append(settings, Setting{"backends." + backend.Value + "." + k, c.Backends[backend.Value][k], fromFile})
	}
	for _, r := range c.Junk {
		settings = append(settings, Setting{"junk." + r.Name, r.Pattern, fromFile})
	}
	if len(c.Check.Disable) > 0 {
		settings = append(settings, Setting{"check.disable", strings.Join(c.Check.Disable, ", "), fromFile})
	}
	for _, k := range slices.Sorted(maps.Keys(c.Check.Severity)) {
		settings = append(settings, Setting{"check.severity." + k, c.Check.Severity[k], fromFile})
	}
	for _, k := range slices.Sorted(maps.Keys(c.Prices)) {
		p := c.Prices[k]
		settings = append(settings, Setting{"prices." + k, strings.TrimSpace(fmt.Sprintf("%g %s per million characters", p.PerMillionChars, p.Currency)), fromFile})
	}
	return settings
}

// WriteEffective writes which file is used (named is true when --config
// named it), then the settings, one a line in columns: key, value, origin.
func (c *File) WriteEffective(w io.Writer, named bool, settings []Setting) error {
	file := c.Path
	switch {
	case file == "":
		file = "none (no diglot.yaml here or in a parent folder; diglot init writes one)"
	case named:
		file += " (--config)"
	}
	fmt.Fprintf(w, "config file: %s\n\n", file)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, s := range settings {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Key, s.Value, s.Origin)
	}
	return tw.Flush()
}

// Resolved are the values translate and check run with.
type Resolved struct {
	From, To, Backend string
	Glossary          []string
}

// Resolve gives each setting of g its value in effect, as [File.Effective]
// reports it: the flag's when given, else the file's when it says one,
// else the flag's default. The backend is in lower case (DeepL is deepl).
func (c *File) Resolve(g Given) Resolved {
	pick := func(f Flag, fileValue string) string {
		if !f.Set && fileValue != "" {
			return fileValue
		}
		return f.Value
	}
	r := Resolved{From: pick(g.From, c.From), To: pick(g.To, c.To), Backend: strings.ToLower(pick(g.Backend, c.Backend)), Glossary: g.Glossary}
	if !g.GlossarySet {
		r.Glossary = c.Glossary
	}
	return r
}

// CheckLangs checks that the languages r resolved from g are BCP 47 tags
// ([CheckLang]), saying where a wrong one came from.
func (c *File) CheckLangs(g Given, r Resolved) error {
	if err := CheckLang(c.LangSource(g.From.Set || c.From == "", "from"), r.From); err != nil {
		return err
	}
	return CheckLang(c.LangSource(g.To.Set || c.To == "", "to"), r.To)
}
