package backendtest

import (
	"context"
	"maps"
	"net/http"

	"github.com/diglot/diglot/translate"
)

// Config is the configuration a backend's tests build it from: the test
// server's endpoint, the options (later maps win), an empty environment so
// that the developer's own credentials never reach a test, and an HTTP
// client of its own. The client has no timeout: a hanging server is a
// scheduled fault that ends by itself ([Hang]), so that a loaded machine
// never fails a request the test meant to succeed.
func Config(endpoint string, options ...map[string]string) translate.Config {
	o := map[string]string{}
	for _, m := range options {
		maps.Copy(o, m)
	}
	return translate.Config{
		Endpoint:   endpoint,
		Options:    o,
		Getenv:     func(string) string { return "" },
		HTTPClient: &http.Client{Transport: http.DefaultTransport},
	}
}

// Translate translates req with b as a run does (see [Sender]): batched,
// retried with b's policy without waiting, protected.
func Translate(ctx context.Context, b translate.Backend, req *translate.Request) ([]translate.Result, error) {
	replies, err := Sender(b).Translate(ctx, req)
	if err != nil {
		return nil, err
	}
	res := make([]translate.Result, len(replies))
	for i, r := range replies {
		res[i] = r.Result
	}
	return res, nil
}
