package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/fake"
)

// instant records the waits between retries and returns at once.
type instant struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (in *instant) sleep(ctx context.Context, d time.Duration) error {
	in.mu.Lock()
	in.waits = append(in.waits, d)
	in.mu.Unlock()
	return ctx.Err()
}

// failing fails its first n calls with err.
func failing(n int, err error) func(int, *translate.Request) error {
	return func(call int, _ *translate.Request) error {
		if call <= n {
			return err
		}
		return nil
	}
}

func TestPipelineRetriesWithTheBackendsPolicy(t *testing.T) {
	policy := translate.RetryPolicy{MaxAttempts: 4, Base: time.Second, Multiplier: 1.6, Jitter: 0.23, Max: time.Minute}
	tests := []struct {
		name        string
		fail        error
		n           int
		wantErr     error
		wantCalls   int
		wantRetries int
	}{
		{"unavailable three times, then a success", translate.ErrUnavailable, 3, nil, 4, 3},
		{"rate limited past the attempts", translate.ErrRateLimited, 9, translate.ErrRateLimited, 4, 3},
		{"auth never retried", translate.ErrAuth, 9, translate.ErrAuth, 1, 0},
		{"quota never retried", translate.ErrQuota, 9, translate.ErrQuota, 1, 0},
		{"bad request never retried", fmt.Errorf("HTTP 400: %w", translate.ErrUnsupportedPair), 9, translate.ErrUnsupportedPair, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &fake.Backend{Retry: policy, Fail: failing(tt.n, tt.fail)}
			var in instant
			p := newPipeline(t, b, func(c *pipeline.Config) { c.Sleep = in.sleep })
			_, _, err := p.Document(context.Background(), parse(t, "Le président est là.\n"), "a.txt")
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			calls, _ := b.Calls()
			tot := p.Totals()
			if calls != tt.wantCalls || tot.Retries != tt.wantRetries || tot.Requests != tt.wantCalls {
				t.Errorf("%d calls, totals %+v; want %d calls, %d retries", calls, tot, tt.wantCalls, tt.wantRetries)
			}
			// The waits follow the backend's figures: 1 s, ×1.6, ±23 %.
			for i, w := range in.waits {
				mid := float64(time.Second)
				for range i {
					mid *= 1.6
				}
				if float64(w) < mid*0.77-1 || float64(w) > mid*1.23+1 {
					t.Errorf("wait %d = %v, want %v ±23%%", i+1, w, time.Duration(mid))
				}
			}
		})
	}
}

// residue is a generic detector: any piece of the placeholder shape, in any
// case, whatever the engine did around it.
var residue = regexp.MustCompile(`(?i)zxq|qxz`)

func TestPipelineLostPlaceholdersBecomeIssues(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
		// lost says whether the terms are expected to be missing (and so
		// reported) after verification.
		wantIssue bool
	}{
		{"kept", func(s string) string { return s }, false},
		{"recased and marked", func(s string) string {
			return strings.NewReplacer("Zxq0qxZ", "*zxq0QXZ", "Zxq1qxZ", "#Zxq*1qxZ").Replace(s)
		}, false},
		{"dropped", func(s string) string { return regexp.MustCompile(`Zxq\d+qxZ`).ReplaceAllString(s, "") }, true},
		{"cut apart", func(s string) string {
			return regexp.MustCompile(`Zxq(\d+)qxZ`).ReplaceAllString(s, "Zxq $1 qx Z")
		}, true},
		{"half left", func(s string) string { return regexp.MustCompile(`Zxq(\d+)qxZ`).ReplaceAllString(s, "Zxq$1") }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &fake.Backend{Edit: tt.edit}
			p := newPipeline(t, b)
			doc, _, err := p.Document(context.Background(), parse(t, "Le président Pashinian est au Haut-Karabakh.\n"), "a.txt")
			if err != nil {
				t.Fatal(err)
			}
			seg := doc.Segments[0]
			for _, text := range []string{seg.Target, seg.MT} {
				if residue.MatchString(text) {
					t.Errorf("placeholder residue in %q", text)
				}
			}
			var missing []string
			for _, is := range seg.Issues {
				if is.Rule == "term-missing" {
					missing = append(missing, is.Message)
				}
			}
			if tt.wantIssue && len(missing) == 0 {
				t.Errorf("target %q: no term-missing issue", seg.Target)
			}
			if !tt.wantIssue && (len(missing) > 0 || !strings.Contains(seg.Target, "Pashinyan") || !strings.Contains(seg.Target, "Nagorno-Karabakh")) {
				t.Errorf("target %q, issues %v", seg.Target, missing)
			}
		})
	}
}

// A backend with its own protection gets the spans, not placeholders.
type native struct {
	fake.Backend
	saw atomic.Bool
}

func (n *native) ProtectsSpans() bool { return true }
func (n *native) Translate(ctx context.Context, req *translate.Request) ([]translate.Result, error) {
	out := make([]translate.Result, len(req.Segments))
	for i, s := range req.Segments {
		if residue.MatchString(s.Text) {
			return nil, fmt.Errorf("a native backend got placeholders: %q", s.Text)
		}
		if len(s.Protected) > 0 {
			n.saw.Store(true)
		}
		// Keep each span's replacement, as translate="no" does.
		var b strings.Builder
		last := 0
		for _, sp := range s.Protected {
			b.WriteString(fake.Words(s.Text[last:sp.Start]) + sp.Replace)
			last = sp.End
		}
		out[i] = translate.Result{Text: b.String() + fake.Words(s.Text[last:])}
	}
	return out, nil
}

func TestPipelineLeavesNativeProtectionToTheBackend(t *testing.T) {
	n := &native{}
	doc, _, err := newPipeline(t, n).Document(context.Background(), parse(t, "Le président Pashinian est au Haut-Karabakh.\n"), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !n.saw.Load() {
		t.Error("the backend got no spans")
	}
	// The pipeline still verifies and repairs the terms.
	if got := doc.Segments[0].Target; !strings.Contains(got, "Nagorno-Karabakh") || !strings.Contains(got, "Pashinyan") {
		t.Errorf("target %q", got)
	}
}

// peak counts the requests in flight at once.
type peak struct {
	fake.Backend
	mu        sync.Mutex
	now, most int
	sizes     []int
}

func (p *peak) Translate(ctx context.Context, req *translate.Request) ([]translate.Result, error) {
	p.mu.Lock()
	p.now++
	p.most = max(p.most, p.now)
	p.sizes = append(p.sizes, len(req.Segments))
	p.mu.Unlock()
	time.Sleep(5 * time.Millisecond)
	defer func() { p.mu.Lock(); p.now--; p.mu.Unlock() }()
	return p.Backend.Translate(ctx, req)
}

func TestSenderKeepsToLimits(t *testing.T) {
	b := &peak{Backend: fake.Backend{Lim: translate.Limits{MaxSegments: 3, InFlight: 2}}}
	segs := make([]translate.Segment, 20)
	for i := range segs {
		segs[i] = translate.Segment{ID: fmt.Sprint("p", i), Text: fmt.Sprint("le chat ", i)}
	}
	s := pipeline.NewSender(b, pipeline.SendOptions{})
	res, err := s.Translate(context.Background(), &translate.Request{From: "fr", To: "en", Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Text != fmt.Sprint("the chat ", i) {
			t.Fatalf("result %d = %q", i, r.Text)
		}
	}
	if b.most > 2 || b.most < 2 || len(b.sizes) != 7 {
		t.Errorf("%d requests of %v, %d at once; want 7 of at most 3, 2 at once", len(b.sizes), b.sizes, b.most)
	}
	for _, n := range b.sizes {
		if n > 3 {
			t.Errorf("a request of %d segments", n)
		}
	}
}

// A server with tighter limits than the backend declares: the sender halves.
func TestSenderHalvesRefusedRequests(t *testing.T) {
	b := &fake.Backend{Fail: func(_ int, req *translate.Request) error {
		if len(req.Segments) > 2 {
			return fmt.Errorf("server: %w", translate.ErrRequestTooLarge)
		}
		return nil
	}}
	segs := make([]translate.Segment, 8)
	for i := range segs {
		segs[i] = translate.Segment{ID: fmt.Sprint("p", i), Text: fmt.Sprint("le chat ", i)}
	}
	res, err := pipeline.NewSender(b, pipeline.SendOptions{}).Translate(context.Background(), &translate.Request{Segments: segs})
	if err != nil || len(res) != 8 || res[7].Text != "the chat 7" {
		t.Fatalf("res %v, err %v", res, err)
	}
	if calls, _ := b.Calls(); calls != 1+2+4 {
		t.Errorf("%d calls, want 7 (8, then 4+4, then 2+2+2+2)", calls)
	}
}

// Placeholder-shaped text in the source is neither replaced by terms nor
// stripped: that segment goes unprotected, and its terms are repaired after.
func TestPipelineKeepsPlaceholderShapedSourceText(t *testing.T) {
	doc, _, err := newPipeline(t, &fake.Backend{}).Document(context.Background(),
		parse(t, "Le code Zxq0qxZ et Zxq1qxZ précède Pashinian.\n"), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := doc.Segments[0].Target
	if !strings.Contains(got, "Zxq0qxZ and Zxq1qxZ") || !strings.Contains(got, "Pashinyan") || strings.Contains(got, "Nagorno") {
		t.Errorf("target %q", got)
	}
}

// The first account-wide refusal stops every later request of the sender,
// across all callers: at most the requests in flight when it came are made
// after it, and the callers after it get ErrNotAttempted.
func TestSenderBreakerStopsTheRun(t *testing.T) {
	for _, refusal := range []error{translate.ErrQuota, translate.ErrAuth} {
		t.Run(refusal.Error(), func(t *testing.T) {
			const inFlight = 3
			var calls, after atomic.Int64
			var tripped atomic.Bool
			b := &fake.Backend{Lim: translate.Limits{InFlight: inFlight, MaxSegments: 1}, Fail: func(call int, _ *translate.Request) error {
				calls.Add(1)
				time.Sleep(5 * time.Millisecond)
				if call >= 3 {
					if tripped.Swap(true) {
						after.Add(1)
					}
					return fmt.Errorf("HTTP 456: %w", refusal)
				}
				return nil
			}}
			s := pipeline.NewSender(b, pipeline.SendOptions{Sleep: (&instant{}).sleep})
			var wg sync.WaitGroup
			var notAttempted atomic.Int64
			for i := range 20 {
				wg.Go(func() {
					req := &translate.Request{From: "fr", To: "en", Segments: []translate.Segment{{ID: "p1", Text: fmt.Sprint("chat ", i)}, {ID: "p2", Text: "chien"}}}
					_, err := s.Translate(context.Background(), req)
					if errors.Is(err, pipeline.ErrNotAttempted) {
						notAttempted.Add(1)
						if !strings.Contains(err.Error(), "HTTP 456") || errors.Is(err, refusal) {
							t.Errorf("not attempted for %v, want the refusal named, not wrapped", err)
						}
					}
				})
			}
			wg.Wait()
			if !errors.Is(s.Broken(), refusal) {
				t.Fatalf("Broken() = %v, want %v", s.Broken(), refusal)
			}
			if n := after.Load(); n > inFlight {
				t.Errorf("%d requests after the refusal, want at most %d (those in flight)", n, inFlight)
			}
			if calls.Load() > 2+inFlight+1 || notAttempted.Load() < 20-inFlight-2 {
				t.Errorf("%d calls, %d callers not attempted", calls.Load(), notAttempted.Load())
			}
		})
	}
}
