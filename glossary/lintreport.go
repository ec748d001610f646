package glossary

import (
	"fmt"
	"io"

	"github.com/diglot/diglot/internal/termsafe"
)

// WriteLint writes findings as `diglot glossary lint` prints them: one a
// line on out, file:line: rule: message (made safe for a terminal), and the
// count on log ("3 findings in 12 entries", "12 entries, no finding"). It
// reports whether there were findings.
func WriteLint(out, log io.Writer, g *Glossary, findings []LintFinding) bool {
	for _, f := range findings {
		fmt.Fprintln(out, termsafe.String(fmt.Sprint(f)))
	}
	switch n := len(findings); n {
	case 0:
		fmt.Fprintf(log, "diglot: %d entries, no finding\n", len(g.Entries))
	case 1:
		fmt.Fprintf(log, "diglot: 1 finding in %d entries\n", len(g.Entries))
	default:
		fmt.Fprintf(log, "diglot: %d findings in %d entries\n", n, len(g.Entries))
	}
	return len(findings) > 0
}
