package output

import (
	"fmt"
	"io"

	"github.com/diglot/diglot/bitext"
)

// IndexEntry is one article of a run, as [WriteIndex] lists it.
type IndexEntry struct {
	Href    string // URL of the article's page relative to index.html (path segments escaped by the caller)
	Path    string // source path
	Changes int    // segments changed since the previous edition (0 if none or unknown)
	Failed  string // non-empty: the article failed with this error
	// The article's counts, from [Summarize]: a run keeps these, not the
	// documents, so that its memory does not grow with the number of articles.
	Title, Lang               string
	Segments, Terms, Problems int
	summarized                bool
}

// Summarize makes the index entry of a document.
func Summarize(d *bitext.Document, href string, changes int) IndexEntry {
	e := IndexEntry{Href: href, Path: d.Source.Path, Changes: changes, Title: documentTitle(d),
		Lang: d.Target.Lang, Segments: len(d.Segments), Problems: d.Problems(), summarized: true}
	for _, s := range d.Segments {
		e.Terms += len(s.Terms)
	}
	return e
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
}

// WriteIndex writes the index page of a run: one row per article with a link
// to its page, its title and its counts of segments, terms applied, problems
// and changes since the previous edition; failed articles with their error.
// Like the article pages it is one self-contained file.
func WriteIndex(w io.Writer, title string, entries []IndexEntry) error {
	data := indexData{Title: title, Articles: len(entries)}
	for _, e := range entries {
		r := indexRow{IndexEntry: e}
		if !e.summarized && e.Failed == "" {
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
