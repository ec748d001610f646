package progress

import (
	"bytes"
	"testing"
)

func TestParseMode(t *testing.T) {
	tests := []struct {
		in      string
		want    Mode
		wantErr bool
	}{
		{"", ModeAuto, false},
		{"auto", ModeAuto, false},
		{"bar", ModeBar, false},
		{"lines", ModeLines, false},
		{"json", ModeJSON, false},
		{"quiet", ModeQuiet, false},
		{"JSON", "", true},
		{"silent", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseMode(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseMode(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseMode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNewPicksReporter(t *testing.T) {
	tests := []struct {
		name       string
		mode       Mode
		isTerminal bool
		want       string // "bar", "lines", "json", "quiet"
	}{
		{"auto on a terminal", ModeAuto, true, "bar"},
		{"auto off a terminal", ModeAuto, false, "lines"},
		{"empty is auto", "", false, "lines"},
		{"bar off a terminal", ModeBar, false, "bar"},
		{"lines on a terminal", ModeLines, true, "lines"},
		{"json on a terminal", ModeJSON, true, "json"},
		{"quiet", ModeQuiet, true, "quiet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf lockedBuffer
			r, err := New(&buf, tt.mode, tt.isTerminal, newFakeClock().now)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var got string
			switch r := r.(type) {
			case *bar:
				got = "bar"
			case *stream:
				got = map[bool]string{true: "json", false: "lines"}[r.f == format(jsonFormat{})]
			case quiet:
				got = "quiet"
			}
			if got != tt.want {
				t.Errorf("New(%q, terminal %v) made a %s reporter, want %s", tt.mode, tt.isTerminal, got, tt.want)
			}
		})
	}
}

func TestNewRejectsUnknownMode(t *testing.T) {
	if _, err := New(&bytes.Buffer{}, "fancy", true, nil); err == nil {
		t.Fatal(`New with mode "fancy" succeeded`)
	}
}

func TestQuietWritesNothing(t *testing.T) {
	var buf bytes.Buffer
	r, err := New(&buf, ModeQuiet, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Update(Counts{Articles: 1, ArticlesTotal: 2})
	r.Article("a.txt", OutcomeFailed, "boom", Counts{Articles: 2, ArticlesTotal: 2, Failed: 1})
	r.Close()
	r.Close()
	if buf.Len() != 0 {
		t.Errorf("quiet wrote %q", buf.String())
	}
}
