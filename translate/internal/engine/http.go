package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/diglot/diglot/translate"
)

// HTTPClient returns cfg's client, or a default one, with the redirect
// policy of [translate.NewHTTPClient]. Neither needs a timeout of its own:
// each attempt is bounded by the backend's timeout option (see
// [Engine.Attempt]).
func HTTPClient(cfg translate.Config) *http.Client {
	return translate.NewHTTPClient(cfg.HTTPClient, 0)
}

// TimeoutOption is the per-attempt timeout option every HTTP backend has,
// with the vendor-like default def.
func TimeoutOption(def string) translate.Option {
	return translate.Option{Name: "timeout", Kind: translate.KindDuration, Default: def,
		Help: "longest wait for one request's reply before it is retried; the retry policy bounds the total"}
}

// BaseURL returns cfg.Endpoint, or def, without a trailing slash.
func BaseURL(cfg translate.Config, def string) string {
	if cfg.Endpoint != "" {
		def = cfg.Endpoint
	}
	return strings.TrimRight(def, "/")
}

// MarshalJSON encodes v as JSON without escaping <, > and & (which would
// inflate markup sixfold on the wire).
func MarshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Exchange is one JSON request to a vendor API.
type Exchange struct {
	Backend string
	Client  *http.Client
	Method  string
	URL     string
	Header  http.Header
	// Body, if not nil, is sent as JSON.
	Body any
	// Secrets are redacted from every error text.
	Secrets []string
	// MapError turns an error reply into an error; nil means
	// [translate.NewStatusError] with the raw body as message.
	MapError func(status int, h http.Header, body []byte) error
}

// maxErrorBody bounds how much of an error reply is read.
const maxErrorBody = 64 << 10

// Do sends the exchange and decodes a 2xx reply into out (nil: the reply's
// body, if any, is not read as JSON). Transport failures,
// cut bodies and invalid JSON are mapped with [translate.TransportError].
func (x *Exchange) Do(ctx context.Context, out any) error {
	var body io.Reader
	if x.Body != nil {
		b, err := MarshalJSON(x.Body)
		if err != nil {
			return fmt.Errorf("%s: encoding request: %w", x.Backend, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, x.Method, x.URL, body)
	if err != nil {
		return translate.TransportError(ctx, x.Backend, err, x.Secrets...)
	}
	for k, v := range x.Header {
		req.Header[k] = v
	}
	if x.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	resp, err := x.Client.Do(req)
	if err != nil {
		return translate.TransportError(ctx, x.Backend, err, x.Secrets...)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		if x.MapError != nil {
			return x.MapError(resp.StatusCode, resp.Header, b)
		}
		return translate.NewStatusError(x.Backend, resp.StatusCode, resp.Header, nil, string(b), x.Secrets...)
	}
	if out == nil {
		// A reply with no body to read (DeepL's 204 to a DELETE).
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		if errors.As(err, &syn) || errors.As(err, &typ) {
			return fmt.Errorf("%s: decoding reply: %w: %s", x.Backend, translate.ErrBadReply, translate.Redact(err.Error(), x.Secrets...))
		}
		return translate.TransportError(ctx, x.Backend, fmt.Errorf("reading reply: %w", err), x.Secrets...)
	}
	return nil
}
