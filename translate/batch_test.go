package translate

import (
	"errors"
	"strings"
	"testing"
)

func TestBatches(t *testing.T) {
	seg := func(id string, n int) Segment { return Segment{ID: id, Text: strings.Repeat("é", n)} }
	tests := []struct {
		name  string
		segs  []Segment
		lim   Limits
		sizes []int
	}{
		{"no limits, one batch", []Segment{seg("a", 5), seg("b", 5)}, Limits{}, []int{2}},
		{"segment count", []Segment{seg("a", 1), seg("b", 1), seg("c", 1)}, Limits{MaxSegments: 2}, []int{2, 1}},
		{"chars are code points", []Segment{seg("a", 4), seg("b", 4), seg("c", 4)}, Limits{MaxChars: 8}, []int{2, 1}},
		{"bytes", []Segment{seg("a", 4), seg("b", 4)}, Limits{MaxBytes: 8}, []int{1, 1}},
		{"empty", nil, Limits{MaxSegments: 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Batches(tt.segs, tt.lim)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.sizes) {
				t.Fatalf("%d batches, want %d", len(got), len(tt.sizes))
			}
			var ids []string
			for i, b := range got {
				if len(b) != tt.sizes[i] {
					t.Errorf("batch %d has %d segments, want %d", i, len(b), tt.sizes[i])
				}
				for _, s := range b {
					ids = append(ids, s.ID)
				}
			}
			var want []string
			for _, s := range tt.segs {
				want = append(want, s.ID)
			}
			if strings.Join(ids, ",") != strings.Join(want, ",") {
				t.Errorf("order %v, want %v", ids, want)
			}
		})
	}
}

func TestBatchesRefusesOversizedSegment(t *testing.T) {
	_, err := Batches([]Segment{{ID: "p7", Text: strings.Repeat("a", 11)}}, Limits{MaxChars: 10})
	if !errors.Is(err, ErrRequestTooLarge) || !strings.Contains(err.Error(), `"p7"`) {
		t.Fatalf("err = %v, want ErrRequestTooLarge naming p7", err)
	}
}

func TestProtectRestore(t *testing.T) {
	s := Segment{Text: "Le Haut-Karabakh et Pashinian.", Protected: []Span{
		{Start: 3, End: 16, Replace: "Nagorno-Karabakh"},
		{Start: 20, End: 29, Replace: "Pashinyan"},
	}}
	sent := Protect(s)
	if strings.Contains(sent, "Karabakh") || strings.Contains(sent, "Pashinian") {
		t.Fatalf("protected text leaks the terms: %q", sent)
	}
	back := strings.NewReplacer("Le ", "The ", " et ", " and ").Replace(sent)
	got, lost := Restore(s, back)
	if got != "The Nagorno-Karabakh and Pashinyan." || len(lost) != 0 {
		t.Fatalf("Restore = %q, lost %v", got, lost)
	}
	_, lost = Restore(s, "The and Zxq1qxZ.")
	if len(lost) != 1 || lost[0] != 0 {
		t.Fatalf("lost = %v, want [0]", lost)
	}
}
