package xliff

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two.", []string{"One. ", "Two."}},
		{"Mr. Smith met Gen. Jones in Jan. 2020. Then he left!", []string{"Mr. Smith met Gen. Jones in Jan. 2020. ", "Then he left!"}},
		{"He said \"Stop.\" Then nothing.", []string{"He said \"Stop.\" ", "Then nothing."}},
		{"J. R. Tolkien wrote. It sold.", []string{"J. R. Tolkien wrote. ", "It sold."}},
		{"Wait... what? Yes.", []string{"Wait... what? ", "Yes."}},
		{"version 2.5 is out. 3 people came.", []string{"version 2.5 is out. ", "3 people came."}},
		{"e.g. this one. And that.", []string{"e.g. this one. ", "And that."}},
		{"No end", []string{"No end"}},
		{"", []string{""}},
		{"Trailing.  ", []string{"Trailing.  "}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := SplitSentences(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if strings.Join(got, "") != tt.in {
				t.Errorf("pieces do not join back to the input")
			}
		})
	}
}
