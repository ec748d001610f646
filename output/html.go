package output

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/diglot/diglot/bitext"
)

//go:embed assets/*.tmpl assets/page.css assets/page.js
var assets embed.FS

// templates holds the page, index and diff templates; they share the style
// sheet and the script, inlined so that every page is one self-contained file.
var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"css":      func() template.CSS { return template.CSS(mustAsset("assets/page.css")) },
	"js":       func() template.JS { return template.JS(mustAsset("assets/page.js")) },
	"langName": langName,
	"side":     side,
	"percent":  func(f float64) float64 { return 100 * f },
}).ParseFS(assets, "assets/*.tmpl"))

func mustAsset(name string) string {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	return string(b)
}

// HTMLOptions configures [WriteHTML].
type HTMLOptions struct {
	// Previous is the previous edition of this article, if any; the page then
	// offers a diff of each row against it.
	Previous *bitext.Document
	// Generator names the program that wrote the page, e.g. "diglot v0.1.0",
	// shown in the footer.
	Generator string
}

// Diff views of the review page: which pair of texts a row's diff compares.
const (
	viewMT   = "mt"   // raw backend output -> final machine text: what the glossary changed
	viewPrev = "prev" // previous edition -> this one, source and target
	viewPost = "post" // machine translation -> the editor's approved post-edit
)

// view describes a diff view the page offers.
type view struct {
	Key   string
	Label string // on the page's toolbar
	Short string // on a row's button
	Help  string
}

var allViews = []view{
	{viewMT, "Glossary changes", "Glossary", "the terms the glossary protected or repaired, and the raw backend output compared with the final text"},
	{viewPrev, "Previous edition", "Since last edition", "the previous edition compared with this one"},
	{viewPost, "Post-edit", "Editor's changes", "the machine translation compared with the editor's post-edit"},
}

// pageData is what page.tmpl renders.
type pageData struct {
	Doc        *bitext.Document
	Title      string
	SrcTitle   string
	SrcLang    string
	TgtLang    string
	Generator  string
	Terms      int
	Problems   int
	Issues     []issueLink
	Views      []view
	Rows       []row
	HasPrev    bool
	Changes    int              // rows that differ from the previous edition
	Gone       []bitext.Segment // previous segments with no partner here
	PrevDigest string
}

type issueLink struct {
	ID string
	bitext.Issue
}

// row is one segment of the page.
type row struct {
	Seg      *bitext.Segment
	Class    string
	Severity string // the highest severity among the row's issues
	Src, Tgt cell
	Diffs    []rowDiff
	Unknown  []string      // the words the backend did not know, numbers left out
	Enforced []enforcement // what the glossary did on the row, for the glossary view
}

// enforcement is a glossary term applied to a row: protected (the backend's
// output had it, as protection asked) or repaired (diglot put it in).
type enforcement struct {
	Source, Target string
	Repaired       bool
}

// enforcements lists what the glossary did on s, one entry per target term.
func enforcements(s *bitext.Segment) []enforcement {
	var out []enforcement
	seen := map[string]bool{}
	for _, t := range s.Terms {
		if t.Target == "" || seen[t.Target] {
			continue
		}
		seen[t.Target] = true
		repaired := s.MT != "" && len(findWords(s.MT, t.Target)) == 0 && len(findWords(machineText(s), t.Target)) > 0
		out = append(out, enforcement{Source: t.Source, Target: t.Target, Repaired: repaired})
	}
	return out
}

// cell is the text of one side of a row, shaped by the segment's kind.
type cell struct {
	Pieces []piece
	Pre    bool   // code or table: preformatted, never translated
	Quote  bool   // a block quote
	Class  string // heading size, list indentation
	Marker string // list marker as shown
}

// rowDiff is a row's pre-rendered diff for one view. Source is set only where
// the view diffs the source too.
type rowDiff struct {
	View   string
	Source *cellDiff
	Target *cellDiff
}

// cellDiff is the content of a cell in a diff view: the word diff when the
// texts differ, else the text with a note saying why there is nothing to show.
type cellDiff struct {
	Ops  []DiffOp
	Note string
	Text string
}

func newCellDiff(old, cur, note string) *cellDiff {
	if ops := WordDiff(old, cur); HasChanges(ops) {
		return &cellDiff{Ops: ops}
	}
	return &cellDiff{Note: note, Text: cur}
}

// WriteHTML writes the side-by-side review page of d: one self-contained file
// (inline style sheet and script, no request of any kind), the source and
// target of each segment in aligned rows, glossary terms marked on both sides,
// problems listed at the top and flagged on their rows, and the diff views an
// editor toggles for the page or a row.
func WriteHTML(w io.Writer, d *bitext.Document, opt HTMLOptions) error {
	if err := templates.ExecuteTemplate(w, "page.tmpl", buildPage(d, opt)); err != nil {
		return fmt.Errorf("output: html page of %s: %w", d.Source.Path, err)
	}
	return nil
}

func buildPage(d *bitext.Document, opt HTMLOptions) *pageData {
	p := &pageData{
		Doc:       d,
		Title:     documentTitle(d),
		SrcTitle:  d.Source.Title,
		SrcLang:   d.Source.Lang,
		TgtLang:   d.Target.Lang,
		Generator: opt.Generator,
		Problems:  d.Problems(),
	}
	if p.SrcTitle == p.Title {
		p.SrcTitle = ""
	}
	var prevMatch []int
	if prev := opt.Previous; prev != nil {
		p.HasPrev = true
		p.PrevDigest = prev.Source.SHA256
		var gone []int
		prevMatch, gone = pairSegments(prev.Segments, d.Segments)
		for _, o := range gone {
			p.Gone = append(p.Gone, prev.Segments[o])
		}
	}
	hasMT, hasPost := false, false
	for i := range d.Segments {
		s := &d.Segments[i]
		hasMT = hasMT || s.MT != ""
		hasPost = hasPost || approved(s)
	}
	for _, v := range allViews {
		if (v.Key == viewMT && hasMT) || (v.Key == viewPrev && p.HasPrev) || (v.Key == viewPost && hasPost) {
			p.Views = append(p.Views, v)
		}
	}
	for i := range d.Segments {
		s := &d.Segments[i]
		p.Terms += len(s.Terms)
		for _, is := range s.Issues {
			// Notes (severity info) stay on their row; the list at the top
			// is for problems, and agrees with the count.
			if is.Severity != bitext.SeverityInfo {
				p.Issues = append(p.Issues, issueLink{s.ID, is})
			}
		}
		var prev *bitext.Segment
		if prevMatch != nil && prevMatch[i] >= 0 {
			prev = &opt.Previous.Segments[prevMatch[i]]
		}
		r := buildRow(s, p.Views, prev)
		if p.HasPrev && (prev == nil || prev.Source != s.Source || prev.Target != s.Target) {
			p.Changes++
		}
		p.Rows = append(p.Rows, r)
	}
	p.Changes += len(p.Gone)
	return p
}

// documentTitle is the title the page shows: the translated title, else the
// source title, else the first segment when it reads as a headline (the
// first line of a .txt article), else the source path.
func documentTitle(d *bitext.Document) string {
	for _, t := range []string{d.Target.Title, d.Source.Title, firstLineTitle(d), d.Source.Path} {
		if t != "" {
			return t
		}
	}
	return "Untitled"
}

// firstLineTitle is the translation of the first segment when that segment
// reads as a headline: one short line of text that does not end a sentence.
func firstLineTitle(d *bitext.Document) string {
	if len(d.Segments) < 2 {
		return ""
	}
	s := d.Segments[0]
	t := strings.TrimSpace(s.Target)
	if s.Kind != bitext.KindParagraph || t == "" || len(t) > 160 || strings.ContainsAny(t, "\n") ||
		strings.HasSuffix(t, ".") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ";") {
		return ""
	}
	return t
}

// approved reports whether s holds an editor's post-edit of a machine
// translation: the whole target, or sentences of it in a memory hit.
func approved(s *bitext.Segment) bool {
	return s.Machine != "" && (s.Origin == "approved" || s.Origin == "tm")
}

// machineText is the final machine translation of s: the text before an
// editor's post-edit, or the target itself.
func machineText(s *bitext.Segment) string {
	if approved(s) {
		return s.Machine
	}
	return s.Target
}

func buildRow(s *bitext.Segment, views []view, prev *bitext.Segment) row {
	r := row{Seg: s, Class: "k-" + s.Kind, Unknown: unknownWords(s), Enforced: enforcements(s)}
	for _, is := range s.Issues {
		if severityRank(is.Severity) > severityRank(r.Severity) {
			r.Severity = is.Severity
		}
	}
	if r.Severity != "" {
		r.Class += " sev-" + r.Severity
		if r.Severity != bitext.SeverityInfo {
			r.Class += " flagged"
		}
	}
	shape := cell{Class: kindClass(s), Quote: s.Kind == bitext.KindQuote}
	r.Src, r.Tgt = shape, shape
	switch s.Kind {
	case bitext.KindCode, bitext.KindTable:
		r.Src.Pre, r.Tgt.Pre = true, true
		r.Src.Pieces = []piece{{Text: s.Source}}
		r.Tgt.Pieces = []piece{{Text: s.Target}}
	default:
		r.Src.Pieces = withCodes(splitSpans(s.Source, sourceSpans(s), "t-"+s.ID+"-s"), s.Source, s.Codes)
		r.Tgt.Pieces = withCodes(splitSpans(s.Target, targetSpans(s.Target, s), "t-"+s.ID+"-t"), s.Target, s.TargetCodes)
	}
	if s.Kind == bitext.KindListItem {
		r.Src.Marker = listMarker(s.Marker)
		r.Tgt.Marker = r.Src.Marker
	}
	for _, v := range views {
		rd := rowDiff{View: v.Key}
		switch v.Key {
		case viewMT:
			switch {
			case s.MT == "":
				rd.Target = &cellDiff{Note: noRawNote(s), Text: s.Target}
			default:
				note := "no change: no glossary term here"
				if len(r.Enforced) > 0 {
					note = "the backend's output already had the glossary's terms"
				}
				rd.Target = newCellDiff(s.MT, machineText(s), note)
			}
		case viewPrev:
			if prev == nil {
				rd.Source = &cellDiff{Note: "new in this edition", Text: s.Source}
				rd.Target = &cellDiff{Note: "new in this edition", Text: s.Target}
			} else {
				rd.Source = newCellDiff(prev.Source, s.Source, "no change")
				rd.Target = newCellDiff(prev.Target, s.Target, "no change")
			}
		case viewPost:
			if approved(s) {
				rd.Target = newCellDiff(s.Machine, s.Target, "no change: approved as translated")
			} else {
				rd.Target = &cellDiff{Note: "not post-edited", Text: s.Target}
			}
		}
		r.Diffs = append(r.Diffs, rd)
	}
	return r
}

func noRawNote(s *bitext.Segment) string {
	switch s.Origin {
	case "tm":
		return "no change: from the translation memory"
	case "copy":
		return "no change: not translated"
	}
	return "no change: no raw backend output recorded"
}

func severityRank(s string) int {
	switch s {
	case bitext.SeverityError:
		return 3
	case bitext.SeverityWarning:
		return 2
	case bitext.SeverityInfo:
		return 1
	}
	return 0
}

// listMarker is how a list marker is shown: bullets as a bullet, numbers as
// written.
func listMarker(m string) string {
	switch m {
	case "", "-", "*", "+":
		return "•"
	}
	return m
}

// kindClass is the class that sizes a heading's text or indents a list item.
func kindClass(s *bitext.Segment) string {
	switch s.Kind {
	case bitext.KindTitle:
		return "h h0"
	case bitext.KindHeading:
		return fmt.Sprintf("h h%d", min(max(s.Level, 1), 6))
	case bitext.KindListItem:
		return fmt.Sprintf("li indent%d", min(max(s.Level, 0), 4))
	}
	return ""
}

// side keeps the equal ops and those of kind, for one column of a diff.
func side(ops []DiffOp, kind int) []DiffOp {
	var out []DiffOp
	for _, op := range ops {
		if op.Kind == OpEqual || op.Kind == kind {
			out = append(out, op)
		}
	}
	return out
}

// langName labels a column: the language code, upper-cased, as newsrooms
// write it (FR, EN).
func langName(code string) string {
	if code == "" {
		return "?"
	}
	return strings.ToUpper(code)
}
