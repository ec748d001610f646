package output

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

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
	Banner   string
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
	return WriteIndexWith(w, IndexOptions{Title: title}, entries)
}

// IndexOptions configures [WriteIndexWith].
type IndexOptions struct {
	Title string
	// Banner, when set, is shown at the top: that the last run was
	// interrupted or had failures.
	Banner string
}

// WriteIndexWith writes the index page as [WriteIndex] does, with a banner.
// The page sorts its table by a column and filters it by headline, path or
// problems with a small inline script.
func WriteIndexWith(w io.Writer, opt IndexOptions, entries []IndexEntry) error {
	data := indexData{Title: opt.Title, Banner: opt.Banner, Articles: len(entries)}
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

// ScanIndex makes the index entries of every article in an output folder:
// each bitext JSON record named for the pair (NAME.FROM-TO.json, not a
// .previous.json), with its changes since the previous edition kept beside
// it, sorted by source path. Files that are not bitext records are skipped;
// hidden folders are not walked.
func ScanIndex(fsys fs.FS, from, to string) ([]IndexEntry, error) {
	suffix := "." + from + "-" + to + ".json"
	var entries []IndexEntry
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, suffix) || strings.HasSuffix(p, ".previous.json") || !d.Type().IsRegular() {
			return nil
		}
		doc := readRecord(fsys, p)
		if doc == nil {
			return nil
		}
		prev := readRecord(fsys, strings.TrimSuffix(p, ".json")+".previous.json")
		href := path.Base(strings.TrimSuffix(p, ".json") + ".html")
		if dir := path.Dir(p); dir != "." {
			href = dir + "/" + href
		}
		entries = append(entries, Summarize(doc, href, Changes(prev, doc)))
		return nil
	})
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	return entries, err
}

// readRecord reads the bitext record at p, or nil.
func readRecord(fsys fs.FS, p string) *bitext.Document {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil
	}
	d, err := bitext.Read(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	return d
}
