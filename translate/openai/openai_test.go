package openai_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/backendtest"
	"github.com/diglot/diglot/translate/internal/servertest"
	"github.com/diglot/diglot/translate/openai"
	"github.com/diglot/diglot/translate/openai/openaitest"
)

const key = "sk-test-OPENAI-5d1c0b"

// recorder keeps the bodies of the requests a client sends.
type recorder struct {
	mu     sync.Mutex
	bodies []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(b))
		r.mu.Lock()
		r.bodies = append(r.bodies, string(b))
		r.mu.Unlock()
	}
	return http.DefaultTransport.RoundTrip(req)
}

func newClient(t *testing.T, so openaitest.Options, opts map[string]string) (*openai.Client, *openaitest.Server, *recorder) {
	t.Helper()
	srv := openaitest.NewTestServer(t, so)
	rec := &recorder{}
	cfg := backendtest.Config(srv.URL+"/v1", map[string]string{"model": "test-model", "api-key": so.Key}, opts)
	cfg.HTTPClient.Transport = rec
	c, err := openai.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv, rec
}

func TestConformance(t *testing.T) {
	backendtest.Run(t, func(t *testing.T) *backendtest.Harness {
		c, srv, _ := newClient(t, openaitest.Options{Key: key}, nil)
		return &backendtest.Harness{Backend: c, Faults: srv, Want: servertest.Translate, Secret: key}
	})
}

func segments(n int) []translate.Segment {
	segs := make([]translate.Segment, n)
	for i := range segs {
		segs[i] = translate.Segment{ID: fmt.Sprint("p", i+1), Text: fmt.Sprintf("Le chat %d dort.", i+1)}
	}
	return segs
}

func TestMisbehavingModel(t *testing.T) {
	tests := []struct {
		behaviour servertest.Fault
		times     int
		wantErr   error
		wantCalls int
	}{
		{openaitest.Reorder, 1, nil, 1},
		{openaitest.Drop, 1, nil, 2},
		{openaitest.Merge, 1, nil, 2},
		{openaitest.Duplicate, 1, nil, 2},
		{openaitest.Empty, 1, nil, 2},
		{openaitest.UnknownID, 1, nil, 2},
		{openaitest.Prose, 1, nil, 2},
		{openaitest.Drop, 2, translate.ErrBadReply, 2},
		{openaitest.Merge, 2, translate.ErrBadReply, 2},
		{openaitest.UnknownID, 2, translate.ErrBadReply, 2},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s×%d", tt.behaviour, tt.times), func(t *testing.T) {
			c, srv, rec := newClient(t, openaitest.Options{}, nil)
			srv.Inject(tt.behaviour, tt.times)
			segs := segments(4)
			res, err := c.Translate(t.Context(), &translate.Request{From: "fr", To: "en", Segments: segs})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				for i, r := range res {
					if want := fmt.Sprintf("The cat %d sleeps.", i+1); r.Text != want {
						t.Errorf("result %d = %q, want %q", i, r.Text, want)
					}
				}
			}
			if got := srv.Stats().Requests; got != tt.wantCalls {
				t.Errorf("%d requests, want %d", got, tt.wantCalls)
			}
			if tt.wantCalls == 2 && !strings.Contains(rec.bodies[1], "Your reply is not valid") {
				t.Errorf("the re-ask does not say what was wrong: %.300s", rec.bodies[1])
			}
		})
	}
}

// A model that loses a placeholder loses the term: the text comes back
// without it for the pipeline's glossary check to report, and no error.
func TestLostPlaceholder(t *testing.T) {
	c, srv, _ := newClient(t, openaitest.Options{}, nil)
	srv.Inject(openaitest.LoseTerms, 1)
	seg := translate.Segment{ID: "p1", Text: "Le Haut-Karabakh dort.", Protected: []translate.Span{{Start: 3, End: 16, Replace: "Nagorno-Karabakh", Source: "Haut-Karabakh"}}}
	res, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "en", Segments: []translate.Segment{seg}})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Text != "The sleeps." {
		t.Errorf("got %q", res[0].Text)
	}
}

// The glossary instructions hold the entries of the batch and no others.
func TestGlossaryInstructions(t *testing.T) {
	c, _, rec := newClient(t, openaitest.Options{}, map[string]string{"max-chars": "30"})
	segs := []translate.Segment{
		{ID: "p1", Text: "Le Haut-Karabakh dort.", Protected: []translate.Span{{Start: 3, End: 16, Replace: "Nagorno-Karabakh", Source: "Haut-Karabakh"}}},
		{ID: "p2", Text: "Pachinian et Pachinian.", Protected: []translate.Span{
			{Start: 0, End: 9, Replace: "Pashinyan", Source: "Pachinian"}, {Start: 13, End: 22, Replace: "Pashinyan", Source: "Pachinian"}}},
	}
	res, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "en", Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Text != "The Nagorno-Karabakh sleeps." || res[1].Text != "Pashinyan and Pashinyan." {
		t.Errorf("got %q", res)
	}
	if len(rec.bodies) != 2 {
		t.Fatalf("%d requests, want 2 (max-chars 30)", len(rec.bodies))
	}
	// The two requests run concurrently: tell them apart by their segment.
	for _, body := range rec.bodies {
		var req struct{ Messages []struct{ Content string } }
		if err := json.Unmarshal([]byte(body), &req); err != nil {
			t.Fatal(err)
		}
		system, user := req.Messages[0].Content, req.Messages[1].Content
		want, other := "Haut-Karabakh → Nagorno-Karabakh", "Pashinyan"
		if strings.Contains(user, `"p2"`) {
			want, other = "Pachinian → Pashinyan", "Karabakh"
		}
		if strings.Count(system, want) != 1 || strings.Contains(system, other) {
			t.Errorf("glossary for %s, want only %q:\n%s", user, want, system)
		}
	}
	for _, b := range rec.bodies {
		if strings.Contains(b, "Haut-Karabakh dort") || strings.Contains(b, "Pachinian et") {
			t.Errorf("a term went to the model unprotected: %.200s", b)
		}
	}
}

// Over the context window (context_length_exceeded) or cut at the output
// limit (finish_reason length), the batch is halved until it fits.
func TestHalving(t *testing.T) {
	t.Run("context window", func(t *testing.T) {
		c, srv, _ := newClient(t, openaitest.Options{ContextTokens: 400}, map[string]string{"max-chars": "20000"})
		segs := segments(120)
		res, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "en", Segments: segs})
		if err != nil {
			t.Fatal(err)
		}
		if res[119].Text != "The cat 120 sleeps." || len(srv.Stats().Violations) == 0 {
			t.Errorf("last = %q, %d refusals", res[119].Text, len(srv.Stats().Violations))
		}
	})
	t.Run("output cut", func(t *testing.T) {
		c, srv, _ := newClient(t, openaitest.Options{}, nil)
		srv.Inject(openaitest.Cut, 1)
		res, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "en", Segments: segments(6)})
		if err != nil || res[5].Text != "The cat 6 sleeps." {
			t.Fatalf("res %q, err %v", res, err)
		}
		if got := srv.Stats().Requests; got != 3 {
			t.Errorf("%d requests, want the cut one and two halves", got)
		}
	})
}

func TestConfig(t *testing.T) {
	tests := []struct {
		name string
		opts map[string]string
		want string
	}{
		{"model required", map[string]string{}, "model: is required"},
		{"temperature", map[string]string{"model": "m", "temperature": "hot"}, "temperature"},
		{"format", map[string]string{"model": "m", "response-format": "xml"}, "response-format"},
		{"counts", map[string]string{"model": "m", "tokens-per-minute": "-3"}, "tokens-per-minute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := translate.NewRegistry(openai.Info()).New("openai", translate.Config{Options: tt.opts, Getenv: func(string) string { return "" }})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one about %q", err, tt.want)
			}
		})
	}
	c, err := openai.New(translate.Config{Options: map[string]string{"model": "m", "tokens-per-minute": "30000"}, Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Limits().CharsPerMinute; got != 60000 {
		t.Errorf("CharsPerMinute = %d, want 60000", got)
	}
	env := map[string]string{"OPENAI_BASE_URL": "http://localhost:11434/v1"}
	c, err = openai.New(translate.Config{Options: map[string]string{"model": "m"}, Getenv: func(k string) string { return env[k] }})
	if err != nil || c.Model() != "m" {
		t.Fatalf("%v %v", c, err)
	}
}

// BenchmarkBatch200Articles: go test -run=^$ -bench=Batch200 -benchtime=3x
func BenchmarkBatch200Articles(b *testing.B) {
	srv := openaitest.NewTestServer(b, openaitest.Options{Key: key, Latency: 100 * time.Millisecond})
	c, err := openai.New(translate.Config{Endpoint: srv.URL + "/v1", Options: map[string]string{"api-key": key, "model": "test-model"}})
	if err != nil {
		b.Fatal(err)
	}
	backendtest.Bench(b, c, srv, 100*time.Millisecond)
}
