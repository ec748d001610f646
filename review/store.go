package review

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/tm"
)

// Errors of the API, which the server maps to HTTP statuses.
var (
	// ErrPath is a path that is not a bitext JSON file inside the folder.
	ErrPath = errors.New("not a bitext JSON file in the output folder")
	// ErrRequest is a request that cannot be carried out as asked.
	ErrRequest = errors.New("bad request")
)

// ConflictError refuses a save whose page was made from another version of
// the JSON file than the one on disk: both versions of the segment are
// given, and nothing was written.
type ConflictError struct {
	Segment string `json:"segment"`
	Disk    string `json:"disk"`    // the segment's target in the file on disk
	Yours   string `json:"yours"`   // the text the editor saved
	Version string `json:"version"` // the version on disk
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("review: segment %s: the file changed on disk since the page was loaded", e.Segment)
}

// cleanPath checks a path given by the browser: slash-separated, relative,
// inside the folder, naming an article's bitext JSON (not a previous
// edition, not run.json). Symbolic links are left to the os.Root.
func cleanPath(f string) (string, error) {
	switch {
	case f == "", strings.ContainsAny(f, "\\\x00:"), filepath.IsAbs(f), !fs.ValidPath(f):
		return "", fmt.Errorf("%q: %w", f, ErrPath)
	case !strings.HasSuffix(f, ".json"), strings.HasSuffix(f, ".previous.json"), !strings.Contains(f, "-"):
		return "", fmt.Errorf("%q: %w", f, ErrPath)
	}
	return f, nil
}

// edition is one article's record as read from disk.
type edition struct {
	path    string // slash-separated, relative to the folder
	data    []byte
	version string // SHA-256 of data
	doc     *bitext.Document
}

// read reads the bitext JSON at f (relative to the folder).
func (s *Server) read(f string) (*edition, error) {
	f, err := cleanPath(f)
	if err != nil {
		return nil, err
	}
	data, err := s.root.ReadFile(f)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", f, ErrPath) // outside the folder (a link), or not a file
		}
		return nil, fmt.Errorf("%s: %w", f, err)
	}
	d, err := bitext.Read(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f, err)
	}
	return &edition{path: f, data: data, version: version(data), doc: d}, nil
}

// previous reads the previous edition kept beside e, or nil.
func (s *Server) previous(e *edition) *bitext.Document {
	data, err := s.root.ReadFile(strings.TrimSuffix(e.path, ".json") + ".previous.json")
	if err != nil {
		return nil
	}
	d, err := bitext.Read(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	return d
}

func version(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

func findSegment(d *bitext.Document, id string) (*bitext.Segment, error) {
	for i := range d.Segments {
		if d.Segments[i].ID == id {
			return &d.Segments[i], nil
		}
	}
	return nil, fmt.Errorf("no segment %q: %w", id, ErrRequest)
}

// editable reports whether an editor may change s: blocks never translated
// (code, tables) are not.
func editable(s *bitext.Segment) bool {
	return s.Kind != bitext.KindCode && s.Kind != bitext.KindTable
}

// isApproved reports whether an editor approved s's target.
func isApproved(s *bitext.Segment) bool { return s.Origin == "approved" }

// machineText is the machine translation of s before any post-edit.
func machineText(s *bitext.Segment) string {
	if isApproved(s) && s.Machine != "" {
		return s.Machine
	}
	return s.Target
}

// Saved is what a save or an approval returns to the page.
type Saved struct {
	Segment  string          `json:"segment"`
	Target   string          `json:"target"`
	Machine  string          `json:"machine"`
	Version  string          `json:"version"` // of the JSON file now on disk
	Issues   []bitext.Issue  `json:"issues"`
	Approved int             `json:"approved"` // segments approved in the article
	Total    int             `json:"total"`    // segments an editor can approve
	Memory   bool            `json:"memory"`   // the memory holds the approved entry
	Post     []output.DiffOp `json:"post"`     // machine translation → the target
}

// Save stores text as the editor's post-edit of segment id of the article
// at f, provided the file is still at version: the approved entry in the
// memory, the JSON record (post_edit, the machine translation kept in
// machine and mt) and every output, re-rendered through [Config.Render].
func (s *Server) Save(ctx context.Context, f, id, text, ver string) (*Saved, error) {
	return s.commit(ctx, f, id, &text, ver)
}

// Approve approves segment id of the article at f as it is.
func (s *Server) Approve(ctx context.Context, f, id, ver string) (*Saved, error) {
	return s.commit(ctx, f, id, nil, ver)
}

func (s *Server) commit(ctx context.Context, f, id string, text *string, ver string) (*Saved, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.read(f)
	if err != nil {
		return nil, err
	}
	seg, err := findSegment(e.doc, id)
	if ver != e.version {
		ce := &ConflictError{Segment: id, Version: e.version}
		if text != nil {
			ce.Yours = normalizeText(*text)
		}
		if seg != nil {
			ce.Disk = seg.Target
		}
		return nil, ce
	}
	if err != nil {
		return nil, err
	}
	if !editable(seg) {
		return nil, fmt.Errorf("segment %s is a %s block, never translated: %w", id, seg.Kind, ErrRequest)
	}
	t := seg.Target
	if text != nil {
		t = normalizeText(*text)
	}
	if strings.TrimSpace(t) == "" {
		return nil, fmt.Errorf("segment %s: an empty translation: %w", id, ErrRequest)
	}
	machine := machineText(seg)
	// The memory first: if rendering then fails, the next translate finds
	// an approved translation the files lack, and translates the article
	// again with it; the other way round, a forced run would lose the edit.
	if s.cfg.Memory != nil {
		_, err := s.cfg.Memory.Approve(ctx, e.doc.Source.Lang, e.doc.Target.Lang, []tm.Entry{{
			Source: seg.Source, Target: t, MT: seg.MT, Machine: machine,
			Path: e.doc.Source.Path, SegmentID: seg.ID, SHA256: e.doc.Source.SHA256,
		}})
		if err != nil {
			return nil, err
		}
	}
	seg.Machine, seg.Target, seg.Origin = machine, t, "approved"
	seg.PostEdit = &bitext.PostEdit{Text: t, By: s.cfg.Editor, At: s.cfg.Now().UTC().Truncate(1e9)}
	findings, err := s.qa(ctx, e.doc, seg, t)
	if err != nil {
		return nil, err
	}
	seg.Issues = mergeIssues(seg.Issues, findings)
	if err := s.cfg.Render(ctx, filepath.Join(s.cfg.Out, filepath.FromSlash(e.path)), e.doc); err != nil {
		return nil, fmt.Errorf("review: rendering %s: %w", e.path, err)
	}
	data, err := s.root.ReadFile(e.path)
	if err != nil {
		return nil, err
	}
	approved, total := progress(e.doc)
	return &Saved{Segment: id, Target: t, Machine: machine, Version: version(data), Issues: seg.Issues,
		Approved: approved, Total: total, Memory: s.cfg.Memory != nil,
		Post: output.WordDiff(machine, t)}, nil
}

// normalizeText is the text as stored: line ends as \n, no white space
// around it.
func normalizeText(t string) string {
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(t, "\r\n", "\n"), "\r", "\n"))
}

// progress counts the approved segments of d and those an editor can
// approve.
func progress(d *bitext.Document) (approved, total int) {
	for i := range d.Segments {
		if editable(&d.Segments[i]) {
			total++
			if isApproved(&d.Segments[i]) {
				approved++
			}
		}
	}
	return approved, total
}

// liveRules are the rules the review runs on a text as it is typed.
var liveRules = []string{check.TermMissing, check.TermForbidden, check.NumberMismatch, check.Untranslated, check.MarkupMismatch}

// mergeIssues replaces the issues of the live rules with findings, keeping
// the others (notes such as source-variant).
func mergeIssues(old, findings []bitext.Issue) []bitext.Issue {
	var out []bitext.Issue
	for _, is := range old {
		if !slices.Contains(liveRules, is.Rule) {
			out = append(out, is)
		}
	}
	return append(out, findings...)
}

// qa runs the live rules on text as the target of seg, in a one-segment
// bitext file that check reads like any other.
func (s *Server) qa(ctx context.Context, d *bitext.Document, seg *bitext.Segment, text string) ([]bitext.Issue, error) {
	one := &bitext.Document{Schema: bitext.Schema, Source: bitext.Source{Path: d.Source.Path, Lang: d.Source.Lang},
		Target:   bitext.Target{Lang: d.Target.Lang},
		Segments: []bitext.Segment{{ID: seg.ID, Kind: seg.Kind, Source: seg.Source, Target: text}}}
	dir, err := os.MkdirTemp("", "diglot-review-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "segment.json")
	fh, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	err = bitext.Write(fh, one)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	rep, err := check.Run(ctx, []check.Input{{Path: name, Name: d.Source.Path}},
		check.Options{Glossary: s.cfg.Glossary, From: d.Source.Lang, To: d.Target.Lang, Rules: liveRules})
	if err != nil {
		return nil, err
	}
	issues := []bitext.Issue{}
	for _, f := range rep.Findings {
		issues = append(issues, bitext.Issue{Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message})
	}
	return issues, nil
}
