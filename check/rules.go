package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/diglot/diglot/internal/rule"
)

// Severity is how serious a [Finding] is: [Warning] or [Error]. The zero
// value is no severity.
type Severity = rule.Severity

// Severities, in increasing order.
const (
	Warning = rule.Warning
	Error   = rule.Error
)

// ParseSeverity parses "warning" or "error".
func ParseSeverity(s string) (Severity, error) { return rule.ParseSeverity(s) }

// Rule ids, as the design fixes them (defined, with their default
// severities, in one place that package glossary uses too).
const (
	TermMissing        = rule.TermMissing
	TermForbidden      = rule.TermForbidden
	SourceVariant      = rule.SourceVariant
	Untranslated       = rule.Untranslated
	NumberMismatch     = rule.NumberMismatch
	TargetInconsistent = rule.TargetInconsistent
	MarkupMismatch     = rule.MarkupMismatch
)

// Rule is one QA rule, as a value (after golang.org/x/tools/go/analysis's
// Analyzer): its id, default severity, documentation and behaviour.
type Rule struct {
	ID       string
	Severity Severity // default severity
	// Doc says what the rule finds: a one-line summary, a blank line, then
	// the precise description. SARIF, --help and docs/check.md show it.
	Doc string
	// Help says how to fix or silence a finding.
	Help string
	// Source marks a rule that reads the source alone: it also runs on
	// source-only articles and on segments whose target is not checked.
	Source bool
	// Check runs the rule on one segment, reporting through [Pass.Report].
	// It is nil for a rule that only looks across the files of a run
	// (target-inconsistent).
	Check func(*Pass)
}

// Short is the first line of r.Doc.
func (r Rule) Short() string {
	short, _, _ := strings.Cut(r.Doc, "\n\n")
	return short
}

// Full is r.Doc after its first line.
func (r Rule) Full() string {
	_, full, _ := strings.Cut(r.Doc, "\n\n")
	return full
}

// rules lists the QA rules in their documented order, which reports, SARIF
// and the docs follow. Each rule is a value in its own file (term_missing.go,
// number_mismatch.go…). A new rule is one new file holding its Rule value and
// Check function, plus one line here; its id and default severity go in
// internal/rule, the one place rule ids are defined. `diglot check --help`
// and the rule table of docs/check.md are generated from this list
// (go test ./check -run TestDocs -update rewrites the table).
var rules = withDefaults([]Rule{
	termMissing,
	termForbidden,
	sourceVariant,
	untranslatedRule,
	numberMismatch,
	targetInconsistent,
	markupMismatch,
})

// withDefaults fills in each rule's default severity from internal/rule.
// An id it does not know is a programming error.
func withDefaults(rs []Rule) []Rule {
	for i := range rs {
		s, ok := rule.DefaultSeverity(rs[i].ID)
		if !ok {
			panic("check: rule " + rs[i].ID + " has no id in internal/rule")
		}
		rs[i].Severity = s
	}
	return rs
}

// Rules returns the QA rules in their documented order.
func Rules() []Rule { return slices.Clone(rules) }

// LookupRule returns the rule with the given id.
func LookupRule(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// RuleIDs returns the ids of every rule, in order.
func RuleIDs() []string {
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return ids
}

// ParseRuleList parses a comma-separated list of rule ids ("term-missing,
// number-mismatch"). An unknown id is an error naming the known ones.
func ParseRuleList(list string) ([]string, error) {
	var ids []string
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if err := knownRule(f); err != nil {
			return nil, err
		}
		if !slices.Contains(ids, f) {
			ids = append(ids, f)
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no rule in %q (want some of %s)", list, strings.Join(RuleIDs(), ", "))
	}
	return ids, nil
}

func knownRule(id string) error {
	if _, ok := LookupRule(id); !ok {
		return fmt.Errorf("unknown rule %q (want one of %s)", id, strings.Join(RuleIDs(), ", "))
	}
	return nil
}
