package output

import (
	"strings"
	"testing"
)

func TestParseFormats(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"json", "json", ""},
		{"HTML, md,html", "html,md", ""},
		{"+xliff,tmx", "html,md,json,xliff,tmx", ""},
		{"+json", "html,md,json", ""},
		{"jsn", "", `unknown format "jsn" (did you mean "json"?)`},
		{" , ", "", "no format in"},
	}
	for _, tt := range tests {
		got, err := ParseFormats(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseFormats(%q) error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		var names []string
		for _, f := range got {
			names = append(names, f.Name)
		}
		if err != nil || strings.Join(names, ",") != tt.want {
			t.Errorf("ParseFormats(%q) = %v, %v; want %s", tt.in, names, err, tt.want)
		}
	}
}
