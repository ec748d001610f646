package backendtest

import (
	"maps"
	"net/http"
	"time"

	"github.com/diglot/diglot/translate"
)

// Config is the configuration a backend's tests build it from: the test
// server's endpoint, the options (later maps win), an empty environment so
// that the developer's own credentials never reach a test, and an HTTP
// client whose short timeout makes a hanging server fail fast.
func Config(endpoint string, options ...map[string]string) translate.Config {
	o := map[string]string{}
	for _, m := range options {
		maps.Copy(o, m)
	}
	return translate.Config{
		Endpoint:   endpoint,
		Options:    o,
		Getenv:     func(string) string { return "" },
		HTTPClient: &http.Client{Timeout: 300 * time.Millisecond},
	}
}

// QuickRetry is a retry policy for backend tests outside the suite: three
// attempts, with waits of a few milliseconds.
var QuickRetry = translate.RetryPolicy{MaxAttempts: 3, Base: time.Millisecond, Max: 5 * time.Millisecond}
