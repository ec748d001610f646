package output

import (
	"fmt"
	"io"

	"github.com/diglot/diglot/bitext"
)

// IndexEntry is one article of a run, as [WriteIndex] lists it.
type IndexEntry struct {
	Doc     *bitext.Document // the article's edition; nil when it failed
	Href    string           // URL of the article's page relative to index.html (path segments escaped by the caller)
	Changes int              // segments changed since the previous edition (0 if none or unknown)
	Failed  string           // non-empty: the article failed with this error (no Doc)
	Path    string           // source path, shown when Doc is nil
}

// indexData is what index.tmpl renders.
type indexData struct {
	Title    string
	Rows     []indexRow
	Articles int
	Failed   int
	Segments int
	Terms    int
	Problems int
	Changes  int
}

type indexRow struct {
	IndexEntry
	Title    string
	Path     string
	Lang     string
	Segments int
	Terms    int
	Problems int
}

// WriteIndex writes the index page of a run: one row per article with a link
// to its page, its title and its counts of segments, terms applied, problems
// and changes since the previous edition; failed articles with their error.
// Like the article pages it is one self-contained file.
func WriteIndex(w io.Writer, title string, entries []IndexEntry) error {
	data := indexData{Title: title, Articles: len(entries)}
	for _, e := range entries {
		r := indexRow{IndexEntry: e, Path: e.Path}
		if d := e.Doc; d != nil && e.Failed == "" {
			r.Title = documentTitle(d)
			r.Path = d.Source.Path
			r.Lang = d.Target.Lang
			r.Segments = len(d.Segments)
			r.Problems = d.Problems()
			for _, s := range d.Segments {
				r.Terms += len(s.Terms)
			}
		} else if e.Failed == "" {
			r.Failed = "no document"
		}
		if r.Failed != "" {
			data.Failed++
		}
		data.Segments += r.Segments
		data.Terms += r.Terms
		data.Problems += r.Problems
		data.Changes += r.Changes
		data.Rows = append(data.Rows, r)
	}
	if err := templates.ExecuteTemplate(w, "index.tmpl", data); err != nil {
		return fmt.Errorf("output: index page: %w", err)
	}
	return nil
}
