package output

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
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
// .previous.json; any pair when from and to are empty), with its changes
// since the previous edition kept beside it, sorted by source path. A record
// diglot cannot read is listed as failed, with the reason; other files are
// skipped, and hidden folders are not walked. An entry links to the
// article's page when there is one. A record for which skip (if not nil)
// reports true, by its slash-separated path in fsys, is not read: a batch
// lists the articles it has just written from what it has in hand.
func ScanIndex(fsys fs.FS, from, to string, skip func(record string) bool) ([]IndexEntry, error) {
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
		if !d.Type().IsRegular() || !IsRecordName(d.Name(), from, to) || skip != nil && skip(p) {
			return nil
		}
		doc, err := readRecord(fsys, p)
		if err != nil {
			entries = append(entries, IndexEntry{Path: p, Failed: err.Error()})
			return nil
		}
		base := strings.TrimSuffix(p, ".json")
		prev, _ := readRecord(fsys, base+".previous.json")
		href := ""
		if _, err := fs.Stat(fsys, base+".html"); err == nil {
			href = escapePath(base + ".html")
		}
		entries = append(entries, Summarize(doc, href, Changes(prev, doc)))
		return nil
	})
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	return entries, err
}

// IsRecordName reports whether a file name is that of a bitext JSON record
// for from→to (NAME.FROM-TO.json), not the previous edition beside it nor a
// shard's run report (run.0-of-4.json); with from and to empty, for any pair.
func IsRecordName(name, from, to string) bool {
	if !strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".previous.json") {
		return false
	}
	if from != "" || to != "" {
		return strings.HasSuffix(name, "."+from+"-"+to+".json")
	}
	return recordPair.MatchString(path.Ext(strings.TrimSuffix(name, ".json")))
}

// recordPair matches the language pair of a record's name, .fr-en (or
// .pt-BR-en…), not the .0-of-4 of a shard's report.
var recordPair = regexp.MustCompile(`^\.[A-Za-z]+(-[A-Za-z0-9]+)+$`)

// escapePath escapes each segment of a slash-separated path for a URL.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

func readRecord(fsys fs.FS, p string) (*bitext.Document, error) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, err
	}
	d, err := bitext.Read(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return d, nil
}
