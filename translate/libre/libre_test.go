package libre_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/backendtest"
	"github.com/diglot/diglot/translate/internal/servertest"
	"github.com/diglot/diglot/translate/libre"
	"github.com/diglot/diglot/translate/libre/libretest"
)

const key = "libre-SECRET-91b2"

func newClient(t *testing.T, so libretest.Options, opts map[string]string) (*libre.Client, *libretest.Server) {
	t.Helper()
	srv := libretest.NewTestServer(t, so)
	keyOpt := map[string]string{}
	if so.Key != "" {
		keyOpt["api-key"] = so.Key
	}
	c, err := libre.New(backendtest.Config(srv.URL, keyOpt, opts))
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestConformance(t *testing.T) {
	backendtest.Run(t, func(t *testing.T) *backendtest.Harness {
		c, srv := newClient(t, libretest.Options{Key: key, CharLimit: 5000, BatchLimit: 50}, nil)
		return &backendtest.Harness{Backend: c, Faults: srv, Want: servertest.Translate, Secret: key}
	})
}

// A server whose limits are tighter than the client's options refuses the
// first requests with 400; the client halves them until they pass.
func TestTighterServerLimits(t *testing.T) {
	c, srv := newClient(t, libretest.Options{CharLimit: 700, BatchLimit: 7}, map[string]string{"char-limit": "5000", "batch-limit": "50"})
	segs := make([]translate.Segment, 40)
	for i := range segs {
		segs[i] = translate.Segment{ID: fmt.Sprint("p", i), Text: fmt.Sprintf("Le chat %d dort dans la maison.", i)}
	}
	res, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "en", Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if want := fmt.Sprintf("The cat %d sleeps in the house.", i); r.Text != want {
			t.Fatalf("result %d = %q, want %q", i, r.Text, want)
		}
	}
	if len(srv.Stats().Violations) == 0 {
		t.Error("the server never refused a request: the test does not test halving")
	}

	// A single text over the server's limit cannot be halved.
	big := []translate.Segment{{ID: "p9", Text: strings.Repeat("chat ", 200)}}
	_, err = backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "en", Segments: big})
	if !errors.Is(err, translate.ErrRequestTooLarge) {
		t.Errorf("err = %v, want ErrRequestTooLarge", err)
	}
}

func TestConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  translate.Config
		want string
	}{
		{"endpoint required", translate.Config{}, "--endpoint is required"},
		{"limits are counts", translate.Config{Endpoint: "http://x", Options: map[string]string{"char-limit": "lots"}}, "char-limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := translate.NewRegistry(libre.Info()).New("libre", tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one about %q", err, tt.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	seg := []translate.Segment{{ID: "p1", Text: "Le chat dort."}}
	t.Run("missing key", func(t *testing.T) {
		srv := libretest.NewTestServer(t, libretest.Options{Key: key})
		c, err := libre.New(translate.Config{Endpoint: srv.URL, Getenv: func(string) string { return "" }})
		if err != nil {
			t.Fatal(err)
		}
		_, err = backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "en", Segments: seg})
		if !errors.Is(err, translate.ErrAuth) || srv.Stats().Requests != 1 {
			t.Errorf("err = %v after %d requests, want ErrAuth after 1", err, srv.Stats().Requests)
		}
	})
	t.Run("unsupported pair", func(t *testing.T) {
		c, _ := newClient(t, libretest.Options{}, nil)
		_, err := backendtest.Translate(t.Context(), c, &translate.Request{From: "fr", To: "ja", Segments: seg})
		if !errors.Is(err, translate.ErrUnsupportedPair) || !strings.Contains(err.Error(), "fr-en") {
			t.Errorf("err = %v, want ErrUnsupportedPair listing fr-en", err)
		}
	})
}

// BenchmarkBatch200Articles: go test -run=^$ -bench=Batch200 -benchtime=3x
func BenchmarkBatch200Articles(b *testing.B) {
	srv := libretest.NewTestServer(b, libretest.Options{Key: key, Latency: 100 * time.Millisecond})
	c, err := libre.New(translate.Config{Endpoint: srv.URL, Options: map[string]string{"api-key": key}})
	if err != nil {
		b.Fatal(err)
	}
	backendtest.Bench(b, c, srv, 100*time.Millisecond)
}
