package review

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/output"
)

// indexRow is one article of the index.
type indexRow struct {
	File     string // the bitext JSON, relative to the folder
	Href     string
	Title    string
	Source   string
	Lang     string
	Segments int
	Problems int
	Changes  int // segments changed since the previous edition
	Edited   int // segments post-edited
	Approved int
	Total    int
	Error    string // the file could not be read
}

type indexData struct {
	Out      string
	Rows     []indexRow
	Problems int
	Approved int
	Total    int
}

// articles lists the bitext JSON files of the folder, sorted.
func (s *Server) articles() ([]string, error) {
	var files []string
	err := fs.WalkDir(s.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if _, err := cleanPath(p); err == nil {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func articleHref(f string) string { return "/article?f=" + url.QueryEscape(f) }

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	files, err := s.articles()
	if err != nil {
		http.Error(w, "review: "+err.Error(), http.StatusInternalServerError)
		return
	}
	data := indexData{Out: s.cfg.Out}
	for _, f := range files {
		row := indexRow{File: f, Href: articleHref(f)}
		e, err := s.read(f)
		if err != nil {
			// Not an article record (another JSON file) is left out; a
			// broken one is shown.
			if !bytes.Contains(peek(s, f), []byte(bitext.Schema)) {
				continue
			}
			row.Error, row.Title = err.Error(), f
			data.Rows = append(data.Rows, row)
			continue
		}
		d := e.doc
		row.Title, row.Source, row.Lang = title(d), d.Source.Path, d.Target.Lang
		row.Segments, row.Problems = len(d.Segments), d.Problems()
		row.Approved, row.Total = progress(d)
		for _, seg := range d.Segments {
			if isApproved(&seg) && seg.Target != machineText(&seg) {
				row.Edited++
			}
		}
		if prev := s.previous(e); prev != nil {
			row.Changes = output.Changes(prev, d)
		}
		data.Problems += row.Problems
		data.Approved += row.Approved
		data.Total += row.Total
		data.Rows = append(data.Rows, row)
	}
	s.page(w, "index.tmpl", data)
}

// peek returns the first bytes of the file f.
func peek(s *Server, f string) []byte {
	fh, err := s.root.Open(f)
	if err != nil {
		return nil
	}
	defer fh.Close()
	b := make([]byte, 512)
	n, _ := fh.Read(b)
	return b[:n]
}

// title is the headline of an article: the translated title, the source
// title, else the source path.
func title(d *bitext.Document) string {
	for _, t := range []string{d.Target.Title, d.Source.Title, d.Source.Path} {
		if t != "" {
			return t
		}
	}
	return "Untitled"
}

type articleData struct {
	File, Version, CSRF string
	Title, SrcTitle     string
	Doc                 *bitext.Document
	Rows                []articleRow
	Problems            int
	Approved, Total     int
	Changes             int
	HasPrev             bool
}

type articleRow struct {
	*bitext.Segment
	Editable bool
	Approved bool
	Edited   bool // the target differs from the machine translation
	Changed  bool // since the previous edition
	Problems []bitext.Issue
	Notes    []bitext.Issue
	Machine  string
	Unknown  []string // the words the backend did not know, numbers left out
	// The three diff views.
	GlossaryOps, PrevOps, PostOps []output.DiffOp
	PrevNote                      string
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	e, err := s.read(r.URL.Query().Get("f"))
	if err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, ErrPath) || errors.Is(err, fs.ErrNotExist) {
			code = http.StatusNotFound
		}
		http.Error(w, "review: "+err.Error(), code)
		return
	}
	d := e.doc
	data := articleData{File: e.path, Version: e.version, CSRF: s.csrf, Title: title(d), Doc: d, Problems: d.Problems()}
	if d.Source.Title != data.Title {
		data.SrcTitle = d.Source.Title
	}
	data.Approved, data.Total = progress(d)
	prev := map[string]output.SegmentDiff{}
	if p := s.previous(e); p != nil {
		if c, err := output.Compare(p, d); err == nil {
			data.HasPrev = true
			for _, sd := range c.Segments {
				if sd.Status != output.StatusRemoved {
					prev[sd.ID] = sd
				}
			}
		}
	}
	for i := range d.Segments {
		seg := &d.Segments[i]
		row := articleRow{Segment: seg, Editable: editable(seg), Approved: isApproved(seg), Machine: machineText(seg)}
		row.Edited = row.Approved && seg.Target != row.Machine
		for _, w := range seg.Unknown {
			if !strings.ContainsAny(w, "0123456789") {
				row.Unknown = append(row.Unknown, w)
			}
		}
		for _, is := range seg.Issues {
			if is.Severity == bitext.SeverityInfo {
				row.Notes = append(row.Notes, is)
			} else {
				row.Problems = append(row.Problems, is)
			}
		}
		if seg.MT != "" {
			row.GlossaryOps = output.WordDiff(seg.MT, row.Machine)
		}
		if data.HasPrev {
			sd, ok := prev[seg.ID]
			switch {
			case !ok || sd.Status == output.StatusAdded:
				row.Changed, row.PrevNote = true, "new in this edition"
			case sd.Status == output.StatusChanged:
				row.Changed, row.PrevOps = true, sd.Ops
			default:
				row.PrevNote = "no change since the previous edition"
			}
			if row.Changed {
				data.Changes++
			}
		}
		row.PostOps = output.WordDiff(row.Machine, seg.Target)
		data.Rows = append(data.Rows, row)
	}
	s.page(w, "article.tmpl", data)
}

// form reads the fields of an API request (application/x-www-form-urlencoded).
func form(r *http.Request, names ...string) (map[string]string, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRequest, err)
	}
	v := map[string]string{}
	for _, n := range names {
		if !r.PostForm.Has(n) {
			return nil, fmt.Errorf("%w: no %s", ErrRequest, n)
		}
		v[n] = r.PostForm.Get(n)
	}
	return v, nil
}

// checked is the answer of /api/check.
type checked struct {
	Issues []bitext.Issue  `json:"issues"`
	Post   []output.DiffOp `json:"post"` // machine translation → the text
}

func (s *Server) check(w http.ResponseWriter, r *http.Request) {
	v, err := form(r, "f", "segment", "text")
	if err != nil {
		apiError(w, err)
		return
	}
	e, err := s.read(v["f"])
	if err != nil {
		apiError(w, err)
		return
	}
	seg, err := findSegment(e.doc, v["segment"])
	if err != nil {
		apiError(w, err)
		return
	}
	text := normalizeText(v["text"])
	issues, err := s.qa(r.Context(), e.doc, seg, text)
	if err != nil {
		apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, checked{Issues: issues, Post: output.WordDiff(machineText(seg), text)})
}

func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	v, err := form(r, "f", "segment", "text", "version")
	if err != nil {
		apiError(w, err)
		return
	}
	res, err := s.Save(r.Context(), v["f"], v["segment"], v["text"], v["version"])
	if err != nil {
		apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) approve(w http.ResponseWriter, r *http.Request) {
	v, err := form(r, "f", "segment", "version")
	if err != nil {
		apiError(w, err)
		return
	}
	res, err := s.Approve(r.Context(), v["f"], v["segment"], v["version"])
	if err != nil {
		apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
