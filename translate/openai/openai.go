package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/internal/engine"
)

// DefaultBaseURL is OpenAI's API.
const DefaultBaseURL = "https://api.openai.com/v1"

// The backend's options.
var (
	optKey = translate.Option{Name: "api-key", Env: "OPENAI_API_KEY", Sensitive: true,
		Help: "API key sent as a Bearer token; local servers (Ollama, llama.cpp) need none"}
	optBaseURL = translate.Option{Name: "base-url", Env: "OPENAI_BASE_URL", Default: DefaultBaseURL,
		Help: "base URL of the OpenAI-compatible API, e.g. http://localhost:11434/v1 for Ollama; --endpoint overrides it"}
	optModel = translate.Option{Name: "model", Required: true,
		Help: "model name, e.g. gpt-4o-mini, or the local server's model tag"}
	optTemperature = translate.Option{Name: "temperature", Default: "0",
		Help: "sampling temperature; 0 gives the most repeatable translations"}
	optTPM = translate.Option{Name: "tokens-per-minute", Default: "0", Kind: translate.KindInt,
		Help: "the account's tokens-a-minute limit, for the pipeline's pacing (0: unknown, no pacing)"}
	optMaxChars = translate.Option{Name: "max-chars", Default: "6000", Kind: translate.KindInt,
		Help: "characters of text in one request; keep the request and its reply within the model's context and output limits"}
	optInFlight = translate.Option{Name: "in-flight", Default: "4", Kind: translate.KindInt,
		Help: "requests sent at once"}
	optFormat = translate.Option{Name: "response-format", Default: "json_schema", Choices: []string{"json_schema", "json_object"},
		Help: "structured output: json_schema (OpenAI, Ollama, vLLM, llama.cpp) or json_object for servers without schemas"}
	// A model writes a batch's translation token by token: minutes, at worst.
	optTimeout = engine.TimeoutOption("3m")
)

// Retry is like OpenAI's own client libraries' (0.5 s doubling up to 8 s,
// ±25 % jitter, Retry-After honoured), with a few more retries for a batch.
var Retry = translate.RetryPolicy{MaxAttempts: 5, Base: 500 * time.Millisecond, Multiplier: 2, Jitter: 0.25, Max: 8 * time.Second, Budget: time.Minute}

// Info registers the backend.
func Info() translate.Info {
	return translate.Info{
		Name:        "openai",
		Description: "OpenAI-compatible chat model: OpenAI, Ollama, vLLM, llama.cpp, LM Studio (needs --model option; OPENAI_API_KEY for OpenAI)",
		Options:     []translate.Option{optKey, optBaseURL, optModel, optTemperature, optTPM, optMaxChars, optInFlight, optFormat, optTimeout},
		Retry:       Retry,
		// The price depends on the model: the user's to set.
		Price: translate.Price{Unknown: true},
		New:   func(cfg translate.Config) (translate.Backend, error) { return New(cfg) },
	}
}

var (
	_ translate.Backend = (*Client)(nil)
	_ translate.Limited = (*Client)(nil)
	_ translate.Modeler = (*Client)(nil)
	_ translate.Retrier = (*Client)(nil)
)

// Client is an OpenAI-compatible backend. It is safe for concurrent use.
type Client struct {
	*engine.Engine
	base        string
	key         translate.Secret
	http        *http.Client
	model       string
	temperature float64
	format      string
}

// New builds a client from cfg.
func New(cfg translate.Config) (*Client, error) {
	c := &Client{
		base:   engine.BaseURL(cfg, cfg.Get(optBaseURL)),
		key:    translate.Secret(cfg.Get(optKey)),
		http:   engine.HTTPClient(cfg),
		model:  cfg.Get(optModel),
		format: cfg.Get(optFormat),
	}
	if c.model == "" {
		return nil, errors.New("openai: option model is required (the model name, e.g. gpt-4o-mini or an Ollama tag)")
	}
	// The one check a kind cannot make: the API's range of temperatures.
	var err error
	if c.temperature, err = strconv.ParseFloat(cfg.Get(optTemperature), 64); err != nil || c.temperature < 0 || c.temperature > 2 {
		return nil, fmt.Errorf("backend openai: option temperature: %q is not a number from 0 to 2", cfg.Get(optTemperature))
	}
	lim := translate.Limits{MaxSegments: 100, MaxChars: cfg.Int(optMaxChars), InFlight: cfg.Int(optInFlight)}
	// A character costs about a quarter token going in and as much coming out.
	lim.CharsPerMinute = 2 * cfg.Int(optTPM)
	c.Engine = engine.New("openai", lim, cfg.Duration(optTimeout), wire{c})
	return c, nil
}

// RetryPolicy implements [translate.Retrier].
func (c *Client) RetryPolicy() translate.RetryPolicy { return Retry }

// Model implements [translate.Modeler].
func (c *Client) Model() string { return c.model }

// String describes the client without its key.
func (c *Client) String() string { return "openai(" + c.model + ")" }

// GoString keeps %#v from printing the key.
func (c *Client) GoString() string { return c.String() }

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model          string         `json:"model"`
	Messages       []message      `json:"messages"`
	Temperature    float64        `json:"temperature"`
	ResponseFormat map[string]any `json:"response_format"`
}

type chatReply struct {
	Choices []struct {
		Message struct {
			Content string `json:"content"`
			Refusal string `json:"refusal"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

// Item is one segment in a request or reply.
type Item struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Payload is the JSON of the user message and of the model's reply.
type Payload struct {
	Segments     []Item `json:"segments,omitempty"`
	Translations []Item `json:"translations,omitempty"`
}

// schema is the structured output the model must give.
var schema = map[string]any{
	"type": "json_schema",
	"json_schema": map[string]any{
		"name":   "translations",
		"strict": true,
		"schema": map[string]any{
			"type":                 "object",
			"additionalProperties": false,
			"required":             []string{"translations"},
			"properties": map[string]any{
				"translations": map[string]any{
					"type": "array",
					"items": map[string]any{
						"type":                 "object",
						"additionalProperties": false,
						"required":             []string{"id", "text"},
						"properties": map[string]any{
							"id":   map[string]any{"type": "string"},
							"text": map[string]any{"type": "string"},
						},
					},
				},
			},
		},
	},
}

// wire is the chat protocol. The pipeline has put its placeholders in the
// text (a model has no way to keep a span verbatim, but follows
// instructions about them): the spans say which term each one stands for,
// for the glossary in the instructions.
type wire struct{ c *Client }

func (wire) Encode(s translate.Segment) string               { return s.Text }
func (wire) Decode(_ translate.Segment, reply string) string { return reply }

// Send asks the model, and re-asks once if the reply is misaligned.
func (w wire) Send(ctx context.Context, call *engine.Call) ([]string, error) {
	c := w.c
	ids := itemIDs(call.Segments)
	items := make([]Item, len(ids))
	for i, id := range ids {
		items[i] = Item{ID: id, Text: call.Texts[i]}
	}
	user, err := json.Marshal(Payload{Segments: items})
	if err != nil {
		return nil, fmt.Errorf("openai: %w", err)
	}
	msgs := []message{{Role: "system", Content: instructions(call)}, {Role: "user", Content: string(user)}}
	for attempt := 1; ; attempt++ {
		content, err := c.chat(ctx, msgs)
		if err != nil {
			return nil, err
		}
		out, problem := align(content, items)
		if problem == "" {
			return out, nil
		}
		if attempt == 2 {
			return nil, fmt.Errorf("openai: %w: %s (after a re-ask)", translate.ErrBadReply, problem)
		}
		msgs = append(msgs,
			message{Role: "assistant", Content: content},
			message{Role: "user", Content: "Your reply is not valid: " + problem + ". Reply again with the JSON object only, holding exactly one translation for each of these ids, in this order: " + strings.Join(ids, ", ") + "."})
	}
}

// itemIDs are the segments' ids, or their positions when ids are missing or
// repeated.
func itemIDs(segs []translate.Segment) []string {
	ids := make([]string, len(segs))
	seen := make(map[string]bool, len(segs))
	for i, s := range segs {
		if s.ID == "" || seen[s.ID] {
			for i := range ids {
				ids[i] = "s" + strconv.Itoa(i+1)
			}
			return ids
		}
		seen[s.ID] = true
		ids[i] = s.ID
	}
	return ids
}

// instructions is the system message for a call: the task, the output
// format, the placeholders to keep, and the glossary entries of the batch.
func instructions(call *engine.Call) string {
	var b strings.Builder
	fmt.Fprintf(&b, "You are a professional news translator. Translate each segment from %s into %s, faithfully and fluently, keeping names, numbers and punctuation.\n", langName(call.From), langName(call.To))
	b.WriteString(`The user message is a JSON object {"segments": [{"id", "text"}]}. Reply with a JSON object {"translations": [{"id", "text"}]} holding exactly one translation for each segment, with the same ids in the same order: never merge, split, skip or add segments.` + "\n")
	var terms []string
	placeholders := false
	for _, s := range call.Segments {
		for _, sp := range s.Protected {
			placeholders = true
			if t := fmt.Sprintf("- %s → %s", sp.Source, sp.Replace); sp.Source != "" && !slices.Contains(terms, t) {
				terms = append(terms, t)
			}
		}
	}
	if placeholders {
		b.WriteString("Words like Zxq0qxZ, Zxq1qxZ are placeholders for glossary terms inserted after translation: copy each one exactly, once, where the term belongs in the translation.\n")
	}
	if len(terms) > 0 {
		b.WriteString("Glossary of the terms in these segments (source → required translation), for agreement and context:\n")
		b.WriteString(strings.Join(terms, "\n") + "\n")
	}
	return b.String()
}

func langName(code string) string {
	if code == "" {
		return "the source language"
	}
	return code
}

// align checks the model's reply against the request and returns the texts in
// request order, or what is wrong with it.
func align(content string, items []Item) ([]string, string) {
	var p Payload
	if err := json.Unmarshal([]byte(content), &p); err != nil {
		return nil, fmt.Sprintf("the reply is not the JSON object asked for (%v)", err)
	}
	index := make(map[string]int, len(items))
	for i, it := range items {
		index[it.ID] = i
	}
	out := make([]string, len(items))
	got := make([]bool, len(items))
	for _, t := range p.Translations {
		i, ok := index[t.ID]
		switch {
		case !ok:
			return nil, fmt.Sprintf("id %q is not one of the segments", t.ID)
		case got[i]:
			return nil, fmt.Sprintf("id %q is translated twice", t.ID)
		case strings.TrimSpace(t.Text) == "" && strings.TrimSpace(items[i].Text) != "":
			return nil, fmt.Sprintf("the translation of id %q is empty", t.ID)
		}
		got[i] = true
		out[i] = t.Text
	}
	var missing []string
	for i, ok := range got {
		if !ok {
			missing = append(missing, items[i].ID)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Sprintf("%d of %d segments have no translation (ids %s)", len(missing), len(items), strings.Join(missing, ", "))
	}
	return out, ""
}

// chat sends one chat completion and returns the reply's content.
func (c *Client) chat(ctx context.Context, msgs []message) (string, error) {
	format := schema
	if c.format == "json_object" {
		format = map[string]any{"type": "json_object"}
	}
	x := &engine.Exchange{
		Backend:  "openai",
		Client:   c.http,
		Method:   http.MethodPost,
		URL:      c.base + "/chat/completions",
		Body:     chatRequest{Model: c.model, Messages: msgs, Temperature: c.temperature, ResponseFormat: format},
		Secrets:  []string{string(c.key)},
		MapError: c.mapError,
	}
	if c.key != "" {
		x.Header = http.Header{"Authorization": {"Bearer " + string(c.key)}}
	}
	var r chatReply
	if err := x.Do(ctx, &r); err != nil {
		return "", err
	}
	if len(r.Choices) == 0 {
		return "", fmt.Errorf("openai: %w: no choices in the reply", translate.ErrBadReply)
	}
	ch := r.Choices[0]
	switch {
	case ch.Message.Refusal != "":
		return "", fmt.Errorf("openai: %w: the model refused: %s", translate.ErrBadReply, ch.Message.Refusal)
	case ch.FinishReason == "length":
		// The output limit cut the reply: a smaller batch fits.
		return "", fmt.Errorf("openai: %w: the reply was cut at the model's output limit", translate.ErrRequestTooLarge)
	}
	return ch.Message.Content, nil
}

// mapError maps {"error": {"message", "type", "code"}} replies: 429
// insufficient_quota is an exhausted quota, not a rate limit;
// context_length_exceeded is a request too large.
func (c *Client) mapError(status int, h http.Header, body []byte) error {
	var e struct {
		Error struct {
			Message string `json:"message"`
			Type    string `json:"type"`
			Code    any    `json:"code"`
		} `json:"error"`
	}
	msg := string(body)
	code := ""
	if json.Unmarshal(body, &e) == nil && e.Error.Message != "" {
		code = fmt.Sprint(e.Error.Code)
		msg = e.Error.Message
		if code != "" && code != "<nil>" {
			msg += " [" + code + "]"
		}
	}
	var sentinel error
	switch {
	case code == "insufficient_quota" || e.Error.Type == "insufficient_quota":
		sentinel = translate.ErrQuota
	case code == "context_length_exceeded":
		sentinel = translate.ErrRequestTooLarge
	}
	return translate.NewStatusError("openai", status, h, sentinel, msg, string(c.key))
}
