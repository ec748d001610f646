// Package openaitest is a fake OpenAI-compatible chat-completions server for
// tests: POST /v1/chat/completions with a Bearer key, a model name and a
// structured-output response_format; it "translates" the JSON segments of the
// last user message and answers in the chat.completion envelope, or with
// {"error": {"message", "type", "code"}}. It refuses a request over its
// context window with context_length_exceeded, and acts out the failures of
// a real model on demand: dropping, merging, duplicating, emptying, renaming
// or reordering segments, answering in prose, being cut at the output limit,
// or losing placeholders.
package openaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/diglot/diglot/translate/internal/servertest"
)

// Server is a running fake; URL + "/v1" is the base URL to give the backend.
type Server = servertest.Server

// Options configure a fake server.
type Options struct {
	// Key, if set, is the only Bearer key accepted, and one is required.
	Key string
	// Model is the only model served; empty means "test-model".
	Model string
	// ContextTokens is the context window, counted as a token per four
	// characters of the messages; zero means 8192.
	ContextTokens int
	Latency       time.Duration
}

// Behaviours of a misbehaving model, injected with Server.Inject.
const (
	Drop      servertest.Fault = "drop"      // the last segment is missing
	Merge     servertest.Fault = "merge"     // the first two segments come back as one
	Duplicate servertest.Fault = "duplicate" // a segment comes back twice
	Empty     servertest.Fault = "empty"     // a translation is empty
	UnknownID servertest.Fault = "unknown-id"
	Reorder   servertest.Fault = "reorder" // right ids, reversed order: valid
	Prose     servertest.Fault = "prose"   // "Sure! Here are…" instead of JSON
	Cut       servertest.Fault = "cut"     // finish_reason "length"
	LoseTerms servertest.Fault = "lose-terms"
)

var dialect = servertest.Dialect{
	Name: "openai",
	WriteError: func(w http.ResponseWriter, r servertest.Reply) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(r.Status)
		typ := "invalid_request_error"
		if r.Status == 429 {
			typ = "requests"
		}
		if r.Reason == "insufficient_quota" {
			typ = "insufficient_quota"
		}
		var code any
		if r.Reason != "" {
			code = r.Reason
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": r.Message, "type": typ, "param": nil, "code": code}})
	},
	Faults: map[servertest.Fault]servertest.Reply{
		servertest.RateLimit: {Status: 429, Reason: "rate_limit_exceeded", Header: servertest.RetryAfter(1),
			Message: "Rate limit reached for test-model on tokens per min (TPM): Limit 30000, Used 30000, Requested 900."},
		servertest.Unavailable: {Status: 503, Message: "The engine is currently overloaded, please try again later"},
		servertest.ServerError: {Status: 500, Message: "The server had an error while processing your request."},
		servertest.Auth:        {Status: 401, Reason: "invalid_api_key", Message: "Incorrect API key provided."},
		servertest.Forbidden:   {Status: 403, Reason: "unsupported_country_region_territory", Message: "Country, region, or territory not supported"},
		servertest.Quota: {Status: 429, Reason: "insufficient_quota",
			Message: "You exceeded your current quota, please check your plan and billing details."},
	},
	Behaviours: []servertest.Fault{Drop, Merge, Duplicate, Empty, UnknownID, Reorder, Prose, Cut, LoseTerms},
}

// NewTestServer starts a fake server that stops when the test ends.
func NewTestServer(tb testing.TB, o Options) *Server {
	if o.Model == "" {
		o.Model = "test-model"
	}
	if o.ContextTokens == 0 {
		o.ContextTokens = 8192
	}
	var s *Server
	s = servertest.New(tb, dialect, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
			s.Unexpected(w, r, "no such endpoint")
			return
		}
		if auth := r.Header.Get("Authorization"); o.Key != "" && auth != "Bearer "+o.Key || o.Key == "" && auth != "" {
			s.Unexpected(w, r, "Authorization header is not the test key's")
			return
		}
		complete(s, o, w, r)
	})
	s.SetLatency(o.Latency)
	return s
}

// The server's own wire types, from OpenAI's chat-completions reference and
// the JSON the instructions ask the model for: never the client's, so that a
// client that drifts from the documented format fails here.
type (
	item struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	segmentsMessage struct {
		Segments []item `json:"segments"`
	}
	translationsMessage struct {
		Translations []item `json:"translations"`
	}
	chatMessage struct {
		Role    string  `json:"role"`
		Content string  `json:"content"`
		Refusal *string `json:"refusal"`
	}
	choice struct {
		Index        int         `json:"index"`
		Message      chatMessage `json:"message"`
		FinishReason string      `json:"finish_reason"`
	}
	usage struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
		TotalTokens      int `json:"total_tokens"`
	}
	chatCompletion struct {
		ID      string   `json:"id"`
		Object  string   `json:"object"`
		Created int64    `json:"created"`
		Model   string   `json:"model"`
		Choices []choice `json:"choices"`
		Usage   usage    `json:"usage"`
	}
)

type request struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	Temperature    *float64       `json:"temperature"`
	ResponseFormat map[string]any `json:"response_format"`
}

var placeholder = regexp.MustCompile(`Zxq\d+qxZ`)

func complete(s *Server, o Options, w http.ResponseWriter, r *http.Request) {
	var req request
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.Unexpected(w, r, "body: %v", err)
		return
	}
	if req.Model != o.Model {
		s.WriteError(w, servertest.Reply{Status: 404, Reason: "model_not_found", Message: fmt.Sprintf("The model `%s` does not exist or you do not have access to it.", req.Model)})
		return
	}
	if t, _ := req.ResponseFormat["type"].(string); t != "json_schema" && t != "json_object" {
		s.Unexpected(w, r, "response_format %v: the client must ask for JSON", req.ResponseFormat)
		return
	}
	chars := 0
	for _, m := range req.Messages {
		chars += utf8.RuneCountInString(m.Content)
	}
	if tokens := chars / 4; tokens > o.ContextTokens {
		s.OverLimit(w, servertest.Reply{Status: 400, Reason: "context_length_exceeded",
			Message: fmt.Sprintf("This model's maximum context length is %d tokens. However, your messages resulted in %d tokens.", o.ContextTokens, tokens)})
		return
	}
	if len(req.Messages) < 2 || req.Messages[0].Role != "system" {
		s.Unexpected(w, r, "want a system message, then the segments")
		return
	}
	// The segments are in the first user message; a re-ask appends the
	// model's answer and a correction.
	var in segmentsMessage
	dec = json.NewDecoder(strings.NewReader(req.Messages[1].Content))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil || len(in.Segments) == 0 {
		s.Unexpected(w, r, "the user message is not {\"segments\": […]}: %v", err)
		return
	}
	if placeholder.MatchString(req.Messages[1].Content) && !strings.Contains(req.Messages[0].Content, "placeholder") {
		s.Unexpected(w, r, "segments hold placeholders, but the instructions do not say to keep them")
		return
	}
	out := make([]item, len(in.Segments))
	for i, seg := range in.Segments {
		out[i] = item{ID: seg.ID, Text: servertest.Translate(seg.Text)}
	}
	finish := "stop"
	switch servertest.Behaviour(r) {
	case Drop:
		out = out[:len(out)-1]
	case Merge:
		if len(out) > 1 {
			out[0].Text += " " + out[1].Text
			out = slices.Delete(out, 1, 2)
		}
	case Duplicate:
		out = append(out, out[0])
	case Empty:
		out[0].Text = ""
	case UnknownID:
		out[0].ID = "x-" + out[0].ID
	case Reorder:
		slices.Reverse(out)
	case LoseTerms:
		for i := range out {
			out[i].Text = strings.Join(strings.Fields(placeholder.ReplaceAllString(out[i].Text, "")), " ")
		}
	case Cut:
		finish = "length"
	}
	content, _ := json.Marshal(translationsMessage{Translations: out})
	switch servertest.Behaviour(r) {
	case Prose:
		content = []byte("Sure! Here are the translations:\n" + string(content))
	case Cut:
		content = content[:len(content)/2]
	}
	servertest.WriteJSON(w, chatCompletion{
		ID: "chatcmpl-test", Object: "chat.completion", Created: 1700000000, Model: o.Model,
		Choices: []choice{{Index: 0, Message: chatMessage{Role: "assistant", Content: string(content)}, FinishReason: finish}},
		Usage:   usage{PromptTokens: chars / 4, CompletionTokens: len(content) / 4, TotalTokens: chars/4 + len(content)/4},
	})
}
