package progress

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode"
)

// Text from outside (a file name, a server's error body) that tries to
// take over the terminal: set the window title, clear the screen, colour,
// an 8-bit CSI, a right-to-left override.
const (
	hostilePath = "in/\x1b]0;pwned\x07a\u202etxt.md"
	hostileErr  = "deepl: 500: \x1b[2J\x1b[Hall good\x9b31m\u009b0m\x1b[8m"
)

// hostileSequences must never reach the output raw.
var hostileSequences = []string{"\x1b]0;", "\x07", "\u202e", "\x1b[2J", "\x1b[H", "\x9b", "\u009b", "\x1b[8m"}

// Every mode shows hostile text with its controls made visible, never raw.
func TestHostileTextIsMadeSafeInEveryMode(t *testing.T) {
	c := Counts{Articles: 1, ArticlesTotal: 2, Failed: 1}
	for _, mode := range []Mode{ModeLines, ModeJSON, ModeBar, ModeQuiet} {
		t.Run(string(mode), func(t *testing.T) {
			r, buf, _ := newTestReporter(t, mode)
			r.Article(hostilePath, OutcomeFailed, hostileErr, c)
			closeWithin(t, r, 5*time.Second)
			out := buf.String()
			for _, s := range hostileSequences {
				if strings.Contains(out, s) {
					t.Errorf("output holds %q raw:\n%q", s, out)
				}
			}
			switch mode {
			case ModeLines, ModeBar:
				if want := `in/\x1b]0;pwned\x07a\u202etxt.md: deepl: 500: \x1b[2J\x1b[Hall good\x9b31m\u009b0m\x1b[8m`; !strings.Contains(out, want) {
					t.Errorf("output lacks the visible form %q:\n%q", want, out)
				}
			case ModeJSON:
				line, _, _ := strings.Cut(out, "\n")
				var e jsonArticle
				if err := json.Unmarshal([]byte(line), &e); err != nil {
					t.Fatal(err)
				}
				if e.Path != hostilePath || e.Error != strings.ToValidUTF8(hostileErr, "\ufffd") {
					t.Errorf("JSON gives back %q, %q", e.Path, e.Error)
				}
			case ModeQuiet:
				if out != "" {
					t.Errorf("quiet wrote %q", out)
				}
			}
		})
	}
}

// assertTerminalSafe fails if out, split into lines, holds a control
// character or a bidirectional control.
func assertTerminalSafe(t *testing.T, mode Mode, out string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		for _, r := range line {
			if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == 0x2028 || r == 0x2029 {
				t.Fatalf("%s mode wrote %U in %q", mode, r, line)
			}
		}
	}
}
