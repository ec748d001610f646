package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer mpb may write to from its goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestClearDropsTheBar checks that Clear ends by erasing the bar's lines
// (cursor up over them, erase to the end of the screen) where Close leaves
// its final state, and that Close after it does nothing.
func TestClearDropsTheBar(t *testing.T) {
	var w syncBuffer
	r, err := New(&w, ModeBar, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Update(Counts{ArticlesTotal: 4, Articles: 1})
	Clear(r)
	r.Close()
	if out := w.String(); !strings.HasSuffix(out, "\x1b[2A\x1b[J") {
		t.Errorf("Clear left the bar on screen:\n%q", out)
	}

	var lines bytes.Buffer
	r, _ = New(&lines, ModeLines, false, nil)
	Clear(r) // a reporter without a live display is closed
	r.Article("a.txt", OutcomeDone, "", Counts{})
	if lines.Len() != 0 {
		t.Errorf("lines reporter wrote after Clear: %q", lines.String())
	}
}
