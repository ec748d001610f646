package translate_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diglot/diglot/translate"
)

// elsewhere is a second origin: it fails the test on any request that
// carries a credential, and counts the requests it sees.
type elsewhere struct {
	*httptest.Server
	mu   sync.Mutex
	seen int
}

func newElsewhere(t *testing.T, secret string) *elsewhere {
	e := &elsewhere{}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		e.mu.Lock()
		e.seen++
		e.mu.Unlock()
		for _, part := range []string{r.URL.RawQuery, r.Header.Get("Authorization"), r.Header.Get("Referer"), string(body)} {
			if strings.Contains(part, secret) {
				t.Errorf("the other origin received the credential: %s %s", r.Method, r.URL)
			}
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(e.Close)
	return e
}

// redirector answers every request with status, to target plus the
// request's path and query.
func redirector(t *testing.T, status int, target string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Location", target+r.URL.RequestURI())
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestNewHTTPClientKeepsCredentialsAtTheirOrigin(t *testing.T) {
	const secret = "s3cret-KEY-42"
	for _, status := range []int{301, 302, 303, 307, 308} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			other := newElsewhere(t, secret)
			// The same host on another port, and another host name on that port.
			otherHost := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
			for _, target := range []string{other.URL, otherHost} {
				from := redirector(t, status, target)
				c := translate.NewHTTPClient(nil, 10*time.Second)
				req, _ := http.NewRequestWithContext(context.Background(), "POST", from.URL+"/translate?key="+secret, strings.NewReader(`{"api_key":"`+secret+`"}`))
				req.Header.Set("Authorization", "Bearer "+secret)
				_, err := c.Do(req)
				if !errors.Is(err, translate.ErrRedirected) {
					t.Fatalf("redirect to %s: error %v, want ErrRedirected", target, err)
				}
				if msg := translate.TransportError(context.Background(), "test", err).Error(); strings.Contains(msg, secret) ||
					!strings.Contains(msg, "redirected to another origin") {
					t.Errorf("error text %q", msg)
				}
				if !errors.Is(translate.TransportError(context.Background(), "test", err), translate.ErrRedirected) ||
					translate.Retryable(translate.TransportError(context.Background(), "test", err)) {
					t.Error("a refused redirect must be ErrRedirected and not retried")
				}
			}
			if other.seen != 0 {
				t.Errorf("the other origin saw %d requests, want none", other.seen)
			}
		})
	}
}

func TestNewHTTPClientFollowsSameOriginWithoutReferer(t *testing.T) {
	var referer string
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusFound)
			return
		}
		referer = r.Header.Get("Referer")
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	resp, err := translate.NewHTTPClient(&http.Client{}, 0).Get(srv.URL + "/old?key=K")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || referer != "" {
		t.Errorf("status %d, Referer %q: want 200 and none", resp.StatusCode, referer)
	}
}

func TestOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"http://u:p@Example.com/x?key=1": "http://example.com:80",
		"https://example.com:443/":       "https://example.com:443",
		"https://[::1]:8443/v1":          "https://[::1]:8443",
	} {
		u, _ := url.Parse(in)
		if got := translate.Origin(u); got != want {
			t.Errorf("Origin(%s) = %s, want %s", in, got, want)
		}
	}
}
