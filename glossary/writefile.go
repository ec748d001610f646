package glossary

import (
	"io"
	"strings"

	"github.com/diglot/diglot/internal/atomicfile"
)

// WriteFile writes g to the file at path in format, atomically: a reader sees
// the old file or the whole new one, never a part.
func WriteFile(path string, g *Glossary, format string) error {
	return atomicfile.Write(path, func(w io.Writer) error { return Write(w, g, format) })
}

// LostIn names what of g format cannot hold (TSV, CSV and OmegaT's tab hold
// no forbidden forms, target forms, case or stem flags; TBX no case or stem
// flags), or "" when it holds everything.
func LostIn(g *Glossary, format string) string {
	rows := format == "tsv" || format == "csv" || format == "tab"
	if !rows && format != "tbx" && format != "tbx3" {
		return ""
	}
	var lost []string
	has := func(what string, f func(*Entry) bool) {
		for _, e := range g.Entries {
			if f(e) {
				lost = append(lost, what)
				return
			}
		}
	}
	if rows {
		has("forbidden forms", func(e *Entry) bool { return len(e.Forbidden) > 0 })
		has("target forms", func(e *Entry) bool { return len(e.TargetForms) > 0 })
	}
	has("case-sensitive flags", func(e *Entry) bool { return e.CaseSensitive })
	has("stem flags", func(e *Entry) bool { return e.Stem })
	return strings.Join(lost, ", ")
}
