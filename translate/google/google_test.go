package google_test

import (
	"errors"
	"fmt"
	"github.com/diglot/diglot/internal/version"
	"strings"
	"testing"
	"time"

	"google.golang.org/api/option"
	rawtranslate "google.golang.org/api/translate/v2"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/backendtest"
	"github.com/diglot/diglot/translate/google"
	"github.com/diglot/diglot/translate/google/googletest"
	"github.com/diglot/diglot/translate/internal/servertest"
)

const key = "AIzaSyTEST-google-0c4d7e"

func newClient(t *testing.T) (*google.Client, *googletest.Server) {
	t.Helper()
	srv := googletest.NewTestServer(t, googletest.Options{Key: key})
	c, err := google.New(backendtest.Config(srv.URL, map[string]string{"api-key": key}))
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestConformance(t *testing.T) {
	backendtest.Run(t, func(t *testing.T) *backendtest.Harness {
		c, srv := newClient(t)
		return &backendtest.Harness{Backend: c, Faults: srv, Want: servertest.Translate, Secret: key}
	})
}

var oneSegment = []translate.Segment{{ID: "p1", Text: "Le chat dort dans l'accord."}}

func TestErrors(t *testing.T) {
	tests := []struct {
		fault     servertest.Fault
		n         int
		want      error // nil: the retries succeed
		wantCalls int
	}{
		{backendtest.RateLimit, 2, nil, 3}, // 403 userRateLimitExceeded
		{googletest.RateLimit429, 2, nil, 3},
		{backendtest.RateLimit, google.Retry.MaxAttempts, translate.ErrRateLimited, google.Retry.MaxAttempts},
		{backendtest.Quota, 5, translate.ErrQuota, 1}, // 403 dailyLimitExceeded
		{backendtest.Auth, 5, translate.ErrAuth, 1},   // 400 API key not valid
		{backendtest.Forbidden, 5, translate.ErrAuth, 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s×%d", tt.fault, tt.n), func(t *testing.T) {
			c, srv := newClient(t)
			srv.Inject(tt.fault, tt.n)
			res, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "en", Segments: oneSegment})
			switch {
			case tt.want == nil && err != nil:
				t.Fatalf("err = %v, want success after retries", err)
			case tt.want == nil && res[0].Text != "The cat sleeps in the'agreement.":
				t.Errorf("got %q", res[0].Text)
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if got := srv.Stats().Requests; got != tt.wantCalls {
				t.Errorf("%d requests, want %d", got, tt.wantCalls)
			}
			if err != nil && strings.Contains(err.Error(), key) {
				t.Errorf("key leaked: %v", err)
			}
		})
	}
}

func TestUnsupportedPair(t *testing.T) {
	c, _ := newClient(t)
	_, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "tlh", Segments: oneSegment})
	var perr *translate.UnsupportedPairError
	if !errors.As(err, &perr) || !strings.Contains(err.Error(), "fr-en") {
		t.Fatalf("err = %v, want an UnsupportedPairError listing fr-en", err)
	}
	if err := c.Prepare(t.Context(), "fr", "en"); err != nil {
		t.Errorf("Prepare(fr, en) = %v", err)
	}
}

func TestNoCredentials(t *testing.T) {
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", t.TempDir()+"/missing.json")
	_, err := google.New(translate.Config{Getenv: func(string) string { return "" }})
	if !errors.Is(err, translate.ErrAuth) || !strings.Contains(err.Error(), "GOOGLE_API_KEY") {
		t.Fatalf("err = %v, want ErrAuth naming GOOGLE_API_KEY", err)
	}
}

// The fake also speaks the POST form of translations.list that the generated
// API client sends, with the key still in the URL.
func TestServerSpeaksPOST(t *testing.T) {
	srv := googletest.NewTestServer(t, googletest.Options{Key: key})
	svc, err := rawtranslate.NewService(t.Context(), option.WithAPIKey(key), option.WithUserAgent(version.UserAgent()), option.WithEndpoint(srv.URL+google.APIPath))
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.Translations.Translate(&rawtranslate.TranslateTextRequest{
		Q: []string{"Le chat", "le chien"}, Source: "fr", Target: "en", Format: "text",
	}).Context(t.Context()).Do()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Translations) != 2 || res.Translations[1].TranslatedText != "the dog" {
		t.Errorf("POST reply %+v", res.Translations)
	}
}

// BenchmarkBatch200Articles: go test -run=^$ -bench=Batch200 -benchtime=3x
func BenchmarkBatch200Articles(b *testing.B) {
	srv := googletest.NewTestServer(b, googletest.Options{Key: key, Latency: 100 * time.Millisecond})
	c, err := google.New(translate.Config{Endpoint: srv.URL, Options: map[string]string{"api-key": key}})
	if err != nil {
		b.Fatal(err)
	}
	backendtest.Bench(b, c, srv, 100*time.Millisecond)
}
