package google

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"time"

	gtranslate "cloud.google.com/go/translate"
	"golang.org/x/text/language"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
	htransport "google.golang.org/api/transport/http"

	"github.com/diglot/diglot/internal/version"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/internal/engine"
)

// APIPath is where the v2 API lives under an endpoint: `--endpoint URL` is the
// server's base URL, and requests go to URL + APIPath + "v2".
const APIPath = "/language/translate/"

// Limits of one request. Google recommends at most 5,000 code points; the
// client's GET puts every text in the URL, percent-encoded (up to three bytes
// each), so 5,000 bytes of text keep the URL under 16 KiB.
const (
	MaxTexts = 128
	MaxChars = 5000
	MaxBytes = 5000
	// CharsPerMinute is the project's default quota.
	CharsPerMinute = 6_000_000
)

// The backend's options.
var (
	optKey = translate.Option{Name: "api-key", Env: "GOOGLE_API_KEY", Sensitive: true,
		Help: "Cloud Translation API key; without one, Application Default Credentials are used (GOOGLE_APPLICATION_CREDENTIALS or gcloud's login)"}
	optModel = translate.Option{Name: "model", Choices: []string{"nmt", "base"},
		Help: "translation model: nmt or base; empty lets Google choose (nmt)"}
	optTimeout = engine.TimeoutOption("30s")
)

// Retry follows Google's advice for its APIs: truncated exponential back-off
// from 1 s, doubling, with jitter, Retry-After honoured.
var Retry = translate.RetryPolicy{MaxAttempts: 6, Base: time.Second, Multiplier: 2, Jitter: 0.25, Max: 32 * time.Second, Budget: 2 * time.Minute}

// Info registers the backend.
func Info() translate.Info {
	return translate.Info{
		Name:        "google",
		Description: "Google Cloud Translation v2 (GOOGLE_API_KEY or Application Default Credentials)",
		Options:     []translate.Option{optKey, optModel, optTimeout},
		Retry:       Retry,
		Price:       translate.Price{PerMillionChars: 20, Currency: "USD"},
		New:         func(cfg translate.Config) (translate.Backend, error) { return New(cfg) },
	}
}

var (
	_ translate.Backend       = (*Client)(nil)
	_ translate.Limited       = (*Client)(nil)
	_ translate.Modeler       = (*Client)(nil)
	_ translate.PairLister    = (*Client)(nil)
	_ translate.Preparer      = (*Client)(nil)
	_ translate.Retrier       = (*Client)(nil)
	_ translate.SpanProtector = (*Client)(nil)
)

// Client is a Google backend. It is safe for concurrent use.
type Client struct {
	*engine.Engine
	gc    *gtranslate.Client
	key   translate.Secret
	model string
	pairs engine.PairCache
}

// New builds a client from cfg.
func New(cfg translate.Config) (*Client, error) {
	ctx := context.Background()
	key := cfg.Get(optKey)
	var auth []option.ClientOption
	if key != "" {
		auth = append(auth, option.WithAPIKey(key))
	} else {
		auth = append(auth, option.WithScopes(gtranslate.Scope))
	}
	hc := engine.HTTPClient(cfg)
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	// The API key (or the credentials) must wrap our transport: passing an
	// *http.Client to the Google client would make it drop the key.
	rt, err := htransport.NewTransport(ctx, base, auth...)
	if err != nil {
		return nil, fmt.Errorf("google: %w: no %s and no Application Default Credentials: %s", translate.ErrAuth, optKey.Env, translate.Redact(err.Error(), key))
	}
	opts := []option.ClientOption{option.WithUserAgent(version.UserAgent()), option.WithHTTPClient(translate.NewHTTPClient(&http.Client{Transport: rt, Timeout: hc.Timeout}, hc.Timeout))}
	if cfg.Endpoint != "" {
		opts = append(opts, option.WithEndpoint(strings.TrimRight(cfg.Endpoint, "/")+APIPath))
	}
	gc, err := gtranslate.NewClient(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("google: %s", translate.Redact(err.Error(), key))
	}
	c := &Client{gc: gc, key: translate.Secret(key), model: cfg.Get(optModel)}
	c.Engine = engine.New("google", translate.Limits{MaxSegments: MaxTexts, MaxChars: MaxChars, MaxBytes: MaxBytes, InFlight: 8, CharsPerMinute: CharsPerMinute}, cfg.Duration(optTimeout), wire{c})
	c.pairs.Fetch = c.fetchPairs
	c.ExplainPairs(c.Prepare)
	return c, nil
}

// RetryPolicy implements [translate.Retrier].
func (c *Client) RetryPolicy() translate.RetryPolicy { return Retry }

// ProtectsSpans implements [translate.SpanProtector]: spans travel as
// <span translate="no">.
func (c *Client) ProtectsSpans() bool { return true }

// Model implements [translate.Modeler].
func (c *Client) Model() string {
	if c.model == "" {
		return "nmt"
	}
	return c.model
}

// Prepare implements [translate.Preparer].
func (c *Client) Prepare(ctx context.Context, from, to string) error {
	return c.pairs.Check(ctx, "google", translate.Pair{From: from, To: to})
}

// Pairs implements [translate.PairLister]: Google translates between any two
// of its languages.
func (c *Client) Pairs(ctx context.Context) ([]translate.Pair, error) { return c.pairs.Pairs(ctx) }

func (c *Client) fetchPairs(ctx context.Context) ([]translate.Pair, error) {
	var langs []gtranslate.Language
	err := c.Attempt(ctx, func(ctx context.Context) error {
		var err error
		langs, err = c.gc.SupportedLanguages(ctx, language.English)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("listing languages: %w", c.mapError(ctx, err))
	}
	codes := make([]string, len(langs))
	for i, l := range langs {
		codes[i] = l.Tag.String()
	}
	return engine.Cross(codes, codes), nil
}

// mapError maps the client's errors onto the sentinels, redacting the key.
func (c *Client) mapError(ctx context.Context, err error) error {
	if errors.Is(err, translate.ErrUnavailable) {
		return err // a timeout, mapped by the engine
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		return translate.TransportError(ctx, "google", err, string(c.key))
	}
	reason := ""
	if len(gerr.Errors) > 0 {
		reason = gerr.Errors[0].Reason
	}
	msg := gerr.Message
	if msg == "" {
		msg = gerr.Body
	}
	var sentinel error
	switch {
	case reason == "rateLimitExceeded" || reason == "userRateLimitExceeded":
		sentinel = translate.ErrRateLimited
	case reason == "dailyLimitExceeded" || reason == "quotaExceeded":
		sentinel = translate.ErrQuota
	case reason == "keyInvalid" || strings.Contains(msg, "API key"):
		sentinel = translate.ErrAuth
	case gerr.Code == http.StatusBadRequest && strings.Contains(msg, "Text too long"):
		sentinel = translate.ErrRequestTooLarge
	case gerr.Code == http.StatusBadRequest && (reason == "invalid" || strings.Contains(msg, "language")):
		sentinel = translate.ErrUnsupportedPair
	}
	if reason != "" {
		msg += " [" + reason + "]"
	}
	return translate.NewStatusError("google", gerr.Code, gerr.Header, sentinel, msg, string(c.key))
}

// wire is the v2 protocol with format=html.
type wire struct{ c *Client }

const keepOpen, keepClose = `<span translate="no">`, `</span>`

// tags sends a paired inline code as <b id="N">…</b>, an element Google
// translates inside and moves with its words, and every other span as
// <span translate="no">replacement</span>.
var tags = engine.NewTags("b", func(r string) string { return keepOpen + r + keepClose }, html.EscapeString)

// Encode escapes s as HTML, sends each pair of inline-code spans as a <b>
// element around the text between them, and wraps every other protected
// span's replacement in a <span translate="no">.
func (wire) Encode(s translate.Segment) string { return tags.Encode(s) }

// spanTag matches the protecting span tags as Google may give them back.
var spanTag = regexp.MustCompile(`(?i)<span\s+translate\s*=\s*["']?no["']?\s*>|</span\s*>`)

// Decode puts the pairs' replacements where Google left the <b> tags,
// removes the spans and unescapes the HTML.
func (wire) Decode(s translate.Segment, reply string) string {
	return html.UnescapeString(spanTag.ReplaceAllString(tags.Decode(s, reply), ""))
}

func (w wire) Send(ctx context.Context, call *engine.Call) ([]string, error) {
	c := w.c
	to, err := language.Parse(call.To)
	if err != nil {
		return nil, fmt.Errorf("google: target %q: %w", call.To, translate.ErrUnsupportedPair)
	}
	opts := &gtranslate.Options{Format: gtranslate.HTML, Model: c.model}
	if call.From != "" {
		if opts.Source, err = language.Parse(call.From); err != nil {
			return nil, fmt.Errorf("google: source %q: %w", call.From, translate.ErrUnsupportedPair)
		}
	}
	ts, err := c.gc.Translate(ctx, call.Texts, to, opts)
	if err != nil {
		return nil, c.mapError(ctx, err)
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Text
	}
	return out, nil
}

// String describes the client without its key.
func (c *Client) String() string { return "google(" + c.Model() + ")" }

// GoString keeps %#v from printing the key.
func (c *Client) GoString() string { return c.String() }
