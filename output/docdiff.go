package output

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/diglot/diglot/bitext"
)

// ErrOtherArticle reports two documents that are not editions of the same
// article, or not in the same language pair.
var ErrOtherArticle = errors.New("not the same article")

// Status of a [SegmentDiff].
const (
	StatusSame    = "same"
	StatusChanged = "changed" // source or target differs
	StatusAdded   = "added"   // only in the new edition
	StatusRemoved = "removed" // only in the old edition
)

// Comparison pairs the segments of two editions of one article, as
// `diglot diff OLD NEW` shows them.
type Comparison struct {
	Old, New *bitext.Document
	// Segments lists every segment of both editions in the new edition's
	// order, removed ones where they stood in the old.
	Segments []SegmentDiff
	Stats    DiffStats
}

// SegmentDiff is one paired segment.
type SegmentDiff struct {
	ID     string `json:"id"`
	OldID  string `json:"old_id,omitempty"` // when the pair has different ids
	Status string `json:"status"`
	Old    string `json:"old"` // old target
	New    string `json:"new"` // new target
	// Ops is the word diff from Old to New.
	Ops []DiffOp `json:"ops"`
	// SourceOps is the word diff of the source, when the source changed.
	SourceOps []DiffOp `json:"source_ops,omitempty"`
	// Edits counts the word edits from Old to New (see [EditStats]).
	Edits EditStats `json:"-"`
}

// DiffStats are the post-edit statistics of a comparison. Words and Edits
// count translated segments only (code blocks and tables are copies), with
// the old target as the hypothesis and the new one as the reference, so that
// HTER = Edits / Words as for a machine translation and its post-edit. An
// added segment costs all its words, a removed one all the words it had.
type DiffStats struct {
	Segments int     `json:"segments"` // in the new edition
	Changed  int     `json:"changed"`  // changed, added and removed segments
	Words    int     `json:"words"`
	Edits    int     `json:"edits"`
	HTER     float64 `json:"hter"`
}

// Compare pairs the segments of old and new (by id, or by source text where
// ids differ; see [pairSegments]) and diffs their targets word by word. It
// returns an error wrapping [ErrOtherArticle] when the two documents name
// different source paths or language pairs.
func Compare(old, new *bitext.Document) (*Comparison, error) {
	if err := sameArticle(old, new); err != nil {
		return nil, err
	}
	return compare(old, new), nil
}

func sameArticle(old, new *bitext.Document) error {
	if old.Source.Path != "" && new.Source.Path != "" && old.Source.Path != new.Source.Path {
		return fmt.Errorf("%w: old edition is of %s, new edition of %s", ErrOtherArticle, old.Source.Path, new.Source.Path)
	}
	if old.Source.Lang != new.Source.Lang || old.Target.Lang != new.Target.Lang {
		return fmt.Errorf("%w: old edition is %s→%s, new edition %s→%s", ErrOtherArticle,
			old.Source.Lang, old.Target.Lang, new.Source.Lang, new.Target.Lang)
	}
	return nil
}

func compare(old, new *bitext.Document) *Comparison {
	c := &Comparison{Old: old, New: new}
	match, gone := pairSegments(old.Segments, new.Segments)
	// Removed segments are listed before the first new segment that follows
	// them in the old edition.
	nextGone := 0
	flushGone := func(before int) {
		for ; nextGone < len(gone) && gone[nextGone] < before; nextGone++ {
			o := &old.Segments[gone[nextGone]]
			c.add(SegmentDiff{ID: o.ID, Status: StatusRemoved, Old: o.Target, Ops: WordDiff(o.Target, "")}, o.Kind)
		}
	}
	for n := range new.Segments {
		s := &new.Segments[n]
		o := match[n]
		if o < 0 {
			c.add(SegmentDiff{ID: s.ID, Status: StatusAdded, New: s.Target, Ops: WordDiff("", s.Target)}, s.Kind)
			continue
		}
		flushGone(o)
		p := &old.Segments[o]
		sd := SegmentDiff{ID: s.ID, Status: StatusSame, Old: p.Target, New: s.Target, Ops: WordDiff(p.Target, s.Target)}
		if p.ID != s.ID {
			sd.OldID = p.ID
		}
		if p.Source != s.Source {
			sd.SourceOps = WordDiff(p.Source, s.Source)
		}
		if p.Target != s.Target || p.Source != s.Source {
			sd.Status = StatusChanged
		}
		c.add(sd, s.Kind)
	}
	flushGone(len(old.Segments))
	c.Stats.Segments = len(new.Segments)
	c.Stats.HTER = EditStats{Edits: c.Stats.Edits, Words: c.Stats.Words}.Rate()
	return c
}

// add appends sd, counting its edits unless the segment is a copied block.
func (c *Comparison) add(sd SegmentDiff, kind string) {
	sd.Edits = WordEdits(sd.Old, sd.New)
	if kind != bitext.KindCode && kind != bitext.KindTable {
		c.Stats.Edits += sd.Edits.Edits
		c.Stats.Words += sd.Edits.Words
	}
	if sd.Status != StatusSame {
		c.Stats.Changed++
	}
	c.Segments = append(c.Segments, sd)
}

// Changed returns the segments that are not the same in both editions.
func (c *Comparison) Changed() []SegmentDiff {
	var out []SegmentDiff
	for _, s := range c.Segments {
		if s.Status != StatusSame {
			out = append(out, s)
		}
	}
	return out
}

// Changes counts the segments changed, added or removed between two
// editions of an article, for [IndexEntry.Changes]; 0 when prev is nil.
func Changes(prev, cur *bitext.Document) int {
	if prev == nil || cur == nil {
		return 0
	}
	return compare(prev, cur).Stats.Changed
}

// Summary is the one-line statement of the post-edit statistics.
func (s DiffStats) Summary() string {
	return fmt.Sprintf("%d of %d segments changed; %d word edits over %d words: HTER %.1f%%",
		s.Changed, s.Segments, s.Edits, s.Words, 100*s.HTER)
}

// ANSI colours of the text diff on a terminal.
const (
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiBold  = "\x1b[1m"
	ansiReset = "\x1b[0m"
)

// WriteText writes the changed segments, each with its id, status and the
// old and new targets with the word diff marked, then the statistics. Without
// color, deletions read [-like this-] and insertions {+like this+}; with
// color, they are red and green instead.
func (c *Comparison) WriteText(w io.Writer, color bool) error {
	bw := bufio.NewWriter(w)
	bold := func(s string) string {
		if color {
			return ansiBold + s + ansiReset
		}
		return s
	}
	for _, sd := range c.Changed() {
		head := sd.ID + "  " + sd.Status
		if sd.OldID != "" {
			head += " (was " + sd.OldID + ")"
		}
		fmt.Fprintln(bw, bold(head))
		if sd.SourceOps != nil {
			fmt.Fprintf(bw, "  source: %s\n", indent(textDiff(sd.SourceOps, oldSide|newSide, color)))
		}
		if sd.Status != StatusAdded {
			fmt.Fprintf(bw, "  - %s\n", indent(textDiff(sd.Ops, oldSide, color)))
		}
		if sd.Status != StatusRemoved {
			fmt.Fprintf(bw, "  + %s\n", indent(textDiff(sd.Ops, newSide, color)))
		}
	}
	if c.Stats.Changed == 0 {
		fmt.Fprintln(bw, "no changes")
	}
	fmt.Fprintln(bw, c.Stats.Summary())
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("output: diff: %w", err)
	}
	return nil
}

// Sides of a text diff.
const (
	oldSide = 1 << iota // the equal text and the deletions
	newSide             // the equal text and the insertions
)

// textDiff renders ops as text: the equal text and, marked, the deletions
// and insertions of the sides asked for.
func textDiff(ops []DiffOp, sides int, color bool) string {
	var b strings.Builder
	for _, op := range ops {
		switch {
		case op.Kind == OpEqual:
			b.WriteString(op.Text)
		case op.Kind == OpDelete && sides&oldSide != 0, op.Kind == OpInsert && sides&newSide != 0:
			open, close := "[-", "-]"
			if op.Kind == OpInsert {
				open, close = "{+", "+}"
			}
			if color {
				open, close = ansiRed, ansiReset
				if op.Kind == OpInsert {
					open = ansiGreen
				}
			}
			b.WriteString(open + op.Text + close)
		}
	}
	return b.String()
}

// indent indents the continuation lines of a multi-line text under its
// first line.
func indent(s string) string {
	return strings.ReplaceAll(s, "\n", "\n    ")
}

// opNames are the words that name a [DiffOp]'s kind in JSON.
var opNames = map[int]string{OpDelete: "delete", OpEqual: "equal", OpInsert: "insert"}

// MarshalJSON writes op as {"op": "delete"|"equal"|"insert", "text": …}: a
// word that a reader of `diglot diff --format json` need not look up.
func (op DiffOp) MarshalJSON() ([]byte, error) {
	name, ok := opNames[op.Kind]
	if !ok {
		return nil, fmt.Errorf("output: diff op of kind %d", op.Kind)
	}
	return json.Marshal(struct {
		Op   string `json:"op"`
		Text string `json:"text"`
	}{name, op.Text})
}

// UnmarshalJSON reads what [DiffOp.MarshalJSON] writes.
func (op *DiffOp) UnmarshalJSON(b []byte) error {
	var v struct {
		Op   string `json:"op"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	for k, name := range opNames {
		if name == v.Op {
			*op = DiffOp{Kind: k, Text: v.Text}
			return nil
		}
	}
	return fmt.Errorf("output: unknown diff op %q", v.Op)
}

// diffJSON is the JSON form of a comparison.
type diffJSON struct {
	Segments []SegmentDiff `json:"segments"`
	Stats    DiffStats     `json:"stats"`
}

// WriteJSON writes the changed segments, with their word diffs, and the
// statistics as {"segments":[{"id","old","new","ops"}...],"stats":{...}}.
func (c *Comparison) WriteJSON(w io.Writer) error {
	out := diffJSON{Segments: c.Changed(), Stats: c.Stats}
	if out.Segments == nil {
		out.Segments = []SegmentDiff{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("output: diff: %w", err)
	}
	return nil
}

// diffPage is what diff.tmpl renders.
type diffPage struct {
	*Comparison
	Title     string
	Generator string
	Changed   []SegmentDiff
	SrcLang   string
	TgtLang   string
}

// WriteHTML writes the comparison as a self-contained page: the statistics,
// then each changed segment with the old target (deletions marked) beside the
// new one (insertions marked). generator, if set, is named in the footer.
func (c *Comparison) WriteHTML(w io.Writer, generator string) error {
	p := diffPage{
		Comparison: c,
		Title:      documentTitle(c.New),
		Generator:  generator,
		Changed:    c.Changed(),
		SrcLang:    c.New.Source.Lang,
		TgtLang:    c.New.Target.Lang,
	}
	if err := templates.ExecuteTemplate(w, "diff.tmpl", p); err != nil {
		return fmt.Errorf("output: diff page: %w", err)
	}
	return nil
}
