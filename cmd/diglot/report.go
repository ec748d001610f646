package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
)

// runReport is what a run did, written to OUT/run.json and summed up on stderr.
type runReport struct {
	Schema   string        `json:"schema"`
	Started  time.Time     `json:"started"`
	Seconds  float64       `json:"seconds"`
	Backend  string        `json:"backend"`
	Model    string        `json:"model,omitempty"`
	From     string        `json:"from"`
	To       string        `json:"to"`
	DryRun   bool          `json:"dry_run,omitempty"`
	Stopped  bool          `json:"interrupted,omitempty"`
	Articles articleCounts `json:"articles"`
	Failures []failure     `json:"failures"`
	Segments segmentCounts `json:"segments"`
	// Characters sent to the backend (in a dry run: that would be sent).
	Chars    int            `json:"characters_sent"`
	Requests int            `json:"requests"`
	Retries  int            `json:"retries"`
	Terms    int            `json:"terms_applied"`
	Removed  int            `json:"junk_lines_removed"`
	Problems map[string]int `json:"problems_by_rule"`
	backend  string
}

type articleCounts struct {
	Total   int `json:"total"`
	Done    int `json:"done"`
	Skipped int `json:"skipped"`
	Failed  int `json:"failed"`
	Stopped int `json:"not_reached,omitempty"`
}

type failure struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

type segmentCounts struct {
	Total   int `json:"total"`
	Memory  int `json:"from_memory"`
	Backend int `json:"from_backend"`
}

const runSchema = "diglot.run/v1"

func newRunReport(o *translateOptions, p *pipeline.Pipeline, outcomes []outcome, start time.Time, interrupted bool) *runReport {
	r := &runReport{Schema: runSchema, Started: start.UTC().Truncate(time.Second),
		Seconds: time.Since(start).Seconds(), Backend: o.backend, From: o.from, To: o.to, DryRun: o.dryRun,
		Stopped: interrupted, Failures: []failure{}, Problems: map[string]int{}}
	if m, ok := p.Backend.(translate.Modeler); ok {
		r.Model = m.Model()
	}
	var st pipeline.Stats
	r.Articles.Total = len(outcomes)
	for _, oc := range outcomes {
		switch oc.status {
		case statusDone:
			r.Articles.Done++
		case statusSkipped:
			r.Articles.Skipped++
		case statusFailed:
			r.Articles.Failed++
			r.Failures = append(r.Failures, failure{Path: oc.in.path, Error: oc.err.Error()})
		case statusStopped:
			r.Articles.Stopped++
		}
		if oc.status == statusDone || oc.status == statusSkipped {
			st.Add(oc.stats)
		}
	}
	// What was sent is counted as it is sent, failed articles included: it
	// is what the run cost.
	t := p.Totals()
	r.Segments = segmentCounts{Total: st.Segments, Memory: st.MemoryHits, Backend: st.Translated}
	r.Chars, r.Requests, r.Retries = t.Chars, t.Requests, t.Retries
	if o.dryRun {
		r.Chars, r.Requests = st.Chars, st.Requests
	}
	r.Terms, r.Removed = st.Terms, st.Removed
	for rule, n := range st.Rules {
		r.Problems[rule] = n
	}
	return r
}

func (r *runReport) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func (r *runReport) model() string {
	if r.Model == "" {
		return ""
	}
	return " (" + r.Model + ")"
}

// writeSummary prints the end-of-run summary. The progress display has
// already reported each failed article as it failed.
func (r *runReport) writeSummary(w io.Writer) {
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
	if len(extra) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(extra, ", "))
	}
	s := r.Segments
	fmt.Fprintf(w, "\n  %d segments: %d from the backend, %d from memory; %d characters sent in %d requests (%d retried)\n",
		s.Total, s.Backend, s.Memory, r.Chars, r.Requests, r.Retries)
	fmt.Fprintf(w, "  %d terms applied; %d problems%s; %d junk lines removed\n",
		r.Terms, r.problems(), r.problemRules(), r.Removed)
}

// writeFailures lists the articles that failed, one line each.
func (r *runReport) writeFailures(w io.Writer) {
	for _, f := range r.Failures {
		fmt.Fprintf(w, "diglot: failed: %s\n", f.Error)
	}
}

func (r *runReport) problems() int {
	n := 0
	for _, c := range r.Problems {
		n += c
	}
	return n
}

func (r *runReport) problemRules() string {
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

// price is what a backend costs, per million characters sent.
type price struct {
	PerMillionChars float64 `yaml:"per_million_chars"`
	Currency        string  `yaml:"currency"`
}

// defaultPrices are the list prices of the backends' pay-as-you-go plans
// (2026): Google Cloud Translation bills 20 USD per million characters,
// DeepL API Pro 20 EUR per million characters (plus its monthly fee). The
// offline and self-hosted backends cost nothing per character; an LLM's price
// depends on the model and is the user's to set.
var defaultPrices = map[string]price{
	"google":   {20, "USD"},
	"deepl":    {20, "EUR"},
	"libre":    {0, ""},
	"apertium": {0, ""},
	"fake":     {0, ""},
}

// writeDryRun prints what the run would send and cost, on stdout: it is the
// data a dry run asks for.
func (r *runReport) writeDryRun(w io.Writer, prices map[string]price) {
	a, s := r.Articles, r.Segments
	fmt.Fprintf(w, "dry run: %d %s, %d segments: %d from memory, %d to translate",
		a.Total, plural(a.Total, "article", "articles"), s.Total, s.Memory, s.Backend)
	if a.Failed > 0 {
		fmt.Fprintf(w, " (%d articles could not be read)", a.Failed)
	}
	fmt.Fprintf(w, "\nwould send %d characters to %s in about %d requests\n", r.Chars, r.Backend, r.Requests)
	p, ok := prices[r.Backend]
	switch {
	case !ok:
		fmt.Fprintf(w, "estimated cost: unknown (set prices.%s.per_million_chars in diglot.yaml)\n", r.Backend)
	case p.PerMillionChars == 0:
		fmt.Fprintln(w, "estimated cost: nothing per character")
	default:
		fmt.Fprintf(w, "estimated cost: %.2f %s (%.2f %s per million characters)\n",
			float64(r.Chars)/1e6*p.PerMillionChars, p.Currency, p.PerMillionChars, p.Currency)
	}
	r.writeFailures(w)
}
