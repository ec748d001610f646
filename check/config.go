package check

import (
	"fmt"
	"slices"
)

// Config is the check section of diglot's configuration file:
//
//	check:
//	  disable: [target-inconsistent]   # run, but silence and count the findings
//	  severity:
//	    number-mismatch: warning       # error or warning
type Config struct {
	Disable  []string          `yaml:"disable"`
	Severity map[string]string `yaml:"severity"`
}

// Apply adds the configuration to opts. An unknown rule id or severity is an
// error.
func (c Config) Apply(opts *Options) error {
	for _, id := range c.Disable {
		if err := knownRule(id); err != nil {
			return fmt.Errorf("check.disable: %w", err)
		}
		if !slices.Contains(opts.Disable, id) {
			opts.Disable = append(opts.Disable, id)
		}
	}
	for id, s := range c.Severity {
		if err := knownRule(id); err != nil {
			return fmt.Errorf("check.severity: %w", err)
		}
		sev, err := ParseSeverity(s)
		if err != nil {
			return fmt.Errorf("check.severity.%s: %w", id, err)
		}
		if opts.Severity == nil {
			opts.Severity = map[string]Severity{}
		}
		opts.Severity[id] = sev
	}
	return nil
}
