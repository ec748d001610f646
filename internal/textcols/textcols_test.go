package textcols

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrapNeverCutsAWord(t *testing.T) {
	text := "5 retries from 1s ×1.6 (±23%, at most 1m0s each), Retry-After honoured, /usr/share/apertium/modes"
	for width := 10; width <= 100; width += 7 {
		lines := Wrap(text, width)
		if got, want := strings.Fields(strings.Join(lines, " ")), strings.Fields(text); !slices.Equal(got, want) {
			t.Fatalf("width %d: words changed: %q", width, lines)
		}
		for _, l := range lines {
			if utf8.RuneCountInString(l) > width && strings.Contains(l, " ") {
				t.Errorf("width %d: %q is too long and could have been cut", width, l)
			}
		}
	}
}

func TestTableFits(t *testing.T) {
	rows := []Row{{"price", "free (offline)"}, {"--option target-variant", "DeepL target code used when --to names a language DeepL splits into variants"}}
	for _, width := range []int{30, 60, 80} {
		var b bytes.Buffer
		if err := Table(&b, width, 2, rows); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if utf8.RuneCountInString(l) > width {
				t.Errorf("width %d: %q", width, l)
			}
		}
	}
	var b bytes.Buffer
	Table(&b, 80, 2, rows)
	if !strings.HasPrefix(b.String(), "  price                    free (offline)\n") {
		t.Errorf("keys not in a column:\n%s", b.String())
	}
}

func TestWidth(t *testing.T) {
	env := func(v string) func(string) string { return func(string) string { return v } }
	if got := Width(new(bytes.Buffer), env("120")); got != 120 {
		t.Errorf("COLUMNS=120: %d", got)
	}
	if got := Width(new(bytes.Buffer), env("")); got != DefaultWidth {
		t.Errorf("not a terminal: %d", got)
	}
}
