package apertium

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/diglot/diglot/translate"
)

// request builds the chunk a request of texts numbered from first would
// send, as one null flush.
func request(first uint64, texts ...string) string {
	var b strings.Builder
	for i, t := range texts {
		b.WriteString(marker(first + uint64(i)))
		b.WriteString(deformat(t))
	}
	return b.String() + "\x00"
}

func TestSplitReply(t *testing.T) {
	good := request(7, "Un.", "Deux [x]", "Trois")
	tests := []struct {
		name, reply string
		n           int
		ok          bool
	}{
		{"in step", good, 3, true},
		{"blanks before the first marker", " \n" + good, 3, true},
		{"one segment", request(7, "Seul"), 1, true},
		{"one segment without its end", "[<dglt 7>]Seul", 1, true},
		{"a marker lost", strings.Replace(good, "[<dglt 8>]", "", 1), 3, false},
		{"a marker doubled", strings.Replace(good, "[<dglt 8>]", "[<dglt 8>][<dglt 8>]", 1), 3, false},
		{"a marker mangled", strings.Replace(good, "[<dglt 8>]", "[<dglt 08>]", 1), 3, false},
		{"a number changed", strings.Replace(good, "[<dglt 8>]", "[<dglt 9>]", 1), 3, false},
		{"two segments swapped", request(7, "Un.")[:len(request(7, "Un."))-1] + "[<dglt 9>]Trois.[][<dglt 8>]Deux.[]", 3, false},
		{"a marker moved past a word", strings.Replace(good, "[<dglt 8>]Deux", "Deux[<dglt 8>]", 1), 3, false},
		{"a marker from another chunk", good[:len(good)-1] + "[<dglt 10>]Quatre.[]", 3, false},
		{"the first marker lost", strings.Replace(good, "[<dglt 7>]", "", 1), 3, false},
		{"text before the first marker", "Avant" + good, 3, false},
		{"no marker", "Un.[]Deux.[]", 2, false},
		{"a marker that was text", request(7, "Un [<dglt 8>] deux", "Trois"), 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts, err := splitReply(tt.reply, 7, tt.n)
			if !tt.ok {
				if err == nil || !errors.Is(err, translate.ErrBadReply) {
					t.Fatalf("splitReply = %q, %v; want ErrBadReply", parts, err)
				}
				return
			}
			if err != nil || len(parts) != tt.n {
				t.Fatalf("splitReply = %q, %v; want %d segments", parts, err, tt.n)
			}
		})
	}
	parts, _ := splitReply(request(7, "Un [<dglt 8>] deux", "Trois"), 7, 2)
	if got, _ := reformat(parts[0]); got != "Un [<dglt 8>] deux" {
		t.Errorf("a marker written as text came back as %q", got)
	}
}

// Whatever the reply, splitReply gives n segments or an error; the segments
// it gives are the texts between the markers, in order: put back together
// with their markers, they are the reply.
func FuzzSplitReply(f *testing.F) {
	f.Add(request(3, "Un.", "Deux"), uint64(3), 2)
	f.Add(request(0, "[<dglt 1>]", "\\["), uint64(0), 2)
	f.Add("[<dglt 5>]a[][<dglt 6>]b[]\x00", uint64(5), 2)
	f.Fuzz(func(t *testing.T, reply string, first uint64, n int) {
		if n < 1 || n > 50 || first > 1<<40 {
			return
		}
		parts, err := splitReply(reply, first, n)
		if err != nil {
			return
		}
		if len(parts) != n {
			t.Fatalf("%d segments, want %d", len(parts), n)
		}
		var b strings.Builder
		for i, p := range parts {
			b.WriteString(marker(first + uint64(i)))
			b.WriteString(p)
		}
		body := strings.TrimLeft(strings.TrimSuffix(reply, "\x00"), " \n")
		if b.String() != body {
			t.Fatalf("segments %q do not make up the reply %q", parts, reply)
		}
	})
}

// Any texts, sent as one chunk and echoed unchanged, come back each in its
// place.
func FuzzSplitReplyEcho(f *testing.F) {
	f.Add("Un. Deux", "[<dglt 1>] * # @ \\ ^$", "")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		texts := []string{a, b, c}
		parts, err := splitReply(request(41, texts...), 41, 3)
		if err != nil {
			t.Fatalf("echo of %q: %v", texts, err)
		}
		for i, p := range parts {
			if p != deformat(texts[i]) {
				t.Fatalf("segment %d = %q, want %q", i, p, deformat(texts[i]))
			}
		}
	})
}

// fakeModes returns a backend whose only mode, xx-yy, is script: a real
// process in null-flush mode that does not translate (GNU sed, which takes
// the -z the backend adds), so that the tests control what comes back.
func fakeModes(t *testing.T, script string, opts map[string]string) *Backend {
	t.Helper()
	if errLocal != nil {
		t.Skip(errLocal)
	}
	if _, err := exec.LookPath("sed"); err != nil {
		t.Skip("no sed")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "xx-yy.mode"), []byte(script+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := map[string]string{"modes-dir": dir}
	for k, v := range opts {
		o[k] = v
	}
	b, err := New(translate.Config{Options: o})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.(*Backend).Close() })
	return b.(*Backend)
}

// numbered returns n segments whose texts say their number, about 60 bytes
// each (so that 600 make three chunks).
func numbered(from, n int) []translate.Segment {
	segs := make([]translate.Segment, n)
	for i := range segs {
		k := from + i
		segs[i] = translate.Segment{ID: "p" + strconv.Itoa(k), Text: fmt.Sprintf("Segment numéro %d, dans le texte qui le porte.", k)}
	}
	return segs
}

// A reply whose markers are not in step is caught: it is sent again one
// segment a chunk when that can put it right, and is an error when it
// cannot; in no case does a segment get another's text.
func TestLocalMarkersOutOfStepAreCaught(t *testing.T) {
	tests := []struct {
		name, script string
		ok           bool // the request succeeds (after sending segments one by one)
	}{
		{"echo", `sed -u ''`, true},
		{"second marker of each chunk lost", `sed -u 's/\[<dglt [0-9]*>\]//2'`, true},
		{"two segments swapped", `sed -u 's/\(\[<dglt [0-9]*>\][^[]*\[\]\)\(\[<dglt [0-9]*>\][^[]*\[\]\)/\2\1/'`, true},
		{"a marker moved past a word", `sed -u 's/\(\[<dglt [0-9]*>\]\)\([A-Za-z]*\)/\2\1/2'`, true},
		{"every marker lost", `sed -u 's/\[<dglt [0-9]*>\]//g'`, false},
		{"every number mangled", `sed -u 's/<dglt \([0-9]*\)>/<dglt \10>/g'`, false},
		{"two chunks merged", `sed -u 'N;s/\x00/ /'`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := fakeModes(t, tt.script, map[string]string{"timeout": "2s"})
			segs := numbered(0, 600)
			res, err := b.Translate(context.Background(), &translate.Request{From: "xx", To: "yy", Segments: segs})
			if !tt.ok {
				if err == nil {
					t.Fatalf("a reply out of step was taken: %q…", res[:3])
				}
				if !translate.Retryable(err) {
					t.Errorf("err = %v, want a retryable error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res {
				if r.Text != segs[i].Text {
					t.Fatalf("segment %d = %q, want %q", i, r.Text, segs[i].Text)
				}
			}
		})
	}
}

// A pipeline that stops answering fails the request after the timeout, and
// the next request gets a new process.
func TestLocalPipelineThatHangsTimesOut(t *testing.T) {
	b := fakeModes(t, `sed -u -n ''`, map[string]string{"timeout": "300ms"})
	_, err := b.Translate(context.Background(), &translate.Request{From: "xx", To: "yy", Segments: numbered(0, 3)})
	if !errors.Is(err, translate.ErrUnavailable) || !strings.Contains(err.Error(), "no reply within") {
		t.Fatalf("err = %v, want no reply within the timeout", err)
	}
	p := b.pipes["xx-yy"]
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.procs) != 0 {
		t.Error("the hung process was kept")
	}
}

// Requests from many goroutines share one process, written one after the
// other while earlier replies are still being read; each gets its own
// replies.
func TestLocalConcurrentRequestsGetTheirOwnReplies(t *testing.T) {
	for _, n := range []int{1, 3} {
		t.Run(fmt.Sprintf("%d processes", n), func(t *testing.T) {
			defer func(old int) { procsPerMode = old }(procsPerMode)
			procsPerMode = n
			concurrentRequests(t, n)
		})
	}
}

func concurrentRequests(t *testing.T, procs int) {
	b := fakeModes(t, `sed -u 's/numéro/number/g'`, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Go(func() {
			for r := range 4 {
				segs := numbered(g*10000+r*1000, 5+g*37+r*101) // up to ~1,000 segments, several chunks
				res, err := b.Translate(context.Background(), &translate.Request{From: "xx", To: "yy", Segments: segs})
				if err != nil {
					errs <- err
					return
				}
				for i, x := range res {
					if want := strings.ReplaceAll(segs[i].Text, "numéro", "number"); x.Text != want {
						errs <- fmt.Errorf("goroutine %d, request %d, segment %d = %q, want %q", g, r, i, x.Text, want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	p := b.pipes["xx-yy"]
	if got := p.starts.Load(); got > int64(procs) || (procs > 1 && got < 2) {
		t.Errorf("%d processes started for 16 requests at once, want 2 to %d", got, procs)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.procs) > procs {
		t.Errorf("%d processes run, want at most %d", len(p.procs), procs)
	}
}

func TestPipelinesFor(t *testing.T) {
	for ncpu, want := range map[int]int{1: 1, 2: 1, 6: 1, 7: 2, 13: 2, 14: 3, 64: 10} {
		if got := pipelinesFor(ncpu); got != want {
			t.Errorf("pipelinesFor(%d) = %d, want %d", ncpu, got, want)
		}
	}
}

// One flush per request translates as the apertium command does over the
// same paragraphs: Apertium's transfer keeps state from one sentence to the
// next until a flush (here, the gender of a noun that has none in French),
// so a paragraph's words may depend on the paragraphs before it, in a run of
// diglot as in a raw Apertium run over the text.
func TestLocalOneFlushTranslatesAsTheApertiumCommand(t *testing.T) {
	b := newLocal(t)
	if _, err := b.route(context.Background(), "fr", "en"); err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Le président russe accueille les dirigeants.",
		"Plus de 6 500 personnes sont mortes dans les combats",
		"« Ce conflit dure depuis une décennie », a déclaré Poutine lundi.",
		"Titre sans point",
		"Une étoile arrive avec Zorglubinet.",
		"Les enfants mangent. Les chats dorment ; les chiens aboient !",
	}
	cmd := exec.Command("apertium", "fr-es")
	cmd.Stdin = strings.NewReader(strings.Join(texts, "\n\n") + "\n")
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSpace(string(out)), "\n\n")
	if len(want) != len(texts) {
		t.Fatalf("apertium gave %d paragraphs for %d", len(want), len(texts))
	}
	raw, err := b.pipes["fr-es"].run(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range raw {
		got, _ := reformat(c)
		w, _ := stripMarks(want[i])
		if collapseSpaces(got) != collapseSpaces(w) {
			t.Errorf("segment %d = %q, the apertium command gives %q", i+1, got, w)
		}
	}
}

// Close ends the input and lets every program finish (so that bash reaps
// them and their CPU time is accounted for): nothing is killed, and what
// Apertium writes at the end of input is not taken for a stray reply.
func TestLocalCloseLetsThePipelinesExit(t *testing.T) {
	b := newLocal(t)
	if _, err := b.Translate(context.Background(), &translate.Request{From: "fr", To: "en", Segments: numbered(0, 20)}); err != nil {
		t.Fatal(err)
	}
	var procs []*proc
	for _, p := range b.pipes {
		p.mu.Lock()
		procs = append(procs, p.procs...)
		p.mu.Unlock()
	}
	if len(procs) != 2 {
		t.Fatalf("%d processes, want one a step", len(procs))
	}
	b.Close()
	for _, pr := range procs {
		if st := pr.cmd.ProcessState; st == nil || !st.Success() {
			t.Errorf("pipeline ended with %v, want exit status 0", st)
		}
	}
}
