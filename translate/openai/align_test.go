package openai

import (
	"strings"
	"testing"
)

func TestAlign(t *testing.T) {
	items := []Item{{ID: "p1", Text: "Le chat."}, {ID: "p2", Text: "Le chien."}}
	tests := []struct {
		name, reply, problem string
		want                 []string
	}{
		{"in order", `{"translations":[{"id":"p1","text":"The cat."},{"id":"p2","text":"The dog."}]}`, "", []string{"The cat.", "The dog."}},
		{"reordered by id", `{"translations":[{"id":"p2","text":"The dog."},{"id":"p1","text":"The cat."}]}`, "", []string{"The cat.", "The dog."}},
		{"dropped", `{"translations":[{"id":"p1","text":"The cat."}]}`, "no translation (ids p2)", nil},
		{"unknown id", `{"translations":[{"id":"p1","text":"a"},{"id":"p3","text":"b"}]}`, `id "p3" is not one`, nil},
		{"twice", `{"translations":[{"id":"p1","text":"a"},{"id":"p1","text":"b"}]}`, "twice", nil},
		{"empty", `{"translations":[{"id":"p1","text":" "},{"id":"p2","text":"b"}]}`, "empty", nil},
		{"prose", `Here you go: {}`, "not the JSON", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problem := align(tt.reply, items)
			if !strings.Contains(problem, tt.problem) || (tt.problem == "") != (problem == "") {
				t.Fatalf("problem = %q, want %q", problem, tt.problem)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// Whatever a model replies, align either finds a problem or returns one
// non-empty text per non-empty segment.
func FuzzAlign(f *testing.F) {
	f.Add(`{"translations":[{"id":"p1","text":"The cat."},{"id":"p2","text":"x"}]}`)
	f.Add(`{"translations":[{"id":"p2","text":""}]}`)
	f.Add(`{"translations":null}`)
	f.Fuzz(func(t *testing.T, reply string) {
		items := []Item{{ID: "p1", Text: "Le chat."}, {ID: "p2", Text: "Le chien."}, {ID: "p3", Text: " "}}
		got, problem := align(reply, items)
		if problem != "" {
			return
		}
		if len(got) != len(items) {
			t.Fatalf("%d texts for %d items", len(got), len(items))
		}
		for i, g := range got[:2] {
			if strings.TrimSpace(g) == "" {
				t.Fatalf("empty text accepted for %s", items[i].ID)
			}
		}
	})
}
