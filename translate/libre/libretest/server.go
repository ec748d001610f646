// Package libretest is a fake LibreTranslate server for tests: POST /translate
// with a JSON body (q a string or an array), GET /languages, {"error": "..."}
// replies, the server's --char-limit and --batch-limit enforced with 400 as
// LibreTranslate does, an optional API key, and failures on demand. Like the
// real server, its html format translates inside tags.
package libretest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/diglot/diglot/translate/internal/servertest"
)

// Server is a running fake; its URL is the endpoint to give the backend.
type Server = servertest.Server

// Options configure a fake server, as LibreTranslate's command-line flags do.
type Options struct {
	// Key, if set, is the only api_key accepted, and one is required.
	Key string
	// CharLimit and BatchLimit are the server's limits; zero means none.
	CharLimit, BatchLimit int
	Latency               time.Duration
}

// Languages the fake serves; each translates into all the others.
var Languages = []string{"de", "en", "es", "fr", "it"}

var dialect = servertest.Dialect{
	Name: "libre",
	WriteError: func(w http.ResponseWriter, r servertest.Reply) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(r.Status)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": r.Message})
	},
	Faults: map[servertest.Fault]servertest.Reply{
		servertest.RateLimit:   {Status: 429, Message: "Too many request limits violations"},
		servertest.Unavailable: {Status: 503, Message: "Service Unavailable"},
		servertest.ServerError: {Status: 500, Message: "Cannot translate text: model failed"},
		servertest.Auth:        {Status: 403, Message: "Invalid API key"},
		servertest.Forbidden:   {Status: 403, Message: "Visit https://portal.libretranslate.com to get an API key"},
	},
}

// NewTestServer starts a fake server that stops when the test ends.
func NewTestServer(tb testing.TB, o Options) *Server {
	var s *Server
	s = servertest.New(tb, dialect, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/translate":
			translate(s, o, w, r)
		case r.Method == http.MethodGet && r.URL.Path == "/languages":
			type language struct {
				Code    string   `json:"code"`
				Name    string   `json:"name"`
				Targets []string `json:"targets"`
			}
			out := make([]language, len(Languages))
			for i, l := range Languages {
				out[i] = language{Code: l, Name: l, Targets: Languages}
			}
			servertest.WriteJSON(w, out)
		default:
			s.Unexpected(w, r, "no such endpoint")
		}
	})
	s.SetLatency(o.Latency)
	return s
}

func translate(s *Server, o Options, w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		s.Unexpected(w, r, "Content-Type %q", ct)
		return
	}
	var req struct {
		Q                      json.RawMessage `json:"q"`
		Source, Target, Format string
		APIKey                 string `json:"api_key"`
		Alternatives           int    `json:"alternatives"`
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.Unexpected(w, r, "body: %v", err)
		return
	}
	var texts []string
	batch := json.Unmarshal(req.Q, &texts) == nil
	if !batch {
		var one string
		if err := json.Unmarshal(req.Q, &one); err != nil {
			s.Unexpected(w, r, "q is neither a string nor an array")
			return
		}
		texts = []string{one}
	}
	chars := 0
	for _, t := range texts {
		chars += utf8.RuneCountInString(t)
	}
	switch {
	case o.Key != "" && req.APIKey == "":
		s.WriteError(w, servertest.Reply{Status: 400, Message: "Invalid request: missing api_key parameter"})
	case o.Key != "" && req.APIKey != o.Key:
		s.Unexpected(w, r, "api_key is not the test key")
	case o.Key == "" && req.APIKey != "":
		s.Unexpected(w, r, "api_key sent to a server that has none")
	case len(texts) == 0:
		s.Unexpected(w, r, "Invalid request: missing q parameter")
	case o.BatchLimit > 0 && len(texts) > o.BatchLimit:
		s.OverLimit(w, servertest.Reply{Status: 400, Message: "Invalid request: request (" + strconv.Itoa(len(texts)) + ") exceeds text limit (" + strconv.Itoa(o.BatchLimit) + ")"})
	case o.CharLimit > 0 && chars > o.CharLimit:
		s.OverLimit(w, servertest.Reply{Status: 400, Message: "Invalid request: request (" + strconv.Itoa(chars) + ") exceeds text limit (" + strconv.Itoa(o.CharLimit) + ")"})
	case req.Source != "auto" && !slices.Contains(Languages, req.Source):
		s.WriteError(w, servertest.Reply{Status: 400, Message: req.Source + " is not supported"})
	case !slices.Contains(Languages, req.Target):
		s.WriteError(w, servertest.Reply{Status: 400, Message: req.Target + " is not supported"})
	case req.Format != "" && req.Format != "text" && req.Format != "html":
		s.Unexpected(w, r, "format %q", req.Format)
	default:
		// Both formats translate every word, inside tags' content too, as
		// LibreTranslate's html mode does.
		out := make([]string, len(texts))
		for i, t := range texts {
			out[i] = servertest.Translate(t)
		}
		if batch {
			servertest.WriteJSON(w, map[string]any{"translatedText": out})
		} else {
			servertest.WriteJSON(w, map[string]any{"translatedText": out[0]})
		}
	}
}
