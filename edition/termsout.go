package edition

import (
	"fmt"
	"io"
)

// WriteTermMatches writes, as `diglot glossary show` prints them, the
// terms found in the article at path: one line per match, "article:line
// segment [start:end] form -> target (entry, where it is defined)", a
// spelling variant marked.
func WriteTermMatches(w io.Writer, path string, matches []TermMatch) error {
	for _, mt := range matches {
		variant := ""
		if mt.Variant {
			variant = fmt.Sprintf(" [variant of %q]", mt.Entry.ID)
		}
		if _, err := fmt.Fprintf(w, "%s:%d %s [%d:%d] %s -> %s (entry %q, %s:%d)%s\n",
			path, mt.Line, mt.Segment, mt.Start, mt.End, mt.Form, mt.Target,
			mt.Entry.ID, mt.Entry.File, mt.Entry.Line, variant); err != nil {
			return err
		}
	}
	return nil
}

// WriteIndexSummary writes the line `diglot index` ends with: what the
// index of out lists and the reports run.json merges, and the shards that
// left none yet.
func (r *Report) WriteIndexSummary(w io.Writer, out string) {
	fmt.Fprintf(w, "diglot: %s/index.html lists %d %s; run.json merges %d %s",
		out, r.Indexed, plural(r.Indexed, "article", "articles"), len(r.Shards), plural(len(r.Shards), "report", "reports"))
	if len(r.Missing) > 0 {
		fmt.Fprintf(w, " (shards %v left no report yet)", r.Missing)
	}
	fmt.Fprintln(w)
}
