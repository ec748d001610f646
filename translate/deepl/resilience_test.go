package deepl_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/backendtest"
	"github.com/diglot/diglot/translate/deepl"
	"github.com/diglot/diglot/translate/deepl/deepltest"
	"github.com/diglot/diglot/translate/internal/servertest"
)

// A run against the DeepL test server, held to what DeepL's own client
// libraries survive: faults by count and by time, waits on a test clock
// that the server reads too (a 6-second outage is waited out in no time,
// with the waits the policy really makes).
type runner struct {
	t     *testing.T
	srv   *deepltest.Server
	c     *deepl.Client
	clock *servertest.Clock
	dir   string
}

func newRunner(t *testing.T, opts map[string]string) *runner {
	t.Helper()
	c, srv := newClient(t, opts)
	clock := servertest.NewClock()
	srv.SetClock(clock.Now)
	return &runner{t: t, srv: srv, c: c, clock: clock, dir: t.TempDir()}
}

// articles writes n one-paragraph articles into dir/in.
func (r *runner) articles(n int) {
	for i := range n {
		p := filepath.Join(r.dir, "in", fmt.Sprintf("a%02d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(fmt.Sprintf("Le chat %d.\n", i)), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

func (r *runner) prepare() error {
	return pipeline.Prepare(context.Background(), r.c, "fr", "en", pipeline.SendOptions{Sleep: r.clock.Sleep})
}

func (r *runner) run(jobs int) (*edition.Report, error) {
	f, err := output.LookupFormat("json")
	if err != nil {
		r.t.Fatal(err)
	}
	cfg := edition.Config{Paths: []string{filepath.Join(r.dir, "in")}, Out: filepath.Join(r.dir, "out"),
		Formats: []output.Format{f}, Jobs: jobs}
	cfg.Pipeline = pipeline.Config{Backend: r.c, BackendName: "deepl", From: "fr", To: "en", Sleep: r.clock.Sleep}
	return edition.Run(context.Background(), cfg)
}

// written counts the articles whose JSON edition is in dir/out.
func (r *runner) written() int {
	m, _ := filepath.Glob(filepath.Join(r.dir, "out", "*.fr-en.json"))
	return len(m)
}

func TestStartUpCallIsRetried(t *testing.T) {
	r := newRunner(t, nil)
	r.srv.Inject(servertest.Unavailable, 1)
	if err := r.prepare(); err != nil {
		t.Fatalf("one 503 on the first call ended the run: %v", err)
	}
	if got := r.srv.Stats().Requests; got != 3 {
		t.Errorf("%d requests, want 3 (the 503, then both listings)", got)
	}
}

func TestHungListingFailsAfterTheAttempts(t *testing.T) {
	r := newRunner(t, map[string]string{"timeout": "100ms"})
	r.srv.SetHang(time.Minute)
	r.srv.Inject(servertest.Hang, 100)
	start := time.Now()
	err := r.prepare()
	if !errors.Is(err, translate.ErrUnavailable) || !strings.Contains(err.Error(), "after 6 attempts") ||
		!strings.Contains(err.Error(), "no reply within the timeout of 100ms") {
		t.Fatalf("err = %v, want a timeout after 6 attempts", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("gave up after %v, want about 6 × 100ms", d)
	}
}

// DeepL's clients survive 429s for 6 s: 1 s, ×1.6, ±23 %, 5 retries.
func TestRateLimitsForSixSecondsAreWaitedOut(t *testing.T) {
	r := newRunner(t, nil)
	r.articles(2)
	if err := r.prepare(); err != nil {
		t.Fatal(err)
	}
	r.srv.InjectFor(servertest.RateLimit, 6*time.Second)
	rep, err := r.run(1)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles.Done != 2 || r.written() != 2 {
		t.Fatalf("%d done, %d written, want 2: %+v", rep.Articles.Done, r.written(), rep.Failures)
	}
	if r.clock.Waited() < 6*time.Second || rep.Retries == 0 {
		t.Errorf("waited %v in %d retries, want the 6 s outage waited out", r.clock.Waited(), rep.Retries)
	}
	if got := r.srv.Stats().Faults[servertest.RateLimit]; got != rep.Retries {
		t.Errorf("%d replies were 429, %d retries", got, rep.Retries)
	}
}

// A request that never answers is abandoned at the timeout and retried.
func TestRequestThatNeverAnswersIsRetriedAtTheTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("waits 3 s")
	}
	r := newRunner(t, map[string]string{"timeout": "3s"})
	r.articles(1)
	if err := r.prepare(); err != nil {
		t.Fatal(err)
	}
	r.srv.SetHang(time.Minute)
	r.srv.Inject(servertest.Hang, 1)
	start := time.Now()
	rep, err := r.run(1)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles.Done != 1 || rep.Retries != 1 {
		t.Errorf("%d done with %d retries, want 1 and 1: %+v", rep.Articles.Done, rep.Retries, rep.Failures)
	}
	if d := time.Since(start); d < 3*time.Second || d > 30*time.Second {
		t.Errorf("took %v, want the 3 s timeout and one more request", d)
	}
}

// The first quota reply stops every request of the run: at most the
// requests in flight when it came see it too.
func TestQuotaStopsTheRun(t *testing.T) {
	r := newRunner(t, nil)
	const articles, jobs = 12, 3
	r.articles(articles)
	if err := r.prepare(); err != nil {
		t.Fatal(err)
	}
	r.srv.SetLatency(20 * time.Millisecond)
	r.srv.InjectFrom(servertest.Quota, 3)
	rep, err := r.run(jobs)
	var broken *edition.BrokenError
	if !errors.As(err, &broken) || !errors.Is(err, edition.ErrAccountStopped) {
		t.Fatalf("err = %v, want a BrokenError", err)
	}
	if errors.Is(err, translate.ErrQuota) || errors.Is(err, translate.ErrAuth) {
		t.Error("the error unwraps to the backend's sentinel: the CLI would call it a usage error (exit 2)")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "Quota Exceeded") || !strings.Contains(msg, "raise it") {
		t.Errorf("error line %q: want one line saying what happened and what to do", msg)
	}
	st := r.srv.Stats()
	if got := st.Faults[servertest.Quota]; got < 1 || got > jobs+1 {
		t.Errorf("%d requests saw the quota reply, want 1 to %d (in flight + 1)", got, jobs+1)
	}
	a := rep.Articles
	if a.Done < 2 || a.Done+a.Failed+a.NotAttempted != articles || a.NotAttempted < articles-jobs-2 {
		t.Errorf("articles %+v: want the first two done, the rest failed or not attempted", a)
	}
	if r.written() != a.Done {
		t.Errorf("%d written, %d done", r.written(), a.Done)
	}
	data, err := os.ReadFile(filepath.Join(r.dir, "out", edition.ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		StoppedBy    string   `json:"stopped_by"`
		NotAttempted []string `json:"not_attempted"`
		Articles     struct {
			NotAttempted int `json:"not_attempted"`
		} `json:"articles"`
		Chars int `json:"characters_sent"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(report.StoppedBy, "456") || len(report.NotAttempted) != a.NotAttempted || report.Articles.NotAttempted != a.NotAttempted {
		t.Errorf("run.json: stopped_by %q, not_attempted %v (count %d), want the 456 and %d paths",
			report.StoppedBy, report.NotAttempted, report.Articles.NotAttempted, a.NotAttempted)
	}
	if want := a.Done * len("Le chat 0."); report.Chars != want {
		t.Errorf("characters_sent = %d, want %d: refused requests carry none", report.Chars, want)
	}
}

// The README's own formality=more with English is refused before any
// article is sent, naming the option, the language and what is allowed.
func TestFormalityCheckedBeforeTheFirstRequest(t *testing.T) {
	r := newRunner(t, map[string]string{"formality": "more"})
	err := r.prepare()
	if !errors.Is(err, translate.ErrUnsupportedOption) || translate.Retryable(err) {
		t.Fatalf("err = %v, want ErrUnsupportedOption", err)
	}
	for _, want := range []string{"formality=more", "EN-GB", "DE", "prefer_more"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if got := r.srv.Stats().Requests; got != 2 {
		t.Errorf("%d requests, want only the 2 listings", got)
	}
	if err := pipeline.Prepare(context.Background(), r.c, "fr", "de", pipeline.SendOptions{}); err != nil {
		t.Errorf("formality=more with German: %v", err)
	}
	for _, ok := range []string{"prefer_more", "default"} {
		c, err := deepl.New(backendtest.Config(r.srv.URL, map[string]string{"auth-key": key, "formality": ok}))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Prepare(context.Background(), "fr", "en"); err != nil {
			t.Errorf("formality=%s with English: %v", ok, err)
		}
	}
}

// Characters of a refused attempt are not counted as sent; the attempt is a
// request and its repeat a retry.
func TestRefusedAttemptsCarryNoCharacters(t *testing.T) {
	r := newRunner(t, nil)
	if err := r.prepare(); err != nil {
		t.Fatal(err)
	}
	s := pipeline.NewSender(r.c, pipeline.SendOptions{Sleep: r.clock.Sleep})
	r.srv.Inject(servertest.Unavailable, 2)
	req := &translate.Request{From: "fr", To: "en", Segments: []translate.Segment{{ID: "p1", Text: "Le chat."}}}
	if _, err := s.Translate(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if requests, chars, retries := s.Counts(); requests != 3 || chars != len("Le chat.") || retries != 2 {
		t.Errorf("counts %d requests, %d chars, %d retries; want 3, %d, 2", requests, chars, retries, len("Le chat."))
	}
}

// BenchmarkBatch200Faults translates 200 articles of 20 paragraphs (one
// request each) through the pipeline's Sender with DeepL's policy and real
// waits, against two test servers with the same latency: one that answers
// every request, one that answers 10 % of them with 429 (Retry-After: 1) and
// 2 % with 503, with twice as many articles at once as requests in flight. It reports the wall time of the faulty batch over the clean
// one ("x-clean"), the articles that failed ("lost", must be 0) and the
// faults the server gave.
func BenchmarkBatch200Faults(b *testing.B) {
	for _, latency := range []time.Duration{100 * time.Millisecond, 500 * time.Millisecond} {
		b.Run(fmt.Sprint("latency=", latency), func(b *testing.B) {
			clean := benchSender(b, latency, false)
			faulty := benchSender(b, latency, true)
			articles := make([][]translate.Segment, 200)
			for i := range articles {
				articles[i] = make([]translate.Segment, 20)
				for j := range articles[i] {
					articles[i][j] = translate.Segment{ID: fmt.Sprint("p", j+1),
						Text: strings.Repeat(fmt.Sprintf("Le chat %d du président est sur la table. ", i*20+j), 7)}
				}
			}
			var ratio, lost, faults float64
			for b.Loop() {
				tc, _ := batch(b, clean.s, articles)
				before := faulty.srv.Stats().Faults
				tf, failed := batch(b, faulty.s, articles)
				after := faulty.srv.Stats().Faults
				ratio += tf.Seconds() / tc.Seconds()
				lost += float64(failed)
				faults += float64(after[servertest.RateLimit] + after[servertest.Unavailable] -
					before[servertest.RateLimit] - before[servertest.Unavailable])
			}
			n := float64(b.N)
			b.ReportMetric(ratio/n, "x-clean")
			b.ReportMetric(lost/n, "lost")
			b.ReportMetric(faults/n, "faults/op")
		})
	}
}

type benchServer struct {
	srv *deepltest.Server
	s   *pipeline.Sender
}

func benchSender(b *testing.B, latency time.Duration, faults bool) benchServer {
	srv := deepltest.NewTestServer(b, deepltest.Options{Key: key, Latency: latency})
	c, err := deepl.New(backendtest.Config(srv.URL, map[string]string{"auth-key": key}))
	if err != nil {
		b.Fatal(err)
	}
	if err := pipeline.Prepare(b.Context(), c, "fr", "en", pipeline.SendOptions{}); err != nil {
		b.Fatal(err)
	}
	if faults {
		srv.InjectRate(servertest.RateLimit, 0.10, 13)
		srv.InjectRate(servertest.Unavailable, 0.02, 13)
	}
	return benchServer{srv: srv, s: pipeline.NewSender(c, pipeline.SendOptions{})}
}

// batch translates the articles, twice as many at once as the sender lets
// in flight (as `diglot translate --jobs 16` does with DeepL's 8): a request
// waiting out its back-off gives its slot to another article's. It returns
// the wall time and the articles that failed.
func batch(b *testing.B, s *pipeline.Sender, articles [][]translate.Segment) (time.Duration, int) {
	start := time.Now()
	jobs := make(chan []translate.Segment)
	var failed atomic.Int64
	var wg sync.WaitGroup
	for range 2 * s.Limits().InFlight {
		wg.Go(func() {
			for segs := range jobs {
				res, err := s.Translate(b.Context(), &translate.Request{From: "fr", To: "en", Segments: segs})
				if err != nil || len(res) != len(segs) {
					failed.Add(1)
					b.Logf("article failed: %v", err)
				}
			}
		})
	}
	for _, a := range articles {
		jobs <- a
	}
	close(jobs)
	wg.Wait()
	return time.Since(start), int(failed.Load())
}
