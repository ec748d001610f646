package tm

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/diglot/diglot/internal/termsafe"
)

// WriteText writes s as the table `diglot tm stats` prints: one
// "name  value" line per count, sizes in KiB or MiB, "none" and "never"
// for what is empty.
func (s Stats) WriteText(out io.Writer) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "memory\t%s (%s, schema %d)\n", s.Path, ByteSize(s.SizeBytes), s.Schema)
	fmt.Fprintf(w, "machine\t%d\n", s.Machine)
	fmt.Fprintf(w, "approved\t%d\n", s.Approved)
	fmt.Fprintf(w, "history\t%d\n", s.History)
	fmt.Fprintf(w, "pairs\t%s\n", orNone(strings.Join(s.Pairs, ", ")))
	var backends []string
	for _, b := range slices.Sorted(maps.Keys(s.Backends)) {
		backends = append(backends, fmt.Sprintf("%s %d", b, s.Backends[b]))
	}
	fmt.Fprintf(w, "backends\t%s\n", orNone(strings.Join(backends, ", ")))
	fmt.Fprintf(w, "articles\t%d\n", s.Articles)
	updated := "never"
	if !s.Updated.IsZero() {
		updated = s.Updated.Format(time.RFC3339)
	}
	fmt.Fprintf(w, "updated\t%s\n", updated)
	return w.Flush()
}

// ByteSize formats n bytes for people: B, KiB or MiB.
func ByteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// WriteText writes what the import of a file took, as `diglot tm import`
// prints it: "PATH: taken N, unchanged N, refused N", then one line per
// refused unit with its id, the start of its source and why. Ids, text and
// reasons come from a file someone sent back: they are made safe for a
// terminal.
func (r ImportReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "%s: taken %d, unchanged %d, refused %d", r.Path, r.Taken, r.Unchanged, len(r.Refused))
	if r.Skipped > 0 {
		fmt.Fprintf(w, " (%d without a target)", r.Skipped)
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	for _, u := range r.Refused {
		if _, err := fmt.Fprintf(w, "  refused %s %q: %s\n", termsafe.String(u.Unit), u.Source, termsafe.String(u.Reason)); err != nil {
			return err
		}
	}
	return nil
}

// Summary says in one line what [Copy] copied from the memory at from to
// the one at to.
func (r CopyReport) Summary(from, to string) string {
	return fmt.Sprintf("copied %d machine, %d approved (%d in history), %d occurrences from %s to %s",
		r.Machine, r.Approved, r.History, r.Occurrences, from, to)
}
