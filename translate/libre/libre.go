package libre

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/internal/engine"
)

// The backend's options.
var (
	optKey = translate.Option{Name: "api-key", Env: "LIBRETRANSLATE_API_KEY", Sensitive: true,
		Help: "API key, for servers started with --api-keys; most self-hosted servers need none"}
	optCharLimit = translate.Option{Name: "char-limit", Default: "5000", Kind: translate.KindInt,
		Help: "characters in one request; set it to the server's --char-limit (a batch it still refuses is halved)"}
	optBatchLimit = translate.Option{Name: "batch-limit", Default: "50", Kind: translate.KindInt,
		Help: "texts in one request; set it to the server's --batch-limit"}
	optInFlight = translate.Option{Name: "in-flight", Default: "4", Kind: translate.KindInt,
		Help: "requests sent at once; a self-hosted server translates on its own CPUs"}
	// A self-hosted server translates a batch on its own CPUs.
	optTimeout = engine.TimeoutOption("60s")
)

// Retry is like the other HTTP clients': 1 s doubling, ±25 % jitter, five
// retries, Retry-After honoured (servers started with --req-limit send 429).
var Retry = translate.RetryPolicy{MaxAttempts: 6, Base: time.Second, Multiplier: 2, Jitter: 0.25, Max: 30 * time.Second, Budget: 2 * time.Minute}

// Info registers the backend.
func Info() translate.Info {
	return translate.Info{
		Name:             "libre",
		Description:      "LibreTranslate server (needs --endpoint URL; LIBRETRANSLATE_API_KEY if the server asks for keys)",
		Options:          []translate.Option{optKey, optCharLimit, optBatchLimit, optInFlight, optTimeout},
		VerifyTermsFirst: true,
		Retry:            Retry,
		New:              func(cfg translate.Config) (translate.Backend, error) { return New(cfg) },
	}
}

var (
	_ translate.Backend    = (*Client)(nil)
	_ translate.Limited    = (*Client)(nil)
	_ translate.PairLister = (*Client)(nil)
	_ translate.Preparer   = (*Client)(nil)
	_ translate.Retrier    = (*Client)(nil)
)

// Client is a LibreTranslate backend. It is safe for concurrent use.
type Client struct {
	*engine.Engine
	base  string
	key   translate.Secret
	http  *http.Client
	pairs engine.PairCache
}

// New builds a client from cfg.
func New(cfg translate.Config) (*Client, error) {
	if cfg.Endpoint == "" {
		return nil, errors.New("libre: --endpoint is required: the URL of the LibreTranslate server")
	}
	if _, err := url.Parse(cfg.Endpoint); err != nil {
		return nil, fmt.Errorf("libre: endpoint: %w", err)
	}
	lim := translate.Limits{MaxChars: cfg.Int(optCharLimit), MaxSegments: cfg.Int(optBatchLimit), InFlight: cfg.Int(optInFlight)}
	c := &Client{base: engine.BaseURL(cfg, ""), key: translate.Secret(cfg.Get(optKey)), http: engine.HTTPClient(cfg)}
	c.Engine = engine.New("libre", lim, cfg.Duration(optTimeout), wire{c})
	c.pairs.Fetch = c.fetchPairs
	c.ExplainPairs(c.Prepare)
	return c, nil
}

// RetryPolicy implements [translate.Retrier].
func (c *Client) RetryPolicy() translate.RetryPolicy { return Retry }

// Prepare implements [translate.Preparer] with the server's /languages.
func (c *Client) Prepare(ctx context.Context, from, to string) error {
	return c.pairs.Check(ctx, "libre", translate.Pair{From: from, To: to})
}

// Pairs implements [translate.PairLister].
func (c *Client) Pairs(ctx context.Context) ([]translate.Pair, error) { return c.pairs.Pairs(ctx) }

func (c *Client) fetchPairs(ctx context.Context) ([]translate.Pair, error) {
	var langs []struct {
		Code    string   `json:"code"`
		Targets []string `json:"targets"`
	}
	x := c.exchange(http.MethodGet, "/languages", nil)
	if err := c.Attempt(ctx, func(ctx context.Context) error { return x.Do(ctx, &langs) }); err != nil {
		return nil, fmt.Errorf("listing languages: %w", err)
	}
	var pairs []translate.Pair
	for _, l := range langs {
		for _, t := range l.Targets {
			if t != l.Code {
				pairs = append(pairs, translate.Pair{From: l.Code, To: t})
			}
		}
	}
	return pairs, nil
}

func (c *Client) exchange(method, path string, body any) *engine.Exchange {
	return &engine.Exchange{
		Backend:  "libre",
		Client:   c.http,
		Method:   method,
		URL:      c.base + path,
		Body:     body,
		Secrets:  []string{string(c.key)},
		MapError: c.mapError,
	}
}

// mapError maps LibreTranslate's {"error": "..."} replies: 400 over the
// server's limits is too large, 400 on a language an unsupported pair, 403 a
// bad key.
func (c *Client) mapError(status int, h http.Header, body []byte) error {
	var e struct {
		Error string `json:"error"`
	}
	msg := string(body)
	if json.Unmarshal(body, &e) == nil && e.Error != "" {
		msg = e.Error
	}
	lower := strings.ToLower(msg)
	var sentinel error
	switch {
	case status == http.StatusBadRequest && strings.Contains(lower, "exceeds"):
		sentinel = translate.ErrRequestTooLarge
	case status == http.StatusBadRequest && strings.Contains(lower, "not supported"):
		sentinel = translate.ErrUnsupportedPair
	case status == http.StatusBadRequest && strings.Contains(lower, "api_key"):
		sentinel = translate.ErrAuth
	}
	return translate.NewStatusError("libre", status, h, sentinel, msg, string(c.key))
}

type request struct {
	Q      []string `json:"q"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Format string   `json:"format"`
	APIKey string   `json:"api_key,omitempty"`
}

// wire sends plain text (format=text): LibreTranslate has no way to keep a
// span, so the pipeline sends placeholders instead.
type wire struct{ c *Client }

func (wire) Encode(s translate.Segment) string               { return s.Text }
func (wire) Decode(_ translate.Segment, reply string) string { return reply }

func (w wire) Send(ctx context.Context, call *engine.Call) ([]string, error) {
	c := w.c
	body := request{Q: call.Texts, Source: lang(call.From), Target: lang(call.To), Format: "text", APIKey: string(c.key)}
	var r struct {
		TranslatedText []string `json:"translatedText"`
	}
	if err := c.exchange(http.MethodPost, "/translate", body).Do(ctx, &r); err != nil {
		return nil, err
	}
	return r.TranslatedText, nil
}

// lang is LibreTranslate's code, "auto" for an unknown source.
func lang(code string) string {
	if code == "" {
		return "auto"
	}
	return code
}

// String describes the client without its key.
func (c *Client) String() string { return "libre(" + c.base + ")" }

// GoString keeps %#v from printing the key.
func (c *Client) GoString() string { return c.String() }
