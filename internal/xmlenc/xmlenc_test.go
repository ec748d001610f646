package xmlenc

import (
	"errors"
	"strings"
	"testing"
)

func TestNewDecoderEncodings(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"utf-8 bom", "\xEF\xBB\xBF<a>é</a>", "é"},
		{"windows-1252", `<?xml version="1.0" encoding="windows-1252"?><a>` + "\x80\xe9</a>", "€é"},
		{"iso-8859-1", `<?xml version="1.0" encoding="ISO-8859-1"?><a>` + "\xe9</a>", "é"},
		{"utf-16le no bom", "<\x00a\x00>\x00\xe9\x00<\x00/\x00a\x00>\x00", "é"},
		{"utf-16be bom", "\xFE\xFF\x00<\x00a\x00>\x00\xe9\x00<\x00/\x00a\x00>", "é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := NewWalker(strings.NewReader(tt.in), "x.xml")
			if _, _, err := w.Root(); err != nil {
				t.Fatal(err)
			}
			got, err := w.Text()
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"unknown encoding", `<?xml version="1.0" encoding="klingon"?><a/>`, `x.xml: xml: opening charset "klingon": unsupported encoding "klingon"`},
		{"bad utf-8", "<a>\n\xff</a>", "x.xml:2: not well-formed XML"},
		{"truncated", "<a>\n<b>", "x.xml:2: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := NewWalker(strings.NewReader(tt.in), "x.xml")
			_, _, err := w.Root()
			if err == nil {
				_, err = w.Text()
			}
			var e *Error
			if !errors.As(err, &e) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an *Error containing %q", err, tt.want)
			}
		})
	}
}

func TestEscape(t *testing.T) {
	cp := func(r rune) string { return "#" }
	tests := []struct {
		in      string
		attr    bool
		invalid func(rune) string
		want    string
	}{
		{"a<b>&\"c\"\n", false, nil, "a&lt;b&gt;&amp;\"c\"\n"},
		{"a\"b\n\t\r", true, nil, "a&quot;b&#xA;&#x9;&#xD;"},
		{"x\x01\uFFFEy", false, cp, "x##y"},
		{"x\x01\xffy", false, nil, "x\uFFFD\uFFFDy"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in, tt.attr, tt.invalid); got != tt.want {
			t.Errorf("Escape(%q, %v) = %q, want %q", tt.in, tt.attr, got, tt.want)
		}
	}
}
