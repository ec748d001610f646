package edition

import (
	"bytes"
	"testing"

	"github.com/diglot/diglot/glossary"
)

func TestWriteTermMatches(t *testing.T) {
	e := &glossary.Entry{ID: "Pashinyan", File: "names.tsv", Line: 3}
	m := TermMatch{Match: glossary.Match{Start: 4, End: 13, Form: "Pachinian", Entry: e, Variant: true}, Line: 7, Segment: "p2", Target: "Pashinyan"}
	var b bytes.Buffer
	if err := WriteTermMatches(&b, "a.txt", []TermMatch{m}); err != nil {
		t.Fatal(err)
	}
	want := `a.txt:7 p2 [4:13] Pachinian -> Pashinyan (entry "Pashinyan", names.tsv:3) [variant of "Pashinyan"]` + "\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

func TestWriteIndexSummary(t *testing.T) {
	var b bytes.Buffer
	(&Report{Indexed: 1, Shards: make([]ShardRun, 2), Missing: []int{3}}).WriteIndexSummary(&b, "out")
	if want := "diglot: out/index.html lists 1 article; run.json merges 2 reports (shards [3] left no report yet)\n"; b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}
