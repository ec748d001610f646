package check

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/glossary"
)

// TestSegmentCheckerAgreesWithRun checks that SegmentChecker.Check, which
// translate's pipeline calls on each segment, reports on every segment of
// the sample and precision sets what Run reports for it: same rules, same
// severities, same messages, but for target-inconsistent (across files) and
// the part of source-variant's message that names another file.
func TestSegmentCheckerAgreesWithRun(t *testing.T) {
	for _, tt := range []struct {
		dir, glossary string
		opts          Options
	}{
		{"sample", "names.tsv", Options{}},
		{"precision", "glossary.yaml", Options{}},
		{"precision", "glossary.yaml", Options{Rules: []string{TermMissing, Untranslated}, Severity: map[string]Severity{TermMissing: Warning}}},
	} {
		dir := filepath.Join("testdata", tt.dir)
		r, inputs := runDir(t, dir, tt.glossary, tt.opts)
		opts := tt.opts
		var err error
		if opts.Glossary, err = glossary.Load(filepath.Join(dir, tt.glossary)); err != nil {
			t.Fatal(err)
		}
		sc, err := NewSegmentChecker(opts)
		if err != nil {
			t.Fatal(err)
		}
		byUnit := map[string][]Finding{}
		for _, f := range r.Findings {
			if f.Rule != TargetInconsistent {
				byUnit[f.File+"\x00"+f.Segment] = append(byUnit[f.File+"\x00"+f.Segment], f)
			}
		}
		checked := 0
		for _, in := range inputs {
			d, err := load(in, "fr", "en")
			if err != nil {
				t.Fatal(err)
			}
			for ui := range d.units {
				u := &d.units[ui]
				if u.ignore.all || len(u.ignore.rules) > 0 {
					continue // notes silence findings in Run; segments have none
				}
				checked++
				got := sc.Check(d.segment(u))
				want := byUnit[d.name+"\x00"+u.id]
				slices.SortStableFunc(got, func(a, b Finding) int { return ruleIndex(a.Rule) - ruleIndex(b.Rule) })
				if !sameFindings(got, want) {
					t.Errorf("%s %s: SegmentChecker found %v, Run %v", d.name, u.id, brief(got), brief(want))
				}
			}
		}
		if checked == 0 {
			t.Fatalf("%s: no segment checked", dir)
		}
	}
}

func sameFindings(got, want []Finding) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Rule != w.Rule || g.Severity != w.Severity || g.Source != w.Source || g.Target != w.Target {
			return false
		}
		if g.Message != w.Message && !(g.Rule == SourceVariant && strings.HasPrefix(w.Message, g.Message)) {
			return false
		}
	}
	return true
}

func brief(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Severity.String()+" "+f.Rule+": "+f.Message)
	}
	return out
}

// TestSegmentCheckerConcurrent checks one SegmentChecker from several
// goroutines, as translate's workers use it (run with -race).
func TestSegmentCheckerConcurrent(t *testing.T) {
	g, err := glossary.Load(filepath.Join("testdata", "precision", "glossary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := NewSegmentChecker(Options{Glossary: g})
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := Collect([]string{filepath.Join("testdata", "precision")}, "fr", "en")
	if err != nil {
		t.Fatal(err)
	}
	var segs []Segment
	for _, in := range inputs {
		d, err := load(in, "fr", "en")
		if err != nil {
			t.Fatal(err)
		}
		for ui := range d.units {
			segs = append(segs, d.segment(&d.units[ui]))
		}
	}
	want := make([][]string, len(segs))
	for i, s := range segs {
		want[i] = brief(sc.Check(s))
	}
	errs := make(chan string, 4)
	for range 4 {
		go func() {
			for i, s := range segs {
				if got := brief(sc.Check(s)); !slices.Equal(got, want[i]) {
					errs <- fmt.Sprintf("segment %d: %q, then %q", i, want[i], got)
					return
				}
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

// TestSegmentCheckerNotes: a segment's diglot-ignore note silences the
// rules it names there, as in a checked file (translate passes the notes
// an editor's approved translation keeps).
func TestSegmentCheckerNotes(t *testing.T) {
	sc, err := NewSegmentChecker(Options{})
	if err != nil {
		t.Fatal(err)
	}
	seg := Segment{Source: "Environ 6 500 personnes.", Target: "About 7,500 people.", SourceLang: "fr", TargetLang: "en"}
	has := func(fs []Finding) bool {
		return slices.ContainsFunc(fs, func(f Finding) bool { return f.Rule == NumberMismatch })
	}
	if got := sc.Check(seg); !has(got) {
		t.Fatalf("without a note: %v, want %s", got, NumberMismatch)
	}
	for _, note := range []string{"diglot-ignore: number-mismatch (checked)", "diglot-ignore"} {
		seg.Notes = []string{note}
		if got := sc.Check(seg); has(got) {
			t.Errorf("note %q: %v", note, got)
		}
	}
	seg.Notes = []string{"diglot-ignore: untranslated"}
	if got := sc.Check(seg); !has(got) {
		t.Errorf("a note on another rule silenced %s: %v", NumberMismatch, got)
	}
}
