package check

import (
	"fmt"
	"slices"
	"strings"
)

// Severity is how serious a [Finding] is. The zero value is no severity.
type Severity int

// Severities, in increasing order.
const (
	Warning Severity = iota + 1
	Error
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText encodes s as "warning" or "error".
func (s Severity) MarshalText() ([]byte, error) {
	if s != Warning && s != Error {
		return nil, fmt.Errorf("check: invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes "warning" or "error".
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity parses "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "warning":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error or warning)", s)
}

// Rule ids, as the design fixes them.
const (
	TermMissing        = "term-missing"
	TermForbidden      = "term-forbidden"
	SourceVariant      = "source-variant"
	Untranslated       = "untranslated"
	NumberMismatch     = "number-mismatch"
	TargetInconsistent = "target-inconsistent"
	MarkupMismatch     = "markup-mismatch"
)

// Rule describes one QA rule: its id, default severity and the texts that
// SARIF consumers show.
type Rule struct {
	ID       string
	Severity Severity // default severity
	Short    string   // one line
	Full     string   // what the rule finds, precisely
	Help     string   // how to fix or silence a finding
}

var rules = []Rule{
	{
		ID: TermMissing, Severity: Error,
		Short: "A glossary term in the source is not translated as the glossary requires",
		Full: "A source form of a glossary entry (canonical, variant or inflected form) occurs in the source " +
			"segment and none of the target forms the glossary allows (the target, its listed forms, " +
			"English plurals and possessives, any case unless the entry is case sensitive) occurs in the target. " +
			"One occurrence in the target honours the entry however often the source names it.",
		Help: "Use the glossary's target term in the translation. If the glossary is wrong, fix the glossary; " +
			"to accept this segment as it is, add a note containing \"diglot-ignore: term-missing\".",
	},
	{
		ID: TermForbidden, Severity: Error,
		Short: "The target uses a forbidden or deprecated translation of a glossary term",
		Full: "A form that the glossary lists as forbidden for an entry occurs in the target, " +
			"outside an allowed target form (\"Karabakh\" within \"Nagorno-Karabakh\" is allowed).",
		Help: "Replace the forbidden form by the entry's target term.",
	},
	{
		ID: SourceVariant, Severity: Warning,
		Short: "The source spells a glossary term in a non-canonical way",
		Full: "The source uses a spelling variant of a glossary entry instead of its canonical form " +
			"(the entry's first source form); the message names where else in the files checked the " +
			"canonical or another spelling is used.",
		Help: "Use the canonical spelling in the source, or make the variant the canonical form in the glossary.",
	},
	{
		ID: Untranslated, Severity: Error,
		Short: "The target is empty or a copy of the source",
		Full: "The target is missing or empty, or equal to the source (ignoring case, spacing and apostrophe style) " +
			"while the source has words to translate: words left once numbers, URLs, e-mail addresses, " +
			"handles, hashtags and do-not-translate glossary terms are set aside. Code and table blocks and " +
			"units marked translate=\"no\" are not checked.",
		Help: "Translate the segment. A name that stays the same in every language belongs in the glossary " +
			"with its target equal to its source.",
	},
	{
		ID: NumberMismatch, Severity: Error,
		Short: "Numbers differ between source and target",
		Full: "The multisets of numbers of source and target differ. French and English formats are read as " +
			"the values they denote: 6 500 = 6,500 = 6500, 12,5 % = 12.5%, 6,5 millions = 6.5 million = 6 500 000, " +
			"22 h 30 = 10:30 p.m.; spelled-out numbers (three, trois, twenty-one), ordinals and roman " +
			"numerals with an ordinal suffix (XXIe) may stand for a number written in digits on the other side.",
		Help: "Copy the number from the source, in the target language's format.",
	},
	{
		ID: TargetInconsistent, Severity: Warning,
		Short: "One source segment is translated two different ways",
		Full: "The same source text (whitespace normalised) has different translations in the files checked; " +
			"each translation that differs from the most frequent one is reported.",
		Help: "Use one translation for the repeated segment, or add a note containing " +
			"\"diglot-ignore: target-inconsistent\" where the context requires another.",
	},
	{
		ID: MarkupMismatch, Severity: Error,
		Short: "Inline codes, tags, protection markers or quotation marks are lost, added or left behind",
		Full: "An inline code of an XLIFF or TMX unit is missing from the target or added to it, an HTML-like tag " +
			"differs between source and target, a diglot protection placeholder (ZxqNqxZ) is left in the target, " +
			"or the target's quotation marks (« », “ ”) are unbalanced where the source's are balanced.",
		Help: "Restore the codes, tags or quotation marks of the source in the target.",
	},
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
