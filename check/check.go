package check

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/diglot/diglot/glossary"
)

// Options configure [Run].
type Options struct {
	// Glossary gives the terminology rules their terms; nil leaves term-missing,
	// term-forbidden and source-variant with nothing to find. It applies to
	// the documents whose languages are its own (or undeclared).
	Glossary *glossary.Glossary
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

	doc, unit int // input and unit indexes, for ordering
}

// Summary counts what a run checked and found.
type Summary struct {
	Files    int            `json:"files"`
	Segments int            `json:"segments"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	Rules    map[string]int `json:"rules"` // findings by rule id
	Silenced Silenced       `json:"silenced"`
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
	c, err := newChecker(opts)
	if err != nil {
		return nil, err
	}
	var errs []error
	for i, in := range inputs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := load(in, c.from, c.to)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if len(errs) == 0 {
			c.document(i, d)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c.finish()
	c.report.Summary.Files = len(inputs)
	return &c.report, nil
}

// checker holds the state of a run.
type checker struct {
	from, to string
	glossary *glossary.Glossary
	matcher  *glossary.Matcher
	enabled  map[string]bool
	disabled map[string]bool
	severity map[string]Severity
	report   Report

	seen     map[string][]occurrence   // target-inconsistent: normalised source -> translations
	variants []variantUse              // source-variant findings to complete
	uses     map[*glossary.Entry][]use // source-variant: first use of each spelling of an entry
}

func newChecker(opts Options) (*checker, error) {
	c := &checker{
		from: or(opts.From, "fr"), to: or(opts.To, "en"), glossary: opts.Glossary,
		enabled: map[string]bool{}, disabled: map[string]bool{}, severity: map[string]Severity{},
		seen: map[string][]occurrence{}, uses: map[*glossary.Entry][]use{},
	}
	c.report.Findings = []Finding{}
	c.report.Summary.Rules = map[string]int{}
	ids := opts.Rules
	if ids == nil {
		ids = RuleIDs()
	}
	for _, id := range ids {
		if err := knownRule(id); err != nil {
			return nil, fmt.Errorf("check: %w", err)
		}
		c.enabled[id] = true
	}
	for _, id := range opts.Disable {
		if err := knownRule(id); err != nil {
			return nil, fmt.Errorf("check: disable: %w", err)
		}
		c.disabled[id] = true
	}
	for _, r := range rules {
		c.severity[r.ID] = r.Severity
	}
	for id, s := range opts.Severity {
		if err := knownRule(id); err != nil {
			return nil, fmt.Errorf("check: severity: %w", err)
		}
		if s != Warning && s != Error {
			return nil, fmt.Errorf("check: severity of %s: invalid severity %d", id, int(s))
		}
		c.severity[id] = s
	}
	if opts.Glossary != nil {
		c.matcher = opts.Glossary.Matcher()
	}
	return c, nil
}

// document runs the per-segment rules over the units of d, the input with index di.
func (c *checker) document(di int, d *document) {
	terms := c.matcher != nil && sameLang(d.srcLang, c.glossary.From) && (d.tgtLang == "" || sameLang(d.tgtLang, c.glossary.To))
	for ui := range d.units {
		u := &d.units[ui]
		c.report.Summary.Segments++
		s := site{base: Finding{File: d.name, Line: max(u.line, 1), Segment: u.id, Source: u.source, Target: u.target,
			doc: di, unit: ui}, ignore: u.ignore}
		at := func(f Finding) { c.emit(s, f) }
		var ms []glossary.Match
		if terms {
			ms = c.matcher.Find(maskLiterals(u.source))
			c.sourceVariants(s, ms)
		}
		if u.sourceOnly || u.skipTarget {
			continue
		}
		if c.enabled[Untranslated] {
			if msg := untranslated(u, ms); msg != "" {
				at(Finding{Rule: Untranslated, Message: msg})
				continue
			}
		} else if strings.TrimSpace(u.target) == "" {
			continue // nothing to check a missing translation against
		}
		if c.enabled[TargetInconsistent] {
			c.remember(d, s)
		}
		if terms {
			c.terms(u, ms, at)
		}
		if c.enabled[NumberMismatch] {
			if msg := numberMessage(u.source, d.srcLang, placeholder.ReplaceAllString(u.target, " "), d.tgtLang); msg != "" {
				at(Finding{Rule: NumberMismatch, Message: msg})
			}
		}
		if c.enabled[MarkupMismatch] {
			for _, msg := range markupProblems(u) {
				at(Finding{Rule: MarkupMismatch, Message: msg})
			}
		}
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
	case !c.enabled[f.Rule]:
		return
	case c.disabled[f.Rule]:
		silenced.Config++
		silenced.Total++
		return
	case s.ignore.has(f.Rule):
		silenced.Note++
		silenced.Total++
		return
	}
	out := s.base
	out.Rule, out.Message, out.Severity = f.Rule, f.Message, c.severity[f.Rule]
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
	for _, f := range r.Findings {
		r.Summary.Rules[f.Rule]++
		if f.Severity == Error {
			r.Summary.Errors++
		} else {
			r.Summary.Warnings++
		}
	}
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

// occurrence is a translation of a source segment, for target-inconsistent.
type occurrence struct {
	target string // normalised
	site   site
}

// remember records the translation at s for target-inconsistent.
func (c *checker) remember(d *document, s site) {
	key := primaryLang(d.tgtLang) + "\x00" + collapse(s.base.Source)
	c.seen[key] = append(c.seen[key], occurrence{target: normalise(s.base.Target), site: s})
}

// inconsistencies reports the translations of each repeated source segment
// that differ from its most frequent translation (the first seen on a tie).
func (c *checker) inconsistencies() {
	for _, occ := range c.seen {
		if len(occ) < 2 {
			continue
		}
		count := map[string]int{}
		ref := occ[0]
		for _, o := range occ {
			count[o.target]++
			if count[o.target] > count[ref.target] {
				ref = o
			}
		}
		if count[ref.target] == len(occ) {
			continue
		}
		for _, o := range occ {
			if o.target != ref.target {
				c.emit(o.site, Finding{Rule: TargetInconsistent,
					Message: fmt.Sprintf("the same source is translated %q at %s", ref.site.base.Target, ref.site.where())})
			}
		}
	}
}

// collapse is s in NFC with runs of white space as one space, trimmed.
func collapse(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// typography maps the apostrophes and quotation marks that vary with style
// alone to one form each.
var typography = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "“", `"`, "”", `"`, "\u00a0", " ", "\u202f", " ")

// normalise is s as translations are compared: collapsed, case folded, one
// apostrophe and one double quotation mark.
func normalise(s string) string {
	return strings.ToLower(collapse(typography.Replace(s)))
}
