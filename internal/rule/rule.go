package rule

import "fmt"

// The QA rule ids, as the design fixes them.
const (
	TermMissing        = "term-missing"
	TermForbidden      = "term-forbidden"
	SourceVariant      = "source-variant"
	Untranslated       = "untranslated"
	NumberMismatch     = "number-mismatch"
	TargetInconsistent = "target-inconsistent"
	MarkupMismatch     = "markup-mismatch"
)

// Default is a rule id with its default severity.
type Default struct {
	ID       string
	Severity Severity
}

// defaults lists every rule in its documented order.
var defaults = [...]Default{
	{TermMissing, Error},
	{TermForbidden, Error},
	{SourceVariant, Warning},
	{Untranslated, Error},
	{NumberMismatch, Error},
	{TargetInconsistent, Warning},
	{MarkupMismatch, Error},
}

// All returns every rule id with its default severity, in documented order.
func All() []Default { return append([]Default(nil), defaults[:]...) }

// DefaultSeverity returns the default severity of the rule id, and whether
// the id is known.
func DefaultSeverity(id string) (Severity, bool) {
	for _, d := range defaults {
		if d.ID == id {
			return d.Severity, true
		}
	}
	return 0, false
}

// Severity is how serious a finding is. The zero value is no severity.
type Severity int

// Severities, in increasing order.
const (
	Warning Severity = iota + 1
	Error
)

// String returns "warning" or "error", the words bitext issues, JSON and
// SARIF use.
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
		return nil, fmt.Errorf("invalid severity %d", int(s))
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
