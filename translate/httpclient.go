package translate

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/diglot/diglot/internal/version"
)

// ErrRedirected: the server redirected a request to another origin (scheme,
// host or port), which diglot does not follow, because the request carries
// the credential. Never retried: point the endpoint at the final server.
var ErrRedirected = errors.New("redirected to another origin")

// maxRedirects is how many same-origin redirects a request may follow, as
// net/http's default policy allows.
const maxRedirects = 10

// NewHTTPClient returns the client an HTTP backend sends with: base's
// transport, timeout and cookie jar (a client with timeout when base is nil),
// with a redirect policy that keeps credentials at their origin. A redirect
// to the same origin is followed (up to 10) without a Referer header, which
// would repeat the first URL and a key= in it; a redirect to another origin
// (another scheme, host or port) is not followed at all, whatever the
// status (301, 302, 303, 307, 308), so that no credential in a header, the
// query or the body reaches it: the request fails with [ErrRedirected],
// naming both origins. base's own CheckRedirect, if any, runs after.
//
// Every request names diglot in its User-Agent header,
// "diglot/VERSION (+https://github.com/diglot/diglot)".
//
// Every HTTP backend builds its client here, and only here.
func NewHTTPClient(base *http.Client, timeout time.Duration) *http.Client {
	c := &http.Client{Timeout: timeout}
	if base != nil {
		c2 := *base
		c = &c2
	}
	c.Transport = userAgent{c.Transport}
	next := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		req.Header.Del("Referer")
		if len(via) > 0 {
			from, to := Origin(via[0].URL), Origin(req.URL)
			if from != to {
				return fmt.Errorf("%w: %s sent a redirect to %s, not followed: the request carries credentials for %s only (set the endpoint to the server that answers)", ErrRedirected, from, to, from)
			}
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		return nil
	}
	return c
}

// userAgent names diglot in every request: DeepL asks integrations to
// identify themselves, and a server's operator can tell diglot's traffic
// from a browser's.
type userAgent struct{ next http.RoundTripper }

func (t userAgent) RoundTrip(req *http.Request) (*http.Response, error) {
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	if req.Header.Get("User-Agent") != version.UserAgent() {
		req = req.Clone(req.Context())
		req.Header.Set("User-Agent", version.UserAgent())
	}
	return next.RoundTrip(req)
}

// Origin is the scheme, host and port of u, the port made explicit
// (http://example.com is http://example.com:80), without user information,
// path or query: what may be printed of a URL that holds credentials.
func Origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}
