package check

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/diglot/diglot/internal/termsafe"
)

// Output formats of [Write].
const (
	FormatText   = "text"
	FormatJSON   = "json"
	FormatSARIF  = "sarif"
	FormatGitHub = "github"
)

// Formats lists the output formats.
func Formats() []string { return []string{FormatText, FormatJSON, FormatSARIF, FormatGitHub} }

// Write writes r to w in format (see [Formats]); version is the diglot
// version SARIF names.
func Write(w io.Writer, r *Report, format, version string) error {
	switch format {
	case FormatText:
		return WriteText(w, r)
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatSARIF:
		return WriteSARIF(w, r, version)
	case FormatGitHub:
		return WriteGitHub(w, r)
	}
	return fmt.Errorf("check: unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
}

// WriteText writes one line per finding, "file:line: severity rule:
// message (segment p3, source a.txt:5)", then a summary line, then how to
// fix each rule found, once per rule.
func WriteText(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		fmt.Fprintf(bw, "%s:%d: %s %s: %s%s\n", f.File, f.Line, f.Severity, f.Rule, oneLine(f.Message), f.where())
	}
	fmt.Fprintln(bw, r.Summary)
	for _, rule := range rules {
		if r.Summary.Rules[rule.ID] > 0 && rule.Help != "" {
			fmt.Fprintf(bw, "  fix %s: %s\n", rule.ID, rule.Help)
		}
	}
	return bw.Flush()
}

// where names the segment and, when known, the source article's line:
// " (segment p3, source a.txt:5)".
func (f Finding) where() string {
	var parts []string
	if f.Segment != "" {
		parts = append(parts, "segment "+f.Segment)
	}
	switch {
	case f.Article != "" && f.SourceLine > 0:
		parts = append(parts, fmt.Sprintf("source %s:%d", f.Article, f.SourceLine))
	case f.Article != "":
		parts = append(parts, "source "+f.Article)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// String is the summary as one line: "2 errors, 1 warning in 3 files (40
// segments); 2 silenced (1 by note, 1 by config)".
func (s Summary) String() string {
	var b strings.Builder
	if s.Errors+s.Warnings == 0 {
		b.WriteString("no findings")
	} else {
		fmt.Fprintf(&b, "%s, %s", count(s.Errors, "error"), count(s.Warnings, "warning"))
	}
	fmt.Fprintf(&b, " in %s (%s)", count(s.Files, "file"), count(s.Segments, "segment"))
	if s.Silenced.Total > 0 {
		fmt.Fprintf(&b, "; %d silenced (%d by note, %d by config)", s.Silenced.Total, s.Silenced.Note, s.Silenced.Config)
	}
	if s.Repeated > 0 {
		fmt.Fprintf(&b, "; %d repeated in another format of the same article, reported once", s.Repeated)
	}
	if len(s.Skipped) > 0 {
		fmt.Fprintf(&b, "; not run for want of a glossary (--glossary FILE): %s", strings.Join(s.Skipped, ", "))
	}
	return b.String()
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// oneLine replaces line breaks, which would split a finding's line.
func oneLine(s string) string {
	return termsafe.String(s)
}

// WriteJSON writes {"findings": [...], "summary": {...}}, indented.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteGitHub writes one GitHub Actions workflow command per finding
// ("::error file=a.xlf,line=12,title=term-missing::message"), which the
// runner shows as annotations, then the summary as a notice.
func WriteGitHub(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		msg := f.Message + f.where()
		if f.Fix != "" {
			msg += "\nfix: " + f.Fix
		}
		fmt.Fprintf(bw, "::%s file=%s,line=%d,title=%s::%s\n", f.Severity, escapeProperty(f.File), f.Line,
			escapeProperty(f.Rule), escapeData(msg))
	}
	fmt.Fprintf(bw, "::notice title=diglot check::%s\n", escapeData(r.Summary.String()))
	return bw.Flush()
}

// escapeData escapes a workflow command's message as the runner decodes it.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
