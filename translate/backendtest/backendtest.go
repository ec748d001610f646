package backendtest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/internal/servertest"
)

// Fault is a failure a fake server injects; see the constants.
type Fault = servertest.Fault

// Stats is what a fake server saw.
type Stats = servertest.Stats

// The faults of [Faults.Inject].
const (
	RateLimit   = servertest.RateLimit
	Unavailable = servertest.Unavailable
	ServerError = servertest.ServerError
	Auth        = servertest.Auth
	Forbidden   = servertest.Forbidden
	Quota       = servertest.Quota
	Reset       = servertest.Reset
	Truncated   = servertest.Truncated
	Hang        = servertest.Hang
)

// Faults controls the server behind a backend.
type Faults interface {
	// Inject makes the next n requests fail with f.
	Inject(f Fault, n int)
	// Supports reports whether the server has fault f.
	Supports(f Fault) bool
	// Stats returns the requests seen so far.
	Stats() Stats
}

// Harness is a backend under test.
type Harness struct {
	Backend translate.Backend
	// Faults is the backend's server; nil skips the fault cases.
	Faults Faults
	// From and To are the pair to test; empty means fr and en.
	From, To string
	// Want, if set, predicts the translation of a text with no protected
	// spans; the suite then checks every result's content, not only its
	// markers.
	Want func(text string) string
	// Cancel is how long the suite lets a cancelled request take; zero means
	// two seconds.
	Cancel time.Duration
	// Secret is the credential the backend was given, if any: it must not
	// appear in any error text or in the backend's printed form.
	Secret string

	sender *pipeline.Sender
}

// translate sends segs through the pipeline's request layer and returns the
// results as the pipeline would use them.
func (h *Harness) translate(ctx context.Context, segs []translate.Segment) ([]translate.Result, error) {
	replies, err := h.sender.Translate(ctx, request(h, segs))
	if err != nil {
		return nil, err
	}
	res := make([]translate.Result, len(replies))
	for i, r := range replies {
		res[i] = r.Result
	}
	return res, nil
}

// Factory builds a fresh backend for one case.
type Factory func(t *testing.T) *Harness

// Instant makes the waits between retries return at once: the suite runs
// the backend's own retry policy without waiting out its back-offs or
// Retry-After headers.
func Instant(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// Sender drives b as a run does (batching to its limits, retries with its
// policy, protection), with instant waits between retries.
func Sender(b translate.Backend) *pipeline.Sender {
	return pipeline.NewSender(b, pipeline.SendOptions{Sleep: Instant})
}

// Run runs the conformance suite. Backends neither batch nor retry: the
// cases that need either drive the backend through the pipeline's
// [pipeline.Sender]; the others call it directly with one request.
func Run(t *testing.T, f Factory) {
	h := func(t *testing.T) *Harness {
		t.Helper()
		hs := f(t)
		if hs.From == "" {
			hs.From, hs.To = "fr", "en"
		}
		hs.sender = Sender(hs.Backend)
		return hs
	}
	t.Run("Empty", func(t *testing.T) { testEmpty(t, h(t)) })
	t.Run("OneRequest", func(t *testing.T) { testOneRequest(t, h(t)) })
	t.Run("Batch300Paragraphs", func(t *testing.T) { testOrder(t, h(t), paragraphs(300, 120, 900)) })
	t.Run("Article40000Chars", func(t *testing.T) { testOrder(t, h(t), article(40000)) })
	t.Run("ProtectedSpans", func(t *testing.T) { testProtected(t, h(t)) })
	t.Run("PairedSpans", func(t *testing.T) { testPaired(t, h(t)) })
	t.Run("Oversized", func(t *testing.T) { testOversized(t, h(t)) })
	t.Run("Retried", func(t *testing.T) {
		for _, fault := range []Fault{RateLimit, Unavailable, ServerError, Reset, Truncated, Hang} {
			t.Run(string(fault), func(t *testing.T) { testRetried(t, h(t), fault) })
		}
	})
	t.Run("NotRetried", func(t *testing.T) {
		for _, tc := range []struct {
			fault Fault
			want  error
		}{{Auth, translate.ErrAuth}, {Forbidden, translate.ErrAuth}, {Quota, translate.ErrQuota}} {
			t.Run(string(tc.fault), func(t *testing.T) { testNotRetried(t, h(t), tc.fault, tc.want) })
		}
	})
	t.Run("Cancel", func(t *testing.T) { testCancel(t, h(t)) })
	t.Run("SecretNeverLeaks", func(t *testing.T) {
		for _, fault := range []Fault{Auth, Forbidden, Quota, RateLimit, Unavailable, Reset, Truncated, Hang} {
			t.Run(string(fault), func(t *testing.T) { testSecret(t, h(t), fault) })
		}
	})
}

func request(h *Harness, segs []translate.Segment) *translate.Request {
	return &translate.Request{From: h.From, To: h.To, Segments: segs}
}

func testEmpty(t *testing.T, h *Harness) {
	res, err := h.Backend.Translate(t.Context(), request(h, nil))
	if err != nil || len(res) != 0 {
		t.Fatalf("empty request: %d results, %v", len(res), err)
	}
}

// marker is the number that identifies segment i in its text and must come
// back in its translation: numbers pass through every engine.
func marker(i int) string { return strconv.Itoa(70001 + i) }

var fillers = []string{
	"Le président russe est dans la ville avec le premier ministre.",
	"Le chat dort dans la maison et le chien mange.",
	"Le gouvernement a dit que la guerre et la paix sont un accord pour le pays.",
}

// paragraphs returns n segments of lengths cycling between lo and hi code
// points, each holding its marker.
func paragraphs(n, lo, hi int) []translate.Segment {
	segs := make([]translate.Segment, n)
	for i := range segs {
		want := lo + (i*7919)%(hi-lo+1)
		var b strings.Builder
		b.WriteString("Paragraphe " + marker(i) + ".")
		for j := i; b.Len() < want; j++ {
			b.WriteString(" " + fillers[j%len(fillers)])
		}
		segs[i] = translate.Segment{ID: fmt.Sprintf("p%d", i+1), Text: b.String()}
	}
	return segs
}

// article returns the paragraphs of one article of about chars code points.
func article(chars int) []translate.Segment {
	var segs []translate.Segment
	total := 0
	for _, s := range paragraphs(chars/300, 200, 1200) {
		if total >= chars {
			break
		}
		segs = append(segs, s)
		total += len([]rune(s.Text))
	}
	return segs
}

// testOneRequest sends a request within the limits straight to the backend:
// one reply per segment, in order, and one request on the server.
func testOneRequest(t *testing.T, h *Harness) {
	segs := paragraphs(3, 40, 80)
	res, err := h.Backend.Translate(t.Context(), request(h, segs))
	if err != nil {
		t.Fatal(err)
	}
	checkResults(t, h, segs, res)
	if h.Faults != nil {
		if st := h.Faults.Stats(); st.Requests != 1 {
			t.Errorf("one request within the limits took %d on the server: a backend does not batch", st.Requests)
		}
	}
}

func testOrder(t *testing.T, h *Harness, segs []translate.Segment) {
	res, err := h.translate(t.Context(), segs)
	if err != nil {
		t.Fatalf("Translate(%d segments): %v", len(segs), err)
	}
	checkResults(t, h, segs, res)
	if h.Faults != nil {
		st := h.Faults.Stats()
		if len(st.Violations) > 0 {
			t.Errorf("the server saw %d requests over its limits, first: %s", len(st.Violations), st.Violations[0])
		}
		if lim := limits(h.Backend); lim.MaxSegments > 0 && st.Requests < (len(segs)+lim.MaxSegments-1)/lim.MaxSegments {
			t.Errorf("%d segments went in %d requests, over MaxSegments %d", len(segs), st.Requests, lim.MaxSegments)
		}
	}
}

func checkResults(t *testing.T, h *Harness, segs []translate.Segment, res []translate.Result) {
	t.Helper()
	if len(res) != len(segs) {
		t.Fatalf("%d results for %d segments", len(res), len(segs))
	}
	for i, r := range res {
		if !hasWord(r.Text, marker(i)) {
			t.Fatalf("result %d (%s) lacks its marker %s: out of order? %.80q", i, segs[i].ID, marker(i), r.Text)
		}
		if h.Want != nil && len(segs[i].Protected) == 0 {
			if want := h.Want(segs[i].Text); r.Text != want {
				t.Fatalf("result %d = %.120q, want %.120q", i, r.Text, want)
			}
		}
	}
}

func hasWord(s, w string) bool {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		if f == w {
			return true
		}
	}
	return false
}

func limits(b translate.Backend) translate.Limits {
	if l, ok := b.(translate.Limited); ok {
		return l.Limits()
	}
	return translate.Limits{}
}

// protect marks every occurrence of each term in s as protected.
func protect(id, text string, terms map[string]string) translate.Segment {
	s := translate.Segment{ID: id, Text: text}
	for i := 0; i < len(text); {
		best := ""
		for src := range terms {
			if strings.HasPrefix(text[i:], src) && len(src) > len(best) {
				best = src
			}
		}
		if best == "" {
			i++
			continue
		}
		s.Protected = append(s.Protected, translate.Span{Start: i, End: i + len(best), Replace: terms[best], Source: best})
		i += len(best)
	}
	return s
}

func testProtected(t *testing.T, h *Harness) {
	terms := map[string]string{
		"Haut-Karabakh": "Nagorno-Karabakh",
		"Pachinian":     "Pashinyan",
		"Le Monde":      "Le Monde",   // do not translate, though "Le" is a word engines know
		"AT&T":          "AT&T <Inc>", // markup characters in a replacement
	}
	segs := []translate.Segment{
		protect("p1", "Le Haut-Karabakh et Pachinian. "+marker(0), terms),
		protect("p2", "Selon Le Monde, le chat dort. "+marker(1), terms),
		protect("p3", "Le chat de AT&T dort, 3 < 4 & 5 > 2. "+marker(2), terms),
		protect("p4", "Pachinian, Pachinian et Haut-Karabakh. "+marker(3), terms),
		{ID: "p5", Text: "Le chat dort. " + marker(4)},
	}
	res, err := h.translate(t.Context(), segs)
	if err != nil {
		t.Fatal(err)
	}
	checkResults(t, h, segs, res)
	for i, s := range segs {
		for _, sp := range s.Protected {
			if !strings.Contains(res[i].Text, sp.Replace) {
				t.Errorf("%s: %q lost protected term %q", s.ID, res[i].Text, sp.Replace)
			}
			if !strings.Contains(sp.Replace, sp.Source) && strings.Contains(res[i].Text, sp.Source) {
				t.Errorf("%s: %q still holds source term %q", s.ID, res[i].Text, sp.Source)
			}
		}
		if translate.HasResidue(res[i].Text) || strings.Contains(res[i].Text, "translate=") || strings.Contains(res[i].Text, "<x>") {
			t.Errorf("%s: protection markup leaked: %q", s.ID, res[i].Text)
		}
	}
	if got := res[0].Text; strings.Count(got, "Pashinyan") != 1 || strings.Count(res[3].Text, "Pashinyan") != 2 {
		t.Errorf("each span must come back once: %q, %q", got, res[3].Text)
	}
	if !strings.Contains(res[2].Text, "3 < 4 & 5 > 2") {
		t.Errorf("markup characters of the text were not restored: %q", res[2].Text)
	}
}

func testOversized(t *testing.T, h *Harness) {
	lim := limits(h.Backend)
	n := 0
	for _, l := range []int{lim.MaxSegmentChars, lim.MaxChars, lim.MaxBytes} {
		if l > 0 && (n == 0 || l < n) {
			n = l
		}
	}
	if n == 0 {
		t.Skip("the backend declares no per-request size limit")
	}
	big := translate.Segment{ID: "p2", Text: strings.Repeat("chat ", n/5+1)}
	segs := []translate.Segment{{ID: "p1", Text: "Le chat. " + marker(0)}, big}
	// Straight to the backend: it checks its own hard limits before sending.
	_, err := h.Backend.Translate(t.Context(), request(h, segs))
	if !errors.Is(err, translate.ErrRequestTooLarge) || !strings.Contains(err.Error(), `"p2"`) {
		t.Fatalf("err = %v, want ErrRequestTooLarge naming p2", err)
	}
	if h.Faults != nil {
		if st := h.Faults.Stats(); st.Requests != 0 {
			t.Errorf("refused before sending, yet the server saw %d requests", st.Requests)
		}
	}
}

func small(h *Harness) *translate.Request {
	return request(h, paragraphs(3, 40, 80))
}

func needFault(t *testing.T, h *Harness, f Fault) {
	t.Helper()
	if h.Faults == nil {
		t.Skip("the backend has no server to inject faults into")
	}
	if !h.Faults.Supports(f) {
		t.Skipf("the API has no %s reply", f)
	}
}

func testRetried(t *testing.T, h *Harness, f Fault) {
	needFault(t, h, f)
	h.Faults.Inject(f, 2)
	req := small(h)
	res, err := h.translate(t.Context(), req.Segments)
	if err != nil {
		t.Fatalf("after 2 × %s: %v", f, err)
	}
	checkResults(t, h, req.Segments, res)
	if st := h.Faults.Stats(); st.Requests < 3 {
		t.Errorf("server saw %d requests, want the 2 failures and a success", st.Requests)
	}
	if _, _, retries := h.sender.Counts(); retries < 2 {
		t.Errorf("%d retries counted, want 2", retries)
	}
}

func testNotRetried(t *testing.T, h *Harness, f Fault, want error) {
	needFault(t, h, f)
	h.Faults.Inject(f, 5)
	_, err := h.translate(t.Context(), small(h).Segments)
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v", err, want)
	}
	if translate.Retryable(err) {
		t.Errorf("%v is retryable", err)
	}
	if st := h.Faults.Stats(); st.Requests != 1 {
		t.Errorf("server saw %d requests, want 1: %s must not be retried", st.Requests, f)
	}
}

// testCancel cancels a large batch after 100 ms: while the server hangs, or,
// for a backend with no server, while it works (one that finishes first
// passes).
func testCancel(t *testing.T, h *Harness) {
	if h.Faults != nil {
		needFault(t, h, Hang)
		h.Faults.Inject(Hang, 100)
	}
	bound := h.Cancel
	if bound == 0 {
		bound = 2 * time.Second
	}
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := h.translate(ctx, paragraphs(300, 120, 900))
	cancel()
	if took := time.Since(start); took > bound {
		t.Errorf("Translate returned %v after cancel, want under %v", took-100*time.Millisecond, bound)
	}
	if (err != nil || h.Faults != nil) && !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// testSecret makes every request fail with f, and looks for the secret in the
// error and in the backend's printed forms (fmt cannot redact a Secret held in
// an unexported field: the backend must print itself).
func testSecret(t *testing.T, h *Harness, f Fault) {
	if h.Secret == "" {
		t.Skip("the backend was given no credential")
	}
	needFault(t, h, f)
	h.Faults.Inject(f, 100)
	_, err := h.translate(t.Context(), small(h).Segments)
	if err == nil {
		t.Fatalf("no error with every request failing with %s", f)
	}
	for _, out := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%v", h.Backend), fmt.Sprintf("%+v", h.Backend), fmt.Sprintf("%#v", h.Backend)} {
		if strings.Contains(out, h.Secret) {
			t.Errorf("the credential leaked: %s", out)
		}
	}
}
