package deepl

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/internal/engine"
)

// Hosts of the paid and free APIs.
const (
	ProURL  = "https://api.deepl.com"
	FreeURL = "https://api-free.deepl.com"
)

// Limits of one request, from DeepL's documentation.
const (
	MaxTexts        = 50
	MaxRequestBytes = 128 << 10
)

// The backend's options.
var (
	optKey = translate.Option{Name: "auth-key", Env: "DEEPL_AUTH_KEY", Required: true, Sensitive: true,
		Help: "DeepL API authentication key; keys ending in :fx use " + FreeURL}
	optFormality = translate.Option{Name: "formality", Choices: []string{"default", "more", "less", "prefer_more", "prefer_less"},
		Help: "formality of the translation: default, more, less, prefer_more or prefer_less (the prefer_ forms fall back quietly for languages without formality)"}
	optContext = translate.Option{Name: "context",
		Help: "text that tells DeepL what the articles are about; it influences the translation and is not translated itself"}
	optVariant = translate.Option{Name: "target-variant", Default: "EN-GB",
		Choices: []string{"EN-GB", "EN-US", "PT-PT", "PT-BR"},
		Help:    "DeepL target code used when --to names a language DeepL splits into variants: EN-GB or EN-US for en, PT-PT or PT-BR for pt"}

	// DeepL's own clients wait max(back-off, 10 s) for one attempt.
	optTimeout = engine.TimeoutOption("10s")
)

// Retry is DeepL's client libraries' policy: 1 s, ×1.6, ±23 % jitter, five
// retries, Retry-After honoured.
var Retry = translate.RetryPolicy{MaxAttempts: 6, Base: time.Second, Multiplier: 1.6, Jitter: 0.23, Max: time.Minute, Budget: 2 * time.Minute}

// Info registers the backend.
func Info() translate.Info {
	return translate.Info{
		Name:        "deepl",
		Description: "DeepL API v2 (needs DEEPL_AUTH_KEY)",
		Options:     []translate.Option{optKey, optFormality, optContext, optVariant, optTimeout},
		Retry:       Retry,
		// DeepL API Pro, pay as you go (2026), plus its monthly fee.
		Price: translate.Price{PerMillionChars: 20, Currency: "EUR"},
		New:   func(cfg translate.Config) (translate.Backend, error) { return New(cfg) },
	}
}

var (
	_ translate.Backend       = (*Client)(nil)
	_ translate.Limited       = (*Client)(nil)
	_ translate.PairLister    = (*Client)(nil)
	_ translate.Preparer      = (*Client)(nil)
	_ translate.Retrier       = (*Client)(nil)
	_ translate.SpanProtector = (*Client)(nil)
)

// Client is a DeepL backend. It is safe for concurrent use.
type Client struct {
	*engine.Engine
	base      string
	key       translate.Secret
	http      *http.Client
	formality string
	context   string
	variant   string
	pairs     engine.PairCache

	mu     sync.Mutex
	formal []string // targets that support formality, from /v2/languages
	// glossaryIDs holds the glossary in use per pair ("fr>en"), set by
	// UseGlossary (glossary.go); v2Glossaries says the server answered 404
	// to the v3 glossary endpoints.
	glossaryIDs  map[string]string
	v2Glossaries bool
}

// New builds a client from cfg.
func New(cfg translate.Config) (*Client, error) {
	key := cfg.Get(optKey)
	if key == "" {
		return nil, fmt.Errorf("deepl: %w: no key (set %s)", translate.ErrAuth, optKey.Env)
	}
	def := ProURL
	if strings.HasSuffix(key, ":fx") {
		def = FreeURL
	}
	c := &Client{
		base:      engine.BaseURL(cfg, def),
		key:       translate.Secret(key),
		http:      engine.HTTPClient(cfg),
		formality: cfg.Get(optFormality),
		context:   cfg.Get(optContext),
		variant:   strings.ToUpper(cfg.Get(optVariant)),
	}
	// The context travels in every request; JSON may double the text's bytes.
	budget := (MaxRequestBytes - 2*len(c.context) - 4<<10) / 2
	if budget < 1<<10 {
		return nil, fmt.Errorf("deepl: context of %d bytes leaves no room for text in a %d-byte request", len(c.context), MaxRequestBytes)
	}
	c.Engine = engine.New("deepl", translate.Limits{MaxSegments: MaxTexts, MaxBytes: budget, InFlight: 8}, cfg.Duration(optTimeout), wire{c})
	c.pairs.Fetch = c.fetchPairs
	c.ExplainPairs(c.Prepare)
	return c, nil
}

// RetryPolicy implements [translate.Retrier].
func (c *Client) RetryPolicy() translate.RetryPolicy { return Retry }

// ProtectsSpans implements [translate.SpanProtector]: spans travel as
// ignored <x> tags.
func (c *Client) ProtectsSpans() bool { return true }

// SourceLang is DeepL's code for a source language: "fr" → "FR" (sources
// have no variants).
func SourceLang(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToUpper(lang)
}

// TargetLang is DeepL's code for a target language: "en" → variant if it is
// an English one, else "EN-GB"; "pt" → "PT-PT" likewise; "en-us" → "EN-US".
func TargetLang(lang, variant string) string {
	lang = strings.ToUpper(strings.ReplaceAll(lang, "_", "-"))
	def := map[string]string{"EN": "EN-GB", "PT": "PT-PT"}[lang]
	if def == "" {
		return lang
	}
	if strings.HasPrefix(variant, lang+"-") {
		return variant
	}
	return def
}

// Prepare implements [translate.Preparer]: it checks the pair against
// /v2/languages, and the formality option against the targets that list
// supports_formality (formality=more or less with English is refused by
// DeepL for every request; the prefer_ forms fall back quietly).
func (c *Client) Prepare(ctx context.Context, from, to string) error {
	target := TargetLang(to, c.variant)
	if err := c.pairs.Check(ctx, "deepl", translate.Pair{From: SourceLang(from), To: target}); err != nil {
		return err
	}
	if c.formality != "more" && c.formality != "less" {
		return nil
	}
	c.mu.Lock()
	formal := c.formal
	c.mu.Unlock()
	if slices.ContainsFunc(formal, func(l string) bool { return strings.EqualFold(l, target) }) {
		return nil
	}
	allowed := "DeepL supports formality for no target language"
	if len(formal) > 0 {
		allowed = "DeepL supports formality for " + strings.Join(formal, ", ")
	}
	return &translate.LanguageOptionError{Backend: "deepl", Option: optFormality.Name, Value: c.formality, Lang: target,
		Allowed: allowed + "; for " + target + " use formality=prefer_" + c.formality + " (which falls back quietly) or leave it unset"}
}

// Pairs implements [translate.PairLister] with DeepL's codes ("FR", "EN-GB").
func (c *Client) Pairs(ctx context.Context) ([]translate.Pair, error) { return c.pairs.Pairs(ctx) }

func (c *Client) fetchPairs(ctx context.Context) ([]translate.Pair, error) {
	var lists [2][]string
	for i, typ := range []string{"source", "target"} {
		var langs []struct {
			Language          string `json:"language"`
			SupportsFormality bool   `json:"supports_formality"`
		}
		x := c.exchange(http.MethodGet, "/v2/languages?type="+typ, nil)
		if err := c.Attempt(ctx, func(ctx context.Context) error { return x.Do(ctx, &langs) }); err != nil {
			return nil, fmt.Errorf("listing %s languages: %w", typ, err)
		}
		var formal []string
		for _, l := range langs {
			lists[i] = append(lists[i], strings.ToUpper(l.Language))
			if typ == "target" && l.SupportsFormality {
				formal = append(formal, strings.ToUpper(l.Language))
			}
		}
		if typ == "target" {
			c.mu.Lock()
			c.formal = formal
			c.mu.Unlock()
		}
	}
	return engine.Cross(lists[0], lists[1]), nil
}

func (c *Client) exchange(method, path string, body any) *engine.Exchange {
	return &engine.Exchange{
		Backend:  "deepl",
		Client:   c.http,
		Method:   method,
		URL:      c.base + path,
		Header:   http.Header{"Authorization": {"DeepL-Auth-Key " + string(c.key)}},
		Body:     body,
		Secrets:  []string{string(c.key)},
		MapError: c.mapError,
	}
}

// mapError maps DeepL's error replies: 403 bad key, 456 quota exhausted, 400
// with a language complaint an unsupported pair, the rest by status.
func (c *Client) mapError(status int, h http.Header, body []byte) error {
	var e struct {
		Message string `json:"message"`
		Detail  string `json:"detail"`
	}
	msg := string(body)
	if json.Unmarshal(body, &e) == nil && e.Message != "" {
		msg = strings.TrimSpace(e.Message + " " + e.Detail)
	}
	var sentinel error
	switch {
	case status == 456:
		sentinel = translate.ErrQuota
	case status == http.StatusBadRequest && strings.Contains(msg, "_lang"):
		sentinel = translate.ErrUnsupportedPair
	}
	return translate.NewStatusError("deepl", status, h, sentinel, msg, string(c.key))
}

// request is the body of POST /v2/translate.
type request struct {
	Text        []string `json:"text"`
	SourceLang  string   `json:"source_lang,omitempty"`
	TargetLang  string   `json:"target_lang"`
	TagHandling string   `json:"tag_handling,omitempty"`
	IgnoreTags  []string `json:"ignore_tags,omitempty"`
	Formality   string   `json:"formality,omitempty"`
	Context     string   `json:"context,omitempty"`
	// GlossaryID needs SourceLang, which is always sent.
	GlossaryID string `json:"glossary_id,omitempty"`
}

type reply struct {
	Translations []struct {
		DetectedSourceLanguage string `json:"detected_source_language"`
		Text                   string `json:"text"`
	} `json:"translations"`
}

// wire is DeepL's protocol for the engine.
type wire struct{ c *Client }

// Encode escapes s for tag_handling=xml, sends each pair of inline-code
// spans as a <g> element around the text between them (translated, and
// moved by DeepL with its words), and wraps every other protected span's
// replacement in an ignored <x> element.
func (wire) Encode(s translate.Segment) string { return tags.Encode(s) }

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escape(s string) string { return escaper.Replace(s) }

// Decode puts the pairs' replacements where DeepL left the <g> tags,
// removes the <x> tags and unescapes the XML entities.
func (wire) Decode(s translate.Segment, reply string) string {
	return html.UnescapeString(strings.NewReplacer("<x>", "", "</x>", "").Replace(tags.Decode(s, reply)))
}

func (w wire) Send(ctx context.Context, call *engine.Call) ([]string, error) {
	c := w.c
	body := request{
		Text:        call.Texts,
		SourceLang:  SourceLang(call.From),
		TargetLang:  TargetLang(call.To, c.variant),
		TagHandling: "xml",
		IgnoreTags:  []string{"x"},
		Formality:   c.formality,
		Context:     c.context,
		GlossaryID:  c.glossaryFor(call.From, call.To),
	}
	var r reply
	if err := c.exchange(http.MethodPost, "/v2/translate", body).Do(ctx, &r); err != nil {
		return nil, err
	}
	out := make([]string, len(r.Translations))
	for i, t := range r.Translations {
		out[i] = t.Text
	}
	return out, nil
}

// String describes the client without its key.
func (c *Client) String() string {
	u, _ := url.Parse(c.base)
	return "deepl(" + u.Host + ")"
}

// GoString keeps %#v from printing the key: fmt cannot call the Secret's
// methods on an unexported field.
func (c *Client) GoString() string { return c.String() }
