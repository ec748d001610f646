package deepl_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/backendtest"
	"github.com/diglot/diglot/translate/deepl"
	"github.com/diglot/diglot/translate/deepl/deepltest"
	"github.com/diglot/diglot/translate/internal/servertest"
)

const key = "SeKrEt-deepl-7f3e9a1b:fx"

func newClient(t *testing.T, opts map[string]string) (*deepl.Client, *deepltest.Server) {
	t.Helper()
	srv := deepltest.NewTestServer(t, deepltest.Options{Key: key})
	c, err := deepl.New(backendtest.Config(srv.URL, map[string]string{"auth-key": key}, opts))
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestConformance(t *testing.T) {
	backendtest.Run(t, func(t *testing.T) *backendtest.Harness {
		c, srv := newClient(t, nil)
		return &backendtest.Harness{Backend: c, Faults: srv, Want: servertest.Translate, Secret: key}
	})
}

func TestLanguageCodes(t *testing.T) {
	tests := []struct{ to, variant, want string }{
		{"en", "EN-GB", "EN-GB"},
		{"en", "EN-US", "EN-US"},
		{"en", "PT-BR", "EN-GB"},
		{"en-us", "EN-GB", "EN-US"},
		{"pt", "EN-GB", "PT-PT"},
		{"pt", "PT-BR", "PT-BR"},
		{"de", "EN-US", "DE"},
	}
	for _, tt := range tests {
		if got := deepl.TargetLang(tt.to, tt.variant); got != tt.want {
			t.Errorf("TargetLang(%q, %q) = %q, want %q", tt.to, tt.variant, got, tt.want)
		}
	}
	if got := deepl.SourceLang("fr-CA"); got != "FR" {
		t.Errorf("SourceLang(fr-CA) = %q, want FR", got)
	}
}

func TestEndpointFromKey(t *testing.T) {
	for _, tt := range []struct{ key, want string }{
		{"abc:fx", "deepl(api-free.deepl.com)"},
		{"abc", "deepl(api.deepl.com)"},
	} {
		c, err := deepl.New(translate.Config{Options: map[string]string{"auth-key": tt.key}})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.String(); got != tt.want {
			t.Errorf("key %q: %s, want %s", tt.key, got, tt.want)
		}
	}
	_, err := deepl.New(translate.Config{Getenv: func(string) string { return "" }})
	if !errors.Is(err, translate.ErrAuth) || !strings.Contains(err.Error(), "DEEPL_AUTH_KEY") {
		t.Errorf("no key: %v, want ErrAuth naming DEEPL_AUTH_KEY", err)
	}
}

func TestOptions(t *testing.T) {
	seg := []translate.Segment{{ID: "p1", Text: "Le chat dort."}}
	tests := []struct {
		name    string
		opts    map[string]string
		to      string
		want    string
		wantErr error
	}{
		{"formality where DeepL has it", map[string]string{"formality": "less"}, "de", "The cat sleeps.", nil},
		{"prefer_ falls back quietly", map[string]string{"formality": "prefer_more"}, "en", "The cat sleeps.", nil},
		{"context is accepted", map[string]string{"context": "Un article sur la politique."}, "en", "The cat sleeps.", nil},
		{"unsupported pair lists what is available", nil, "xx", "", translate.ErrUnsupportedPair},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newClient(t, tt.opts)
			res, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: tt.to, Segments: seg})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), "FR-EN-GB") {
					t.Errorf("error does not list the available pairs: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res[0].Text != tt.want {
				t.Errorf("got %q, want %q", res[0].Text, tt.want)
			}
		})
	}
	if _, err := translate.NewRegistry(deepl.Info()).New("deepl", translate.Config{Options: map[string]string{"formality": "polite"}, Getenv: func(string) string { return "k" }}); err == nil {
		t.Error("formality polite accepted")
	}
}

// A body of quotes and ampersands, which escaping inflates, stays within
// 128 KiB a request.
func TestWorstCaseEscaping(t *testing.T) {
	c, srv := newClient(t, nil)
	segs := make([]translate.Segment, 120)
	for i := range segs {
		segs[i] = translate.Segment{ID: fmt.Sprint(i), Text: strings.Repeat(`"&<`, 700) + fmt.Sprint(i)}
	}
	res, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "en", Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	if res[7].Text != segs[7].Text {
		t.Errorf("escaping did not round-trip: %.40q", res[7].Text)
	}
	if v := srv.Stats().Violations; len(v) > 0 {
		t.Errorf("requests over the limits: %v", v)
	}
}

// BenchmarkBatch200Articles: go test -run=^$ -bench=Batch200 -benchtime=3x
func BenchmarkBatch200Articles(b *testing.B) {
	srv := deepltest.NewTestServer(b, deepltest.Options{Key: key, Latency: 100 * time.Millisecond})
	c, err := deepl.New(translate.Config{Endpoint: srv.URL, Options: map[string]string{"auth-key": key}})
	if err != nil {
		b.Fatal(err)
	}
	backendtest.Bench(b, c, srv, 100*time.Millisecond)
}

// The timeout option bounds one attempt: a request the server never answers
// is given up after it and retried, instead of holding the run.
func TestTimeoutBoundsAnAttempt(t *testing.T) {
	c, srv := newClient(t, map[string]string{"timeout": "1s"})
	srv.SetHang(time.Minute)
	srv.Inject(backendtest.Hang, 1)
	start := time.Now()
	res, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "en",
		Segments: []translate.Segment{{ID: "p1", Text: "Le chat dort."}}})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Text != servertest.Translate("Le chat dort.") {
		t.Errorf("got %q", res[0].Text)
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("took %v: the hang was not cut at the timeout", took)
	}
	if n := srv.Stats().Requests; n != 2 {
		t.Errorf("%d requests, want the hung one and its retry", n)
	}
}
