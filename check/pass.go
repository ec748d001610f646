package check

import (
	"fmt"
	"strings"

	"github.com/diglot/diglot/glossary"
)

// Segment is one aligned unit as the rules see it: a source, its
// translation, and what the file says about them.
type Segment struct {
	Source, Target string
	// SourceLang and TargetLang are the languages. "" is unknown: the
	// glossary applies, and numbers are read with a decimal point.
	SourceLang, TargetLang string
	// NoTarget marks a unit without any target, as opposed to an empty one.
	NoTarget bool
	// SourceOnly marks an article: only the rules that read the source
	// alone run.
	SourceOnly bool
	// SkipTarget marks a unit whose target is not checked: a code or table
	// block, an XLIFF unit with translate="no".
	SkipTarget bool
	// HasCodes says that SourceCodes and TargetCodes are the unit's inline
	// codes ("ph:1", "pc:2", "bpt:1"…), compared by element alone when
	// CodesByKind (TMX numbers paired codes per variant).
	HasCodes, CodesByKind    bool
	SourceCodes, TargetCodes []string
	// Notes are the segment's notes: a "diglot-ignore" one silences the
	// findings it names, as in a checked file.
	Notes []string
}

// SegmentChecker runs the per-segment rules on one segment at a time: what
// `diglot check` reports for a segment, for translate's pipeline to record
// the same findings (same rule ids, severities and messages) as it writes
// each segment. Two things need the whole run and are left out:
// target-inconsistent, and the part of a source-variant message that says
// where another file uses the canonical spelling.
//
// A SegmentChecker is safe for concurrent use.
type SegmentChecker struct {
	glossary *glossary.Glossary
	matcher  *glossary.Matcher
	enabled  map[string]bool
	disabled map[string]bool
	severity map[string]Severity
}

// NewSegmentChecker returns a checker with the glossary, rules, disabled
// rules and severities of opts (From and To are not used: each segment
// gives its languages). An unknown rule id or severity is an error.
func NewSegmentChecker(opts Options) (*SegmentChecker, error) {
	sc := &SegmentChecker{
		enabled: map[string]bool{}, disabled: map[string]bool{}, severity: map[string]Severity{},
	}
	ids := opts.Rules
	if ids == nil {
		ids = RuleIDs()
	}
	for _, id := range ids {
		if err := knownRule(id); err != nil {
			return nil, fmt.Errorf("check: %w", err)
		}
		sc.enabled[id] = true
	}
	for _, id := range opts.Disable {
		if err := knownRule(id); err != nil {
			return nil, fmt.Errorf("check: disable: %w", err)
		}
		sc.disabled[id] = true
	}
	for _, r := range rules {
		sc.severity[r.ID] = r.Severity
	}
	for id, s := range opts.Severity {
		if err := knownRule(id); err != nil {
			return nil, fmt.Errorf("check: severity: %w", err)
		}
		if s != Warning && s != Error {
			return nil, fmt.Errorf("check: severity of %s: invalid severity %d", id, int(s))
		}
		sc.severity[id] = s
	}
	if opts.Glossary != nil {
		sc.glossary, sc.matcher = opts.Glossary, opts.Glossary.Matcher()
	}
	return sc, nil
}

// Check returns the findings of the per-segment rules on seg, in rule order,
// each with its rule id, severity, message, source and target (File, Line
// and Segment are left empty). Findings of disabled rules are left out.
func (sc *SegmentChecker) Check(seg Segment) []Finding {
	p := sc.pass(&seg)
	ignore := parseIgnore(seg.Notes...)
	var out []Finding
	for _, f := range p.found {
		if sc.disabled[f.Rule] || ignore.has(f.Rule) {
			continue
		}
		f.Severity, f.Source, f.Target = sc.severity[f.Rule], seg.Source, seg.Target
		out = append(out, f)
	}
	return out
}

// pass runs the rules on seg and returns the pass with its findings.
func (sc *SegmentChecker) pass(seg *Segment) *Pass {
	p := &Pass{Segment: seg, matcher: sc.matcher, enabled: sc.enabled}
	if sc.matcher != nil && sameLang(seg.SourceLang, sc.glossary.From) && sameLang(seg.TargetLang, sc.glossary.To) {
		p.termsApply = true
		p.Terms = sc.matcher.Find(p.maskedSource())
	}
	for _, r := range rules {
		if r.Source && r.Check != nil && sc.enabled[r.ID] {
			p.run(r)
		}
	}
	if seg.SourceOnly || seg.SkipTarget {
		return p
	}
	// A segment without a translation is reported by untranslated alone.
	if sc.enabled[Untranslated] {
		n := len(p.found)
		if p.run(untranslatedRule); len(p.found) > n {
			return p
		}
	} else if strings.TrimSpace(seg.Target) == "" {
		return p
	}
	p.Translated = true
	for _, r := range rules {
		if !r.Source && r.Check != nil && r.ID != Untranslated && sc.enabled[r.ID] {
			p.run(r)
		}
	}
	return p
}

// Pass is one segment being checked: what a rule's Check reads, and where it
// reports. Derived texts (the source and target with their URLs masked,
// normalised for comparison…) are computed once per segment, whichever
// rules need them.
type Pass struct {
	Segment *Segment
	// Terms are the glossary's matches in the source (URLs, e-mail
	// addresses, handles and hashtags masked), when the glossary applies to
	// the segment's languages.
	Terms []glossary.Match
	// Translated says that the segment has a target the target rules check:
	// untranslated did not report it.
	Translated bool

	termsApply bool // the glossary applies to the segment's languages
	matcher    *glossary.Matcher
	enabled    map[string]bool
	rule       string // of the Check running
	found      []Finding

	masked     [2]*string // source, target with literals masked
	normalised *string    // target as translations compare
	collapsed  *string    // source collapsed
	plainTgt   *string    // target with placeholders blanked
	forbidden  *[]glossary.Match
}

// Report records a finding of the running rule with message msg.
func (p *Pass) Report(msg string) { p.found = append(p.found, Finding{Rule: p.rule, Message: msg}) }

// Reportf records a finding of the running rule, formatting its message.
func (p *Pass) Reportf(format string, args ...any) { p.Report(fmt.Sprintf(format, args...)) }

// report records f as a finding of the running rule.
func (p *Pass) report(f Finding) {
	f.Rule = p.rule
	p.found = append(p.found, f)
}

func (p *Pass) run(r Rule) {
	p.rule = r.ID
	r.Check(p)
	p.rule = ""
}

// memo returns *v, computing it with f the first time.
func memo(v **string, f func() string) string {
	if *v == nil {
		s := f()
		*v = &s
	}
	return **v
}

func (p *Pass) maskedSource() string {
	return memo(&p.masked[0], func() string { return maskLiterals(p.Segment.Source) })
}

func (p *Pass) maskedTarget() string {
	return memo(&p.masked[1], func() string { return maskLiterals(p.Segment.Target) })
}

func (p *Pass) normalisedTarget() string {
	return memo(&p.normalised, func() string { return normalise(p.Segment.Target) })
}

func (p *Pass) collapsedSource() string {
	return memo(&p.collapsed, func() string { return collapse(p.Segment.Source) })
}

// targetWithoutPlaceholders is the target with protection placeholders
// blanked, so that their digits are not numbers.
func (p *Pass) targetWithoutPlaceholders() string {
	return memo(&p.plainTgt, func() string { return blankPlaceholders(p.Segment.Target) })
}
