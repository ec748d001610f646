package edition

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/diglot/diglot/internal/termsafe"

	"github.com/diglot/diglot/translate"
)

// ReportSchema is the schema of the run report, [Report.Schema].
const ReportSchema = "diglot.run/v1"

// ReportFile is the name of the run report in the output folder.
const ReportFile = "run.json"

// Report is what a run did. Its JSON form is written to OUT/run.json (not in
// a dry run); docs/run.md documents every field. Fields may be added; none
// may change meaning without a new schema version.
type Report struct {
	Schema  string    `json:"schema"`  // ReportSchema
	Started time.Time `json:"started"` // UTC, to the second
	Seconds float64   `json:"seconds"` // wall time of the run
	Backend string    `json:"backend"`
	Model   string    `json:"model,omitempty"` // the backend's model, when it has one
	From    string    `json:"from"`
	To      string    `json:"to"`
	DryRun  bool      `json:"dry_run,omitempty"`
	// Interrupted is set when the run was stopped before every article was
	// reached or finished.
	Interrupted bool          `json:"interrupted,omitempty"`
	Articles    ArticleCounts `json:"articles"`
	// StoppedBy is the backend's account-wide refusal (quota exhausted, key
	// invalid or revoked) that stopped every request of the run at its first
	// reply; NotAttempted lists the input files that were then not sent, or
	// not finished, in input order (run again to resume them).
	StoppedBy    string   `json:"stopped_by,omitempty"`
	NotAttempted []string `json:"not_attempted,omitempty"`
	// Failures lists the articles that failed, in input order; never null.
	Failures []Failure `json:"failures"`
	// Segments counts the segments of the articles written or skipped.
	Segments SegmentCounts `json:"segments"`
	// Chars are the characters of the requests the backend accepted, failed
	// articles included; a refused or failed attempt carries none, it counts
	// as a request and its repeat as a retry (in a dry run: that would be sent).
	Chars    int `json:"characters_sent"`
	Requests int `json:"requests"` // backend requests (in a dry run: an estimate)
	Retries  int `json:"retries"`  // requests retried after a transient error
	Terms    int `json:"terms_applied"`
	Removed  int `json:"junk_lines_removed"`
	// Spilled counts the paragraphs translated but not stored in the memory
	// (it refused the write): they wait in OUT/.diglot-spill for the next
	// run, and the run exits 1. Unspilled counts those an earlier run left
	// there that this run stored first.
	Spilled   int `json:"spilled,omitempty"`
	Unspilled int `json:"unspilled,omitempty"`
	// StaleRemoved counts the temporary files of an earlier diglot, killed
	// while it wrote, that the run removed from OUT before writing.
	StaleRemoved int `json:"stale_temp_files_removed,omitempty"`
	// Problems counts the issues recorded on segments, by QA rule id; never null.
	Problems map[string]int `json:"problems_by_rule"`
}

// ArticleCounts counts the articles of a run by outcome.
type ArticleCounts struct {
	Total   int `json:"total"`
	Done    int `json:"done"`    // translated and written
	Skipped int `json:"skipped"` // up to date: nothing sent, nothing written
	Failed  int `json:"failed"`
	Stopped int `json:"not_reached,omitempty"` // not finished when the run was interrupted
	// NotAttempted: not sent, or not finished, after an account-wide refusal.
	NotAttempted int `json:"not_attempted,omitempty"`
}

// Failure is one article that failed.
type Failure struct {
	Path  string `json:"path"`  // the input file
	Error string `json:"error"` // one line, naming the file
}

// SegmentCounts counts segments by where their translation came from.
type SegmentCounts struct {
	Total   int `json:"total"`
	Memory  int `json:"from_memory"`
	Backend int `json:"from_backend"`
}

// WriteJSON writes r as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func (r *Report) model() string {
	if r.Model == "" {
		return ""
	}
	return " (" + r.Model + ")"
}

// WriteSummary writes the end-of-run summary for people, three lines. A
// progress display is expected to have reported each failed article already.
func (r *Report) WriteSummary(w io.Writer) {
	a := r.Articles
	fmt.Fprintf(w, "diglot: %d %s translated %s→%s with %s%s in %s",
		a.Done, plural(a.Done, "article", "articles"), r.From, r.To, r.Backend, r.model(),
		time.Duration(r.Seconds*float64(time.Second)).Round(time.Millisecond))
	var extra []string
	if a.Skipped > 0 {
		extra = append(extra, fmt.Sprintf("%d unchanged", a.Skipped))
	}
	if a.Failed > 0 {
		extra = append(extra, fmt.Sprintf("%d failed", a.Failed))
	}
	if a.Stopped > 0 {
		extra = append(extra, fmt.Sprintf("%d not reached", a.Stopped))
	}
	if a.NotAttempted > 0 {
		extra = append(extra, fmt.Sprintf("%d not attempted", a.NotAttempted))
	}
	if len(extra) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(extra, ", "))
	}
	s := r.Segments
	fmt.Fprintf(w, "\n  %d segments: %d from the backend, %d from memory; %d characters sent in %d requests (%d retried)\n",
		s.Total, s.Backend, s.Memory, r.Chars, r.Requests, r.Retries)
	fmt.Fprintf(w, "  %d terms applied; %d problems%s; %d junk lines removed\n",
		r.Terms, r.problems(), r.problemRules(), r.Removed)
}

// WriteFailures writes the articles that failed, one line each.
func (r *Report) WriteFailures(w io.Writer) {
	for _, f := range r.Failures {
		fmt.Fprintf(w, "diglot: failed: %s\n", termsafe.String(f.Error))
	}
}

func (r *Report) problems() int {
	n := 0
	for _, c := range r.Problems {
		n += c
	}
	return n
}

func (r *Report) problemRules() string {
	if len(r.Problems) == 0 {
		return ""
	}
	rules := make([]string, 0, len(r.Problems))
	for rule, n := range r.Problems {
		rules = append(rules, fmt.Sprintf("%s %d", rule, n))
	}
	sort.Strings(rules)
	return " (" + strings.Join(rules, ", ") + ")"
}

// Price is what a backend costs, per million characters sent.
type Price struct {
	PerMillionChars float64 `yaml:"per_million_chars" json:"per_million_chars"`
	Currency        string  `yaml:"currency" json:"currency"`
}

// Prices returns the price table for cost estimates, by backend name: each
// backend's list price from its metadata ([translate.Info.Price]),
// overridden by override (the configuration's prices). A backend whose price
// depends on the user's plan or model (an LLM) is absent unless override
// names it. Offline and self-hosted backends cost nothing per character.
func Prices(infos []translate.Info, override map[string]Price) map[string]Price {
	out := map[string]Price{}
	for _, in := range infos {
		if !in.Price.Unknown {
			out[in.Name] = Price{PerMillionChars: in.Price.PerMillionChars, Currency: in.Price.Currency}
		}
	}
	maps.Copy(out, override)
	return out
}

// Estimate returns what the characters of r cost on its backend, and whether
// prices knows that backend's price.
func (r *Report) Estimate(prices map[string]Price) (cost float64, p Price, ok bool) {
	p, ok = prices[r.Backend]
	return float64(r.Chars) / 1e6 * p.PerMillionChars, p, ok
}

// WriteDryRun writes what a dry run found the batch would send and cost.
func (r *Report) WriteDryRun(w io.Writer, prices map[string]Price) {
	a, s := r.Articles, r.Segments
	fmt.Fprintf(w, "dry run: %d %s, %d segments: %d from memory, %d to translate",
		a.Total, plural(a.Total, "article", "articles"), s.Total, s.Memory, s.Backend)
	if a.Failed > 0 {
		fmt.Fprintf(w, " (%d articles could not be read)", a.Failed)
	}
	fmt.Fprintf(w, "\nwould send %d characters to %s in about %d requests\n", r.Chars, r.Backend, r.Requests)
	cost, p, ok := r.Estimate(prices)
	switch {
	case !ok:
		fmt.Fprintf(w, "estimated cost: unknown (set prices.%s.per_million_chars in diglot.yaml)\n", r.Backend)
	case p.PerMillionChars == 0:
		fmt.Fprintln(w, "estimated cost: free (nothing is charged per character)")
	default:
		currency := p.Currency
		if currency == "" {
			currency = "(no currency: set prices." + r.Backend + ".currency in diglot.yaml)"
		}
		fmt.Fprintf(w, "estimated cost: %.2f %s (%.2f %s per million characters)\n",
			cost, currency, p.PerMillionChars, currency)
	}
	r.WriteFailures(w)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
