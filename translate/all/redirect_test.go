package all_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/all"
)

// A server that redirects to another origin never gets a backend to send
// the credential there: Google's key= (query and Referer), LibreTranslate's
// api_key (body), DeepL's and OpenAI's Authorization.
func TestNoCredentialAfterACrossOriginRedirect(t *testing.T) {
	const secret = "cred-9f3a7c-SECRET"
	backends := []struct {
		name, env string
		options   map[string]string
	}{
		{"google", "GOOGLE_API_KEY", nil},
		{"deepl", "DEEPL_AUTH_KEY", nil},
		{"libre", "LIBRETRANSLATE_API_KEY", nil},
		{"openai", "OPENAI_API_KEY", map[string]string{"model": "m"}},
	}
	for _, b := range backends {
		for _, status := range []int{302, 307} {
			t.Run(b.name+"/"+http.StatusText(status), func(t *testing.T) {
				var seen atomic.Int32
				other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					seen.Add(1)
					body, _ := io.ReadAll(r.Body)
					for _, part := range []string{r.URL.RawQuery, r.Header.Get("Authorization"), r.Header.Get("Referer"), string(body)} {
						if strings.Contains(part, secret) {
							t.Errorf("the other origin received the credential: %s %s", r.Method, r.URL.Path)
						}
					}
					http.Error(w, "not here", http.StatusNotFound)
				}))
				defer other.Close()
				// Another port of the same host.
				from := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					io.Copy(io.Discard, r.Body)
					w.Header().Set("Location", other.URL+r.URL.RequestURI())
					w.WriteHeader(status)
				}))
				defer from.Close()
				info, _ := all.Backends().Lookup(b.name)
				be, err := info.New(translate.Config{Endpoint: from.URL, Options: b.options,
					Getenv: func(k string) string {
						if k == b.env {
							return secret
						}
						return ""
					}})
				if err != nil {
					t.Fatal(err)
				}
				_, err = be.Translate(context.Background(), &translate.Request{From: "fr", To: "en",
					Segments: []translate.Segment{{ID: "p1", Text: "Bonjour."}}})
				if err == nil {
					t.Fatal("the translation succeeded through a redirect to another origin")
				}
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error shows the credential: %v", err)
				}
				if n := seen.Load(); n != 0 {
					t.Errorf("the other origin saw %d requests, want none", n)
				}
			})
		}
	}
}
