package termsafe

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "a/b/c.txt", "a/b/c.txt"},
		{"French", "Élysée « l’été » ça.md", "Élysée « l’été » ça.md"},
		{"backslashes kept", `..\..\tmp\x.txt`, `..\..\tmp\x.txt`},
		{"colour", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"title", "\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"clear screen and home", "\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"NUL and DEL", "a\x00b\x7fc", `a\x00b\x7fc`},
		{"backspace hides", "secret\b\b\b\b\b\bpublic", `secret\x08\x08\x08\x08\x08\x08public`},
		{"C1 CSI", "a\u009b31mb", `a\u009b31mb`},
		{"8-bit CSI byte", "a\x9b31mb", `a\x9b31mb`},
		{"right-to-left override", "invoice\u202etxt.exe", `invoice\u202etxt.exe`},
		{"isolates", "\u2066a\u2069\u2067b\u2068", `\u2066a\u2069\u2067b\u2068`},
		{"marks", "a\u200eb\u200fc\u061cd", `a\u200eb\u200fc\u061cd`},
		{"line breaks become spaces", "500\r\nupstream\tdown\u2028x\u0085y", "500  upstream down x y"},
		{"invalid UTF-8", "bad\xff\xc3", `bad\xff\xc3`},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStringKeepsSafeTextWithoutCopying(t *testing.T) {
	s := "a/b/c.fr-en.json: deepl: 456 quota exceeded"
	if n := testing.AllocsPerRun(100, func() { String(s) }); n != 0 {
		t.Errorf("String of safe ASCII allocates %v times", n)
	}
}

func TestJSON(t *testing.T) {
	v := map[string]string{"path": "a\u009bb\u202ec\x7fd\x1b[31m", "ok": "Élysée"}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	got := string(JSON(data))
	for _, bad := range []string{"\u009b", "\u202e", "\x7f", "\x1b"} {
		if strings.Contains(got, bad) {
			t.Errorf("%s holds %q raw", got, bad)
		}
	}
	if !strings.Contains(got, `a\u009bb\u202ec\u007fd\u001b[31m`) || !strings.Contains(got, "Élysée") {
		t.Errorf("JSON gave %s", got)
	}
}

// terminalSafe reports the first rune of s a terminal could act on, if any.
func terminalSafe(s string) (rune, bool) {
	if !utf8.ValidString(s) {
		return utf8.RuneError, false
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == 0x2028 || r == 0x2029 {
			return r, false
		}
	}
	return 0, true
}

// FuzzString checks the property the package exists for: whatever the
// input, the output is valid UTF-8 holding no control character, no
// bidirectional control and no line break; and text that holds none of
// them comes back unchanged.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "a.txt", "\x1b[31m", "\u202e", "\x9b", "\xc2\x9b", "a\r\nb", "é\u2066", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		if r, ok := terminalSafe(out); !ok {
			t.Fatalf("String(%q) = %q holds %U", s, out, r)
		}
		if _, ok := terminalSafe(s); ok && out != s {
			t.Errorf("String(%q) = %q changed safe text", s, out)
		}
	})
}

// FuzzJSON checks that JSON leaves the encoded value the same and safe.
func FuzzJSON(f *testing.F) {
	for _, s := range []string{"", "a.txt", "\x1b[31m", "\u202e", "\x9b", "\xc2\x9b", "a\r\nb", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		data, err := json.Marshal(map[string]string{"s": s})
		if err != nil {
			t.Fatal(err)
		}
		out := JSON(data)
		if r, ok := terminalSafe(string(out)); !ok {
			t.Fatalf("JSON(%s) = %s holds %U", data, out, r)
		}
		var a, b map[string]string
		if err := json.Unmarshal(out, &a); err != nil {
			t.Fatalf("JSON(%s) = %s: %v", data, out, err)
		}
		json.Unmarshal(data, &b)
		if a["s"] != b["s"] {
			t.Errorf("JSON(%s) decodes to %q, want %q", data, a["s"], b["s"])
		}
	})
}
