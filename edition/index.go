package edition

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"time"

	"github.com/diglot/diglot/internal/atomicfile"
	"github.com/diglot/diglot/output"
)

// ShardRun is one report [Index] merged: a shard's run.I-of-N.json, or a
// whole batch's run.json.
type ShardRun struct {
	File     string        `json:"file"`            // the report's name in the output folder
	Shard    string        `json:"shard,omitempty"` // I/N; absent for a whole batch
	Started  time.Time     `json:"started"`
	Seconds  float64       `json:"seconds"`
	Articles ArticleCounts `json:"articles"`
	Chars    int           `json:"characters_sent"`
}

// shardReport matches the name of a shard's report.
var shardReport = regexp.MustCompile(`^run\.(\d+)-of-(\d+)\.json$`)

// Index rebuilds out/index.html and out/run.json from what the folder
// holds, the index of the folder rather than of one run: the page lists
// every article record in it (NAME.FROM-TO.json, whichever run or shard
// wrote it) and the articles that failed without leaving one; run.json is
// the merge of the latest set of run reports in it, and is returned.
//
// The latest set is the reports with the same number of shards N
// (run.0-of-N.json … run.N-1-of-N.json, or a whole batch's run.json) among
// which is the one that started last. Their counts are summed, each is
// listed in [Report.Shards], the indexes of those not found are in
// [Report.Missing], and reports of older sets are named in
// [Report.Superseded] but not counted. A folder with neither records nor
// reports, or one that does not exist, is an [*InputError].
func Index(out string) (*Report, error) {
	if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
		if err == nil {
			err = errors.New("not a folder")
		}
		return nil, &InputError{Path: out, Err: fmt.Errorf("%s: %w", out, unwrapPathError(err))}
	}
	entries, err := indexEntries(out)
	if err != nil {
		return nil, err
	}
	reports, err := readReports(out)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 && len(reports) == 0 {
		return nil, &InputError{Path: out, Err: fmt.Errorf("%s: no diglot outputs in this folder (no NAME.FROM-TO.json, no run report)", out)}
	}
	r := merge(reports)
	r.Indexed = len(entries)

	// Articles of the latest runs that failed and have no record are listed
	// as failed.
	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.Path] = true
	}
	for _, f := range r.Failures {
		if f.Article != "" && !listed[f.Article] {
			entries = append(entries, output.IndexEntry{Path: f.Article, Failed: f.Error})
			listed[f.Article] = true
		}
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	title := "diglot"
	if r.From != "" {
		title += ": " + r.From + "→" + r.To
	}
	if err := atomicfile.Write(filepath.Join(out, "index.html"), func(w io.Writer) error {
		return output.WriteIndex(w, title, entries)
	}); err != nil {
		return r, fmt.Errorf("writing index: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(out, ReportFile), r.WriteJSON); err != nil {
		return r, fmt.Errorf("writing run report: %w", err)
	}
	return r, nil
}

// indexEntries summarises every article record under out ([output.ScanIndex],
// for any language pair). A record diglot cannot read is listed as failed,
// with the reason.
func indexEntries(out string) ([]output.IndexEntry, error) {
	entries, err := output.ScanIndex(os.DirFS(out), "", "", nil)
	if err != nil {
		return nil, &InputError{Path: out, Err: fmt.Errorf("%s: %w", out, err)}
	}
	return entries, nil
}

// namedReport is a run report read from the output folder.
type namedReport struct {
	file string
	n    int // shards in its set; 0 for a whole batch's run.json
	i    int
	r    *Report
}

// readReports reads out/run.json (unless it is itself a merge) and every
// out/run.I-of-N.json. A report diglot cannot read is an [*InputError]
// naming it.
func readReports(out string) ([]namedReport, error) {
	des, err := os.ReadDir(out)
	if err != nil {
		return nil, &InputError{Path: out, Err: fmt.Errorf("%s: %w", out, unwrapPathError(err))}
	}
	var reports []namedReport
	for _, de := range des {
		name := de.Name()
		m := shardReport.FindStringSubmatch(name)
		if name != ReportFile && m == nil {
			continue
		}
		p := filepath.Join(out, name)
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, &InputError{Path: p, Err: fmt.Errorf("%s: %w", p, unwrapPathError(err))}
		}
		var r Report
		if err := json.Unmarshal(data, &r); err != nil || r.Schema != ReportSchema {
			if err == nil {
				err = fmt.Errorf("schema %q, want %s", r.Schema, ReportSchema)
			}
			return nil, &InputError{Path: p, Err: fmt.Errorf("%s: not a diglot run report: %w", p, err)}
		}
		nr := namedReport{file: name, r: &r}
		if m != nil {
			fmt.Sscan(m[1], &nr.i)
			fmt.Sscan(m[2], &nr.n)
			if nr.n < 1 || nr.i >= nr.n {
				continue // not a name a shard writes
			}
		} else if len(r.Shards) > 0 || r.Indexed > 0 {
			continue // the last merge: its reports are read themselves
		}
		reports = append(reports, nr)
	}
	return reports, nil
}

// merge sums the latest set of reports up (see [Index]).
func merge(reports []namedReport) *Report {
	r := &Report{Schema: ReportSchema, Failures: []Failure{}, Problems: map[string]int{}, Shards: []ShardRun{}}
	if len(reports) == 0 {
		return r
	}
	latest := slices.MaxFunc(reports, func(a, b namedReport) int { return a.r.finished().Compare(b.r.finished()) })
	var end time.Time
	have := map[int]bool{}
	for _, nr := range reports {
		if nr.n != latest.n {
			r.Superseded = append(r.Superseded, nr.file)
			continue
		}
		s := nr.r
		have[nr.i] = true
		r.Shards = append(r.Shards, ShardRun{File: nr.file, Shard: s.Shard, Started: s.Started, Seconds: s.Seconds,
			Articles: s.Articles, Chars: s.Chars})
		if r.Started.IsZero() || s.Started.Before(r.Started) {
			r.Started = s.Started
		}
		if e := s.finished(); e.After(end) {
			end = e
		}
		if r.Backend == "" {
			r.Backend, r.Model, r.From, r.To = s.Backend, s.Model, s.From, s.To
		}
		r.Interrupted = r.Interrupted || s.Interrupted
		a := &r.Articles
		a.Total += s.Articles.Total
		a.Done += s.Articles.Done
		a.Skipped += s.Articles.Skipped
		a.Failed += s.Articles.Failed
		a.Stopped += s.Articles.Stopped
		r.Failures = append(r.Failures, s.Failures...)
		r.Segments.Total += s.Segments.Total
		r.Segments.Memory += s.Segments.Memory
		r.Segments.Backend += s.Segments.Backend
		r.Segments.GlossaryChanged += s.Segments.GlossaryChanged
		r.Segments.Waited += s.Segments.Waited
		r.Segments.SentAfterWait += s.Segments.SentAfterWait
		r.Chars += s.Chars
		r.Requests += s.Requests
		r.Retries += s.Retries
		r.Terms += s.Terms
		r.Removed += s.Removed
		for rule, n := range s.Problems {
			r.Problems[rule] += n
		}
	}
	r.Seconds = end.Sub(r.Started).Seconds()
	r.Finished = end
	for i := range latest.n {
		if !have[i] {
			r.Missing = append(r.Missing, i)
		}
	}
	sort.Slice(r.Shards, func(i, j int) bool { return r.Shards[i].File < r.Shards[j].File })
	sort.SliceStable(r.Failures, func(i, j int) bool { return r.Failures[i].Path < r.Failures[j].Path })
	sort.Strings(r.Superseded)
	return r
}

// finished is when the run ended: its Finished, or for a report without
// one, its start and wall time.
func (r *Report) finished() time.Time {
	if !r.Finished.IsZero() {
		return r.Finished
	}
	return r.Started.Add(time.Duration(r.Seconds * float64(time.Second)))
}
