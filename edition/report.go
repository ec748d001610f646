package edition

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/progress"
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
	// Finished is when the run ended, UTC, to the nanosecond: [Index]
	// tells the latest of several runs by it.
	Finished time.Time `json:"finished"`
	Backend  string    `json:"backend"`
	Model    string    `json:"model,omitempty"` // the backend's model, when it has one
	From     string    `json:"from"`
	To       string    `json:"to"`
	// Shard is the part of the batch the run did, I/N ([Shard]); absent
	// for a whole batch.
	Shard  string `json:"shard,omitempty"`
	DryRun bool   `json:"dry_run,omitempty"`
	// NewMemory is set when the translation memory was created by this
	// run: its segments from memory repeat paragraphs translated earlier in
	// the same run.
	NewMemory bool `json:"new_memory,omitempty"`
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
	// Empty lists the articles skipped for want of text (an empty file, or
	// only junk lines), by input path, in input order; never null.
	Empty []string `json:"empty"`
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

	// The fields of a merged report, which [Index] writes.

	// Indexed is the number of article records the index page lists.
	Indexed int `json:"articles_indexed,omitempty"`
	// Shards lists the reports merged.
	Shards []ShardRun `json:"shards,omitempty"`
	// Missing lists the shard indexes of the latest set that left no report.
	Missing []int `json:"missing_shards,omitempty"`
	// Superseded names the reports of older sets, not counted.
	Superseded []string `json:"superseded,omitempty"`
	// Flagged lists the articles translated by this run whose segments have
	// errors or warnings (those problems_by_rule counts), in input order,
	// with those segments; never null.
	Flagged []Flagged `json:"articles_with_problems"`
}

// Flagged is an article with problems: its input path and the segments
// whose issues are errors or warnings, in document order.
type Flagged struct {
	Path     string           `json:"path"`
	Segments []FlaggedSegment `json:"segments"`
}

// FlaggedSegment is a segment with problems: its id (p1…) and the rule id of
// each of its errors and warnings, as `diglot check` would report them.
type FlaggedSegment struct {
	ID    string   `json:"id"`
	Rules []string `json:"rules"`
}

// flag lists the segments of doc with errors or warnings, or returns nil.
func flag(path string, doc *bitext.Document) *Flagged {
	if doc == nil {
		return nil
	}
	f := &Flagged{Path: path}
	for _, s := range doc.Segments {
		var rules []string
		for _, is := range s.Issues {
			if is.Severity == bitext.SeverityError || is.Severity == bitext.SeverityWarning {
				rules = append(rules, is.Rule)
			}
		}
		if len(rules) > 0 {
			f.Segments = append(f.Segments, FlaggedSegment{ID: s.ID, Rules: rules})
		}
	}
	if len(f.Segments) == 0 {
		return nil
	}
	return f
}

// maxFlaggedInSummary bounds the articles the summary names.
const maxFlaggedInSummary = 10

// WriteFlagged writes, for people, the articles and segments with problems:
// at most maxFlaggedInSummary articles, then how many more (run.json has
// them all).
func (r *Report) WriteFlagged(w io.Writer) {
	for i, f := range r.Flagged {
		if i == maxFlaggedInSummary {
			fmt.Fprintf(w, "  … and %d more articles with problems (see %s)\n", len(r.Flagged)-i, ReportFile)
			break
		}
		var segs []string
		for _, s := range f.Segments {
			segs = append(segs, s.ID+" "+strings.Join(s.Rules, ","))
		}
		fmt.Fprintf(w, "  problems in %s: %s\n", termsafe.String(f.Path), strings.Join(segs, "; "))
	}
}

// ArticleCounts counts the articles of a run by outcome.
type ArticleCounts struct {
	Total   int `json:"total"`
	Done    int `json:"done"`    // translated and written
	Skipped int `json:"skipped"` // up to date: nothing sent, nothing written
	Failed  int `json:"failed"`
	Stopped int `json:"not_reached,omitempty"` // not finished when the run was interrupted
	Empty   int `json:"empty"`                 // no text to translate: skipped, with a warning
	// NotAttempted: not sent, or not finished, after an account-wide refusal.
	NotAttempted int `json:"not_attempted,omitempty"`
}

// Failure is one article that failed.
type Failure struct {
	Path    string `json:"path"`              // the input file
	Article string `json:"article,omitempty"` // its path relative to its root, as the outputs mirror it
	Error   string `json:"error"`             // one line, naming the file
}

// SegmentCounts counts segments by where their translation came from.
type SegmentCounts struct {
	Total   int `json:"total"`
	Memory  int `json:"from_memory"`
	Backend int `json:"from_backend"`
	// GlossaryChanged counts those of Backend that the memory held,
	// translated by the same backend with the same settings, under other
	// glossary entries: an entry the paragraph matches was edited or
	// removed, or it matches a new one (see docs/tm.md). In a dry run, of
	// those to translate.
	GlossaryChanged int `json:"glossary_changed"`
	// Waited counts the paragraphs another worker was translating when
	// this run met them: it waited for that translation rather than send
	// the paragraph again (see pipeline.Claimer).
	Waited int `json:"waited_for_other_worker,omitempty"`
	// SentAfterWait counts those of them still missing when the wait
	// ended (pipeline.Config.ClaimWait): this run sent them too.
	SentAfterWait int `json:"sent_after_waiting,omitempty"`
}

// why says, after the count of segments from the backend, how many of them
// a glossary change sent again: " (9 because their glossary entries
// changed)", or "" for none.
func (s SegmentCounts) why() string {
	if s.GlossaryChanged == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d because %s glossary entries changed)", s.GlossaryChanged, plural(s.GlossaryChanged, "its", "their"))
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
	if a.Empty > 0 {
		extra = append(extra, fmt.Sprintf("%d skipped as empty", a.Empty))
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
	memory := fmt.Sprintf("%d from memory", s.Memory)
	if r.NewMemory && s.Memory > 0 {
		memory = fmt.Sprintf("%d repeated within this run (from the new memory)", s.Memory)
	}
	fmt.Fprintf(w, "\n  %s: %d from the backend%s, %s; %s sent in %s (%d retried)\n",
		count(s.Total, "segment", "segments"), s.Backend, s.why(), memory, count(r.Chars, "character", "characters"),
		count(r.Requests, "request", "requests"), r.Retries)
	fmt.Fprintf(w, "  %s applied; %s%s; %s removed\n",
		count(r.Terms, "term", "terms"), count(r.problems(), "problem", "problems"), r.problemRules(),
		count(r.Removed, "junk line", "junk lines"))
	r.WriteFlagged(w)
}

// WriteEmpty writes a warning for each article skipped for want of text.
func (r *Report) WriteEmpty(w io.Writer) {
	for _, p := range r.Empty {
		fmt.Fprintf(w, "diglot: skipped %s: no text to translate (an empty file, or only junk lines; --strict makes this a failure)\n", p)
	}
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
	fmt.Fprintf(w, "dry run: %s, %s: %d from memory, %d to translate%s",
		count(a.Total, "article", "articles"), count(s.Total, "segment", "segments"), s.Memory, s.Backend, s.why())
	if a.Failed > 0 {
		fmt.Fprintf(w, " (%s could not be read)", count(a.Failed, "article", "articles"))
	}
	fmt.Fprintf(w, "\nwould send %s to %s in about %s\n", count(r.Chars, "character", "characters"), r.Backend, count(r.Requests, "request", "requests"))
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

// count is n and the noun that goes with it: "1 request", "2 requests".
func count(n int, one, many string) string {
	return progress.Group(n) + " " + plural(n, one, many)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
