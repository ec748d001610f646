package xmlenc

import (
	"encoding/xml"
	"errors"
	"strings"
	"testing"
)

// nested returns n elements named el nested in one another, one per line
// from the second, inside a root <r>.
func nested(el string, n int) string {
	open, end := "<"+el+">", "</"+el+">"
	return "<r>\n" + strings.Repeat(open+"\n", n) + strings.Repeat(end, n) + "</r>"
}

// readAll walks a document the way the readers do: recursively, through
// Children.
func readAll(w *Walker) error {
	if _, _, err := w.Root(); err != nil {
		return err
	}
	var fn func(xml.StartElement, int) error
	fn = func(xml.StartElement, int) error { return w.Children(fn, nil) }
	if err := w.Children(fn, nil); err != nil {
		return err
	}
	return w.End()
}

func TestDepthLimit(t *testing.T) {
	tests := []struct {
		name string
		n    int // elements inside the root
		want string
	}{
		{"at the limit", MaxDepth - 1, ""},
		{"one more", MaxDepth, "x.xlf:1001: <pc> too deeply nested: more than 1000 levels"},
		{"a million", 1_000_000, "x.xlf:1001: <pc> too deeply nested"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := readAll(NewWalker(strings.NewReader(nested("pc", tt.n)), "x.xlf"))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrTooDeep) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("got %v, want an *Error wrapping ErrTooDeep starting %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// TestSkipDepth checks that skipped content counts toward the limit too.
func TestSkipDepth(t *testing.T) {
	w := NewWalker(strings.NewReader(nested("g", 5)), "x.xlf")
	w.MaxDepth = 4
	if _, _, err := w.Root(); err != nil {
		t.Fatal(err)
	}
	if err := w.Skip(); !errors.Is(err, ErrTooDeep) {
		t.Fatalf("Skip: %v, want ErrTooDeep", err)
	}
}

// FuzzDepth checks the property of the limit: a well-formed document is
// refused with an [*Error] wrapping [ErrTooDeep] exactly when its elements
// nest deeper than the limit, and never fails otherwise.
func FuzzDepth(f *testing.F) {
	f.Add(uint16(3), uint8(4), "pc", "text")
	f.Add(uint16(40), uint8(40), "g", "")
	f.Add(uint16(41), uint8(40), "mrk", "<x/>")
	f.Add(uint16(2), uint8(1), "a", "</a><a>")
	f.Fuzz(func(t *testing.T, n uint16, limit uint8, el, text string) {
		if !validName(el) {
			el = "e"
		}
		text = Escape(text, false, nil)
		depth := int(n%300) + 1 // the root included
		w := NewWalker(strings.NewReader(
			"<r>"+strings.Repeat("<"+el+">"+text, depth-1)+strings.Repeat("</"+el+">", depth-1)+"</r>"), "f.xml")
		w.MaxDepth = int(limit%200) + 1
		err := readAll(w)
		switch {
		case depth > w.MaxDepth:
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrTooDeep) || !strings.Contains(err.Error(), "too deeply nested") {
				t.Fatalf("depth %d, limit %d: got %v, want a too-deep *Error", depth, w.MaxDepth, err)
			}
		case err != nil:
			t.Fatalf("depth %d, limit %d: %v", depth, w.MaxDepth, err)
		}
	})
}

// FuzzWalk reads arbitrary input with a small limit: never a panic, and
// every error an [*Error].
func FuzzWalk(f *testing.F) {
	f.Add([]byte(nested("pc", 10)), uint8(5))
	f.Add([]byte("<a><b></a>"), uint8(5))
	f.Add([]byte("\xff\xfe<\x00a\x00/\x00>\x00"), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, limit uint8) {
		w := NewWalker(strings.NewReader(string(data)), "f.xml")
		w.MaxDepth = int(limit%50) + 1
		err := readAll(w)
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("error %v (%T) is not an *Error", err, err)
		}
		if errors.Is(err, ErrTooDeep) && w.Depth() <= w.MaxDepth {
			t.Fatalf("refused as too deep at depth %d, limit %d", w.Depth(), w.MaxDepth)
		}
	})
}

// validName reports whether s is a simple XML name.
func validName(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
