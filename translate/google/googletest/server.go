// Package googletest is a fake Google Cloud Translation v2 server for tests.
// It speaks the wire format the official Go client uses: GET
// /language/translate/v2 with every text as a q parameter and the key as key=,
// POST with a JSON body, GET .../v2/languages, the {"data": …} envelope and
// the {"error": {"code", "message", "errors": [{"reason"}]}} body. It enforces
// 128 texts and 5,000 code points a request and a URL of at most 16 KiB,
// fails the test on format=html text whose markup is not well formed, keeps
// <span translate="no"> elements verbatim, translates inside other elements
// and moves them with the words they wrap (the rules of the shared
// harness's markup translator: "le <b>gouvernement</b> français" gives "the
// French <b>government</b>"; an element around "oublié" loses its tags), and
// injects failures on demand.
package googletest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/diglot/diglot/translate/internal/servertest"
)

// Server is a running fake; its URL is the endpoint to give the backend.
type Server = servertest.Server

// Options configure a fake server.
type Options struct {
	// Key is the only API key the server accepts; empty means "test-key".
	Key string
	// Latency delays every reply.
	Latency time.Duration
}

// Limits the server enforces.
const (
	MaxTexts = 128
	MaxChars = 5000
	MaxURL   = 16 << 10
)

// Languages the fake serves.
var Languages = []string{"de", "en", "es", "fr", "it", "pt", "ru", "uk"}

// RateLimit429 is Google's other rate-limit reply, a plain 429.
const RateLimit429 servertest.Fault = "rate-limit-429"

var dialect = servertest.Dialect{
	Name: "google",
	WriteError: func(w http.ResponseWriter, r servertest.Reply) {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(r.Status)
		reason := r.Reason
		if reason == "" {
			reason = "badRequest"
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
			"code": r.Status, "message": r.Message,
			"errors": []map[string]string{{"message": r.Message, "domain": "global", "reason": reason}},
		}})
	},
	Faults: map[servertest.Fault]servertest.Reply{
		// Quota overrun per user or minute: 403, retried like a 429.
		servertest.RateLimit:   {Status: 403, Reason: "userRateLimitExceeded", Message: "User Rate Limit Exceeded"},
		RateLimit429:           {Status: 429, Reason: "rateLimitExceeded", Message: "Rate Limit Exceeded", Header: servertest.RetryAfter(1)},
		servertest.Unavailable: {Status: 503, Reason: "backendError", Message: "The service is currently unavailable."},
		servertest.ServerError: {Status: 500, Reason: "backendError", Message: "Internal error encountered."},
		servertest.Auth:        {Status: 400, Reason: "badRequest", Message: "API key not valid. Please pass a valid API key."},
		servertest.Forbidden: {Status: 403, Reason: "accessNotConfigured",
			Message: "Cloud Translation API has not been used in project 0 before or it is disabled."},
		servertest.Quota: {Status: 403, Reason: "dailyLimitExceeded", Message: "Daily Limit Exceeded"},
	},
}

// NewTestServer starts a fake server that stops when the test ends.
func NewTestServer(tb testing.TB, o Options) *Server {
	if o.Key == "" {
		o.Key = "test-key"
	}
	var s *Server
	s = servertest.New(tb, dialect, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("key") != o.Key {
			s.Unexpected(w, r, "key= is not the test key")
			return
		}
		if len(r.RequestURI) > MaxURL {
			s.OverLimit(w, servertest.Reply{Status: http.StatusRequestURITooLong, Message: "The requested URL is too large to process."})
			return
		}
		switch {
		case r.URL.Path == "/language/translate/v2" && r.Method == http.MethodGet:
			translate(s, w, r, q)
		case r.URL.Path == "/language/translate/v2" && r.Method == http.MethodPost:
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
				s.Unexpected(w, r, "POST needs a JSON body")
				return
			}
			// The generated client wraps the request in {"data": …}.
			var wrapped struct {
				Data struct {
					Q                             []string
					Target, Source, Format, Model string
				}
			}
			if err := json.NewDecoder(r.Body).Decode(&wrapped); err != nil {
				s.Unexpected(w, r, "body: %v", err)
				return
			}
			body := wrapped.Data
			v := url.Values{"q": body.Q, "target": {body.Target}, "source": {body.Source}, "format": {body.Format}, "model": {body.Model}}
			translate(s, w, r, v)
		case r.URL.Path == "/language/translate/v2/languages" && r.Method == http.MethodGet:
			var out []map[string]string
			for _, l := range Languages {
				out = append(out, map[string]string{"language": l, "name": l})
			}
			servertest.WriteJSON(w, map[string]any{"data": map[string]any{"languages": out}})
		default:
			s.Unexpected(w, r, "no such endpoint")
		}
	})
	s.SetLatency(o.Latency)
	return s
}

func translate(s *Server, w http.ResponseWriter, r *http.Request, q url.Values) {
	texts := q["q"]
	chars := 0
	for _, t := range texts {
		chars += utf8.RuneCountInString(t)
	}
	switch {
	case len(texts) == 0:
		s.Unexpected(w, r, "no q")
		return
	case len(texts) > MaxTexts:
		s.OverLimit(w, servertest.Reply{Status: 400, Reason: "badRequest", Message: "Too many text segments"})
		return
	case chars > MaxChars:
		s.OverLimit(w, servertest.Reply{Status: 400, Reason: "badRequest", Message: "Text too long"})
		return
	case !slices.Contains(Languages, q.Get("target")),
		q.Get("source") != "" && !slices.Contains(Languages, q.Get("source")):
		s.WriteError(w, servertest.Reply{Status: 400, Reason: "invalid", Message: "Invalid Value"})
		return
	case q.Get("model") != "" && q.Get("model") != "nmt" && q.Get("model") != "base":
		s.Unexpected(w, r, "model %q", q.Get("model"))
		return
	}
	format := q.Get("format")
	if format == "" {
		format = "html" // the API's default
	}
	type translation struct {
		TranslatedText         string `json:"translatedText"`
		DetectedSourceLanguage string `json:"detectedSourceLanguage,omitempty"`
		Model                  string `json:"model,omitempty"`
	}
	out := make([]translation, len(texts))
	for i, t := range texts {
		out[i].TranslatedText = servertest.Translate(t)
		if format == "html" {
			var ok bool
			if out[i].TranslatedText, ok = servertest.TranslateMarkup(t, `<span translate="no">`, `</span>`); !ok {
				s.Unexpected(w, r, "HTML not well formed in q[%d]", i)
				return
			}
		}
		if q.Get("source") == "" {
			out[i].DetectedSourceLanguage = "fr"
		}
		out[i].Model = q.Get("model")
	}
	servertest.WriteJSON(w, map[string]any{"data": map[string]any{"translations": out}})
}
