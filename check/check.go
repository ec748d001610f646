package check

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/diglot/diglot/glossary"
)

// Options configure [Run].
type Options struct {
	// Glossary gives the terminology rules their terms; nil leaves term-missing,
	// term-forbidden and source-variant with nothing to find. It applies to
	// the documents whose languages are its own (or undeclared).
	Glossary *glossary.Glossary
	// LoadGlossary, when Glossary is nil, loads the glossary while the run
	// reads and decodes its first inputs, so that a large glossary's set-up
	// overlaps them; the rules wait for it. Its error ends the run and is
	// returned as it is, before any other.
	LoadGlossary func() (*glossary.Glossary, error)
	// From and To are the languages of inputs that do not declare theirs, and
	// the pair taken from TMX files; "fr" and "en" when empty.
	From, To string
	// Rules are the ids of the rules to run; nil runs them all.
	Rules []string
	// Disable lists rules that run but whose findings are silenced and only
	// counted (the configuration's check.disable).
	Disable []string
	// Severity overrides the default severity of rules.
	Severity map[string]Severity
}

// Finding is a problem found in a segment.
type Finding struct {
	File     string   `json:"file"`    // as the [Input] names it
	Line     int      `json:"line"`    // 1-based line of the unit or segment in File
	Segment  string   `json:"segment"` // XLIFF unit id, TMX tuid or position, bitext segment id, article block (p1…)
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Source   string   `json:"source"`
	Target   string   `json:"target"`
	// Article and SourceLine are the source article a diglot record names
	// and the segment's line in it, when the input says (bitext JSON,
	// articles): where to correct the source.
	Article    string `json:"article,omitempty"`
	SourceLine int    `json:"source_line,omitempty"`
	// Fix says how to fix or silence the finding: its rule's help.
	Fix string `json:"fix,omitempty"`

	doc, unit int        // input and unit indexes, for ordering
	variant   *variantOf // the spelling a source-variant finding is about
}

// Summary counts what a run checked and found.
type Summary struct {
	Files    int            `json:"files"`
	Segments int            `json:"segments"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	Rules    map[string]int `json:"rules"` // findings by rule id
	Silenced Silenced       `json:"silenced"`
	// Repeated counts the findings left out because another format of the
	// same article (its .json, .xlf, .tmx) has the same one: each is
	// reported once, for the first file.
	Repeated int `json:"repeated"`
	// Skipped lists the rules that did not run for want of what they need
	// (the term rules without a glossary); never null.
	Skipped []string `json:"skipped_rules"`
}

// Silenced counts the findings left out of a report.
type Silenced struct {
	Total  int `json:"total"`
	Note   int `json:"note"`   // by a diglot-ignore note on the segment
	Config int `json:"config"` // by a rule disabled in the configuration
}

// Report is the result of a run: the findings in file and line order.
type Report struct {
	Findings []Finding `json:"findings"`
	Summary  Summary   `json:"summary"`
}

// Fails reports whether a finding reaches level: any error when level is
// [Error], any finding when it is [Warning].
func (r *Report) Fails(level Severity) bool {
	for _, f := range r.Findings {
		if f.Severity >= level {
			return true
		}
	}
	return false
}

// Run checks the inputs and returns the findings. An input that cannot be
// read (missing, malformed, not bitext JSON, refused XLIFF or TMX) is an
// error naming the file and line; all inputs are read and every such error
// is returned, joined, with no report: unreadable input never passes.
func Run(ctx context.Context, inputs []Input, opts Options) (*Report, error) {
	r, gerr, err := run(ctx, inputs, opts, startGlossary(loadOf(opts)))
	if gerr != nil {
		return nil, gerr
	}
	return r, err
}

// loadOf is the glossary loader of opts, nil when it gives the glossary
// itself.
func loadOf(opts Options) func() (*glossary.Glossary, error) {
	if opts.Glossary != nil {
		return nil
	}
	return opts.LoadGlossary
}

// run is [Run] with the glossary pending (nil: opts.Glossary); the error of
// loading it is gerr, apart from the inputs' errors.
func run(ctx context.Context, inputs []Input, opts Options, pending *pendingGlossary) (_ *Report, gerr, err error) {
	c, err := newChecker(opts)
	if err != nil {
		return nil, nil, err
	}
	c.pending = pending
	var errs []error
	err = c.load(ctx, inputs, func(i int, l loaded) {
		switch {
		case l.err != nil:
			errs = append(errs, l.err)
		case len(errs) == 0:
			c.document(i, l.doc, l.passes)
		}
	})
	if gerr := c.pending.ready(c.segments); gerr != nil {
		return nil, gerr, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	c.skipped()
	c.finish()
	c.report.Summary.Files = len(inputs)
	return &c.report, nil, nil
}

// checker holds the state of a run.
type checker struct {
	from, to string
	segments *SegmentChecker
	pending  *pendingGlossary // the glossary the passes wait for; nil: opts.Glossary
	report   Report

	seen     map[string][]occurrence   // target-inconsistent: normalised source -> translations
	variants []variantUse              // source-variant findings to complete
	uses     map[*glossary.Entry][]use // source-variant: first use of each spelling of an entry
}

func newChecker(opts Options) (*checker, error) {
	sc, err := NewSegmentChecker(opts)
	if err != nil {
		return nil, err
	}
	c := &checker{
		from: or(opts.From, "fr"), to: or(opts.To, "en"), segments: sc,
		seen: map[string][]occurrence{}, uses: map[*glossary.Entry][]use{},
	}
	c.report.Findings = []Finding{}
	c.report.Summary.Rules = map[string]int{}
	c.report.Summary.Skipped = []string{}
	return c, nil
}

// skipped lists the rules that had nothing to check: the glossary's, when
// there is none.
func (c *checker) skipped() {
	if c.segments.glossary != nil {
		return
	}
	for _, id := range []string{TermMissing, TermForbidden, SourceVariant} {
		if c.segments.enabled[id] {
			c.report.Summary.Skipped = append(c.report.Summary.Skipped, id)
		}
	}
}

// document records the findings of the per-segment rules on the units of
// d, the input with index di, checked by ps (one pass per unit, from
// [checker.passes]), and what the rules over the whole run need of them.
// It runs in input order.
func (c *checker) document(di int, d *document, ps []*Pass) {
	for ui := range d.units {
		u := &d.units[ui]
		c.report.Summary.Segments++
		s := site{base: Finding{File: d.name, Line: max(u.line, 1), Segment: u.id, Source: u.source, Target: u.target,
			Article: u.article, SourceLine: u.sourceLine, doc: di, unit: ui}, ignore: u.ignore}
		p := ps[ui]
		c.recordSpellings(s, p.Terms)
		for _, f := range p.found {
			if f.Rule == SourceVariant {
				c.variants = append(c.variants, variantUse{finding: f, site: s})
				continue
			}
			c.emit(s, f)
		}
		if p.Translated && c.segments.enabled[TargetInconsistent] {
			c.remember(d, s, p)
		}
	}
}

// passes runs the per-segment rules on every unit of d, computing as well
// what target-inconsistent will ask of each pass. It reads only the
// checker's [SegmentChecker], and so runs on several documents at once.
func (c *checker) passes(d *document) []*Pass {
	ps := make([]*Pass, len(d.units))
	segs := make([]Segment, len(d.units))
	for ui := range d.units {
		segs[ui] = d.segment(&d.units[ui])
		p := c.segments.pass(&segs[ui])
		if p.Translated && c.segments.enabled[TargetInconsistent] {
			p.collapsedSource()
			p.normalisedTarget()
		}
		ps[ui] = p
	}
	return ps
}

// segment is the unit u of d as the rules see it.
func (d *document) segment(u *unit) Segment {
	return Segment{
		Source: u.source, Target: u.target, SourceLang: d.srcLang, TargetLang: d.tgtLang,
		NoTarget: !u.hasTarget, SourceOnly: u.sourceOnly, SkipTarget: u.skipTarget,
		HasCodes: u.codes, CodesByKind: u.byKind, SourceCodes: u.srcCodes, TargetCodes: u.tgtCodes,
	}
}

func sameLang(a, b string) bool {
	return a == "" || b == "" || primaryLang(a) == primaryLang(b)
}

// site is the segment a finding is about.
type site struct {
	base   Finding // with the file, line, segment, source and target filled in
	ignore ignoreSet
}

func (s site) where() string { return fmt.Sprintf("%s:%d", s.base.File, s.base.Line) }

// emit records a finding of rule with message at s, or counts it as silenced.
func (c *checker) emit(s site, f Finding) {
	silenced := &c.report.Summary.Silenced
	switch {
	case !c.segments.enabled[f.Rule]:
		return
	case c.segments.disabled[f.Rule]:
		silenced.Config++
		silenced.Total++
		return
	case s.ignore.has(f.Rule):
		silenced.Note++
		silenced.Total++
		return
	}
	out := s.base
	out.Rule, out.Message, out.Severity = f.Rule, f.Message, c.segments.severity[f.Rule]
	if r, ok := LookupRule(f.Rule); ok {
		out.Fix = r.Help
	}
	c.report.Findings = append(c.report.Findings, out)
}

// finish runs the rules over the whole set of files, completes messages,
// orders the findings and counts them.
func (c *checker) finish() {
	c.inconsistencies()
	c.completeVariants()
	r := &c.report
	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.Line, b.Line), cmp.Compare(a.unit, b.unit),
			cmp.Compare(ruleIndex(a.Rule), ruleIndex(b.Rule)))
	})
	r.Findings = c.dedupe(r.Findings)
	for _, f := range r.Findings {
		r.Summary.Rules[f.Rule]++
		if f.Severity == Error {
			r.Summary.Errors++
		} else {
			r.Summary.Warnings++
		}
	}
}

// dedupe leaves out the findings that another format of the same article
// already has: checking a folder with a.fr-en.json, .xlf and .tmx reports a
// problem of segment p3 once, for the first of them (json, by path order).
// Findings of one file are all kept.
func (c *checker) dedupe(findings []Finding) []Finding {
	type key struct{ article, segment, rule, message string }
	first := map[key]string{} // the file a finding was first reported for
	kept := findings[:0]
	for _, f := range findings {
		k := key{sameArticle(f.File), segmentKey(f.Segment), f.Rule, f.Message}
		if f.Rule == SourceVariant || f.Rule == TargetInconsistent {
			k.message = "" // their messages name the file of another use
		}
		if file, ok := first[k]; ok && file != f.File {
			c.report.Summary.Repeated++
			continue
		}
		first[k] = f.File
		kept = append(kept, f)
	}
	return kept
}

// sameArticle is what the files diglot writes for one article share: their
// path without the format's extension (out/a.fr-en for out/a.fr-en.xlf).
func sameArticle(file string) string {
	return strings.TrimSuffix(file, filepath.Ext(file))
}

// segmentKey is a segment's id as every format writes it: TMX units are
// "a.txt#p3", XLIFF units and JSON segments "p3".
func segmentKey(id string) string {
	if i := strings.LastIndex(id, "#"); i >= 0 {
		return id[i+1:]
	}
	return id
}

func ruleIndex(id string) int {
	return slices.IndexFunc(rules, func(r Rule) bool { return r.ID == id })
}

// ignoreSet is what a segment's notes silence.
type ignoreSet struct {
	all   bool
	rules []string
}

func (s ignoreSet) has(rule string) bool { return s.all || slices.Contains(s.rules, rule) }

// ignoreMarker starts a note that silences findings on its segment:
// "diglot-ignore" silences every rule, "diglot-ignore: number-mismatch,
// untranslated" the rules listed.
const ignoreMarker = "diglot-ignore"

// parseIgnore reads the diglot-ignore markers of a segment's notes.
func parseIgnore(notes ...string) ignoreSet {
	var s ignoreSet
	for _, n := range notes {
		for rest := n; ; {
			i := strings.Index(strings.ToLower(rest), ignoreMarker)
			if i < 0 {
				break
			}
			rest = rest[i+len(ignoreMarker):]
			list, ok := strings.CutPrefix(strings.TrimLeft(rest, " \t"), ":")
			if !ok {
				s.all = true
				continue
			}
			var ids []string
			for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
				if _, known := LookupRule(f); !known {
					break
				}
				ids = append(ids, f)
			}
			if len(ids) == 0 {
				s.all = true
			}
			s.rules = append(s.rules, ids...)
		}
	}
	return s
}
