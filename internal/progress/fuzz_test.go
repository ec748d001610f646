package progress

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzArticle checks that any path and error text, however odd, make
// exactly one line per event: one JSON object that gives them back in JSON
// mode, one line naming the failure in lines mode; and that neither mode
// writes a control character (other than the newline ending each line) or
// a bidirectional control.
func FuzzArticle(f *testing.F) {
	f.Add("a/b.txt", "failed", "deepl: batch 0: quota exceeded")
	f.Add("dir with spaces/é.md", "done", "")
	f.Add("x\ny.txt", "failed", "line one\r\nline two\u2028three")
	f.Add("\"quoted\".txt", "skipped", "\x00\x1b[31mred")
	f.Add("bad\xffutf8", "failed", "\xc3")
	f.Add(hostilePath, "failed", hostileErr)
	f.Fuzz(func(t *testing.T, path, outcome, errText string) {
		c := Counts{Articles: 1, ArticlesTotal: 2, Failed: 1}

		r, js, _ := newTestReporter(t, ModeJSON)
		r.Article(path, outcome, errText, c)
		assertTerminalSafe(t, ModeJSON, js.String())
		lines := strings.Split(strings.TrimSuffix(js.String(), "\n"), "\n")
		if len(lines) != 1 {
			t.Fatalf("JSON mode wrote %d lines for one article: %q", len(lines), js.String())
		}
		var e jsonArticle
		if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
			t.Fatalf("JSON mode wrote invalid JSON %q: %v", lines[0], err)
		}
		if utf8.ValidString(path) && utf8.ValidString(outcome) && utf8.ValidString(errText) &&
			(e.Path != path || e.Outcome != outcome || e.Error != errText) {
			t.Errorf("article event %+v does not give back %q %q %q", e, path, outcome, errText)
		}

		lr, ln, _ := newTestReporter(t, ModeLines)
		lr.Article(path, outcome, errText, c)
		out := ln.String()
		assertTerminalSafe(t, ModeLines, out)
		switch {
		case outcome != OutcomeFailed && out != "":
			t.Errorf("lines mode wrote %q for outcome %q", out, outcome)
		case outcome == OutcomeFailed && (strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") ||
			!strings.HasPrefix(out, "diglot: failed ")):
			t.Errorf("lines mode wrote %q for a failed article, want one line", out)
		}
	})
}
