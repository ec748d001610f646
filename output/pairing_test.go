package output

import (
	"reflect"
	"testing"

	"github.com/diglot/diglot/bitext"
)

func segs(idSource ...string) []bitext.Segment {
	var out []bitext.Segment
	for i := 0; i+1 < len(idSource); i += 2 {
		out = append(out, bitext.Segment{ID: idSource[i], Source: idSource[i+1]})
	}
	return out
}

func TestPairSegments(t *testing.T) {
	tests := []struct {
		name      string
		old, cur  []bitext.Segment
		wantMatch []int
		wantGone  []int
	}{
		{
			"same document",
			segs("p1", "a", "p2", "b"), segs("p1", "a", "p2", "b"),
			[]int{0, 1}, nil,
		},
		{
			"edited source keeps its id",
			segs("p1", "a", "p2", "b"), segs("p1", "a", "p2", "b changed"),
			[]int{0, 1}, nil,
		},
		{
			"inserted paragraph renumbers the rest",
			segs("p1", "a", "p2", "b", "p3", "c"),
			segs("p1", "a", "p2", "new", "p3", "b", "p4", "c"),
			[]int{0, -1, 1, 2}, nil,
		},
		{
			"deleted paragraph",
			segs("p1", "a", "p2", "b", "p3", "c"), segs("p1", "a", "p2", "c"),
			[]int{0, 2}, []int{1},
		},
		{
			"other ids, paired by source",
			segs("u1", "a", "u2", "b"), segs("p1", "b", "p2", "a"),
			[]int{1, 0}, nil,
		},
		{
			"repeated source pairs in order",
			segs("p1", "x", "p2", "x"), segs("q1", "x", "q2", "x", "q3", "x"),
			[]int{0, 1, -1}, nil,
		},
		{
			"nothing before",
			nil, segs("p1", "a"),
			[]int{-1}, nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			match, gone := pairSegments(tt.old, tt.cur)
			if !reflect.DeepEqual(match, tt.wantMatch) || !reflect.DeepEqual(gone, tt.wantGone) {
				t.Errorf("pairSegments = %v, %v; want %v, %v", match, gone, tt.wantMatch, tt.wantGone)
			}
		})
	}
}
