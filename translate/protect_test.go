package translate

import (
	"slices"
	"testing"
)

func TestRestoreWhatEnginesDo(t *testing.T) {
	s := Segment{Text: "Haut-Karabakh et Pachinian.", Protected: []Span{
		{Start: 0, End: 14, Replace: "Nagorno-Karabakh"}, {Start: 18, End: 27, Replace: "Pashinyan"}}}
	tests := []struct {
		name, back, want string
		lost             []int
	}{
		{"intact", "Zxq0qxZ and Zxq1qxZ.", "Nagorno-Karabakh and Pashinyan.", nil},
		{"recased", "ZXQ0QXZ and zxq1qxz.", "Nagorno-Karabakh and Pashinyan.", nil},
		{"apertium marks", "*Zxq0qxZ and #Zxq1qxZ.", "Nagorno-Karabakh and Pashinyan.", nil},
		{"mark inside", "Mr Zxq*1qxZ and @Zxq0qxZ.", "Mr Pashinyan and Nagorno-Karabakh.", nil},
		{"split digits", "Zxq0 qxZ and Zxq 1qxZ.", "Nagorno-Karabakh and Pashinyan.", nil},
		{"dropped", "And Zxq1qxZ.", "And Pashinyan.", []int{0}},
		{"cut apart", "Zxq0 and the qxZ Zxq1qxZ.", "and the Pashinyan.", []int{0}},
		{"unknown index", "Zxq7qxZ and Zxq1qxZ.", "and Pashinyan.", []int{0}},
		{"duplicated", "Zxq1qxZ, Zxq1qxZ and Zxq0qxZ.", "Pashinyan, Pashinyan and Nagorno-Karabakh.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, lost := Restore(s, tt.back)
			if got != tt.want || !slices.Equal(lost, tt.lost) {
				t.Errorf("Restore(%q) = %q, lost %v; want %q, lost %v", tt.back, got, lost, tt.want, tt.lost)
			}
			if HasResidue(got) {
				t.Errorf("residue left in %q", got)
			}
		})
	}
}

func FuzzRestoreLeavesNoResidue(f *testing.F) {
	f.Add("Zxq0qxZ and *zxq 1qxz", 2)
	f.Add("Zxq*1qxZ qxZ Zxq", 1)
	f.Fuzz(func(t *testing.T, back string, n int) {
		n = n % 8
		if n < 0 {
			n = -n
		}
		s := Segment{Text: "x"}
		for range n {
			s.Protected = append(s.Protected, Span{Replace: "Term"})
		}
		got, lost := Restore(s, back)
		if HasResidue(got) {
			t.Fatalf("Restore(%q) = %q holds a residue", back, got)
		}
		for _, i := range lost {
			if i < 0 || i >= n {
				t.Fatalf("lost index %d of %d spans", i, n)
			}
		}
	})
}

func TestPlaceholdersMoveSpans(t *testing.T) {
	s := Segment{ID: "p1", Text: "Le Haut-Karabakh et Pachinian.", Protected: []Span{
		{Start: 3, End: 16, Replace: "Nagorno-Karabakh", Source: "Haut-Karabakh"}, {Start: 20, End: 29, Replace: "Pashinyan", Source: "Pachinian"}}}
	p := Placeholders(s)
	if p.Text != "Le Zxq0qxZ et Zxq1qxZ." {
		t.Fatalf("text %q", p.Text)
	}
	for i, sp := range p.Protected {
		if got := p.Text[sp.Start:sp.End]; got != placeholder(i) || sp.Replace != s.Protected[i].Replace {
			t.Errorf("span %d covers %q", i, got)
		}
	}
}
