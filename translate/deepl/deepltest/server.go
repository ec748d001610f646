// Package deepltest is a fake DeepL API server for tests: it speaks the
// wire format of POST /v2/translate and GET /v2/languages, and of the
// glossary endpoints of v3 (/v3/glossaries) and v2 (/v2/glossaries,
// /v2/glossary-language-pairs) (glossary.go), checks the auth header,
// enforces DeepL's limits of 50 texts and 128 KiB a request, refuses with
// tag_handling=xml a text that is not well-formed XML as DeepL does (400
// "Tag handling parsing failed"), keeps ignored <x> tags verbatim,
// translates inside other elements and moves them with the words they wrap
// (see [servertest.TranslateMarkup]'s rules), applies a request's glossary
// to the text around them, and injects failures on demand. It fails the
// test on any request DeepL would refuse as malformed.
package deepltest

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diglot/diglot/translate/internal/servertest"
)

// Server is a running fake; its URL is the endpoint to give the backend.
type Server struct {
	*servertest.Server
	opts Options

	mu         sync.Mutex
	glossaries []*Glossary // in creation order
	stats      GlossaryStats
}

// Options configure a fake server.
type Options struct {
	// Key is the only auth key the server accepts; empty means "test-key:fx".
	Key string
	// Latency delays every reply.
	Latency time.Duration
	// V2Only makes the server an older DeepL without the v3 glossary
	// endpoints: they answer 404.
	V2Only bool
	// GlossaryLangs are the languages glossaries may be made of (lower
	// case); nil is every source language.
	GlossaryLangs []string
	// NotReady makes a glossary created through v2 answer "ready": false
	// in its creation reply and in the next NotReady listings, as DeepL
	// does while it prepares one.
	NotReady int
}

// Languages the fake serves, as /v2/languages lists them; every target but
// English supports formality, as on DeepL.
var (
	Sources = []string{"DE", "EN", "ES", "FR", "IT", "PT"}
	Targets = []string{"DE", "EN-GB", "EN-US", "ES", "FR", "IT", "PT-BR", "PT-PT"}
)

// dialect is DeepL's error format and replies.
var dialect = servertest.Dialect{
	Name: "deepl",
	WriteError: func(w http.ResponseWriter, r servertest.Reply) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(r.Status)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": r.Message})
	},
	Faults: map[servertest.Fault]servertest.Reply{
		servertest.RateLimit:   {Status: 429, Message: "Too many requests", Header: servertest.RetryAfter(1)},
		servertest.Unavailable: {Status: 503, Message: "Service temporarily unavailable"},
		servertest.ServerError: {Status: 500, Message: "Internal server error"},
		servertest.Auth:        {Status: 403, Message: "Authorization failed. Please supply a valid auth_key parameter."},
		servertest.Forbidden:   {Status: 403, Message: "Wrong endpoint. Use https://api.deepl.com"},
		servertest.Quota:       {Status: 456, Message: "Quota Exceeded"},
	},
}

// NewTestServer starts a fake DeepL server that stops when the test ends.
func NewTestServer(tb testing.TB, o Options) *Server {
	if o.Key == "" {
		o.Key = "test-key:fx"
	}
	if o.GlossaryLangs == nil {
		for _, l := range Sources {
			o.GlossaryLangs = append(o.GlossaryLangs, strings.ToLower(l))
		}
	}
	s := &Server{opts: o}
	s.Server = servertest.New(tb, dialect, func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Authorization"); got != "DeepL-Auth-Key "+o.Key {
			s.Unexpected(w, r, "Authorization header %q is not the test key", redactHeader(got))
			return
		}
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/v2/translate":
			s.translate(w, r)
		case r.Method == http.MethodGet && r.URL.Path == "/v2/languages":
			languages(s, w, r)
		case s.glossaryEndpoint(w, r):
		default:
			s.Unexpected(w, r, "no such endpoint")
		}
	})
	s.SetLatency(o.Latency)
	return s
}

func redactHeader(h string) string {
	if i := strings.IndexByte(h, ' '); i >= 0 {
		return h[:i] + " …"
	}
	return "…"
}

type request struct {
	Text        []string `json:"text"`
	SourceLang  string   `json:"source_lang"`
	TargetLang  string   `json:"target_lang"`
	TagHandling string   `json:"tag_handling"`
	IgnoreTags  []string `json:"ignore_tags"`
	Formality   string   `json:"formality"`
	Context     string   `json:"context"`
	GlossaryID  string   `json:"glossary_id"`
}

func (s *Server) translate(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		s.Unexpected(w, r, "Content-Type %q", ct)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if len(body) > 128<<10 {
		s.OverLimit(w, servertest.Reply{Status: http.StatusRequestEntityTooLarge, Message: "Request Entity Too Large"})
		return
	}
	var req request
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.Unexpected(w, r, "body: %v", err)
		return
	}
	switch {
	case len(req.Text) == 0:
		s.Unexpected(w, r, "Parameter 'text' not specified.")
		return
	case len(req.Text) > 50:
		s.OverLimit(w, servertest.Reply{Status: http.StatusRequestEntityTooLarge, Message: "Too many texts: at most 50 a request"})
		return
	case req.SourceLang != "" && !slices.Contains(Sources, req.SourceLang),
		!slices.Contains(Targets, req.TargetLang) && req.TargetLang != "EN" && req.TargetLang != "PT":
		s.WriteError(w, servertest.Reply{Status: http.StatusBadRequest, Message: "Value for 'target_lang' not supported."})
		return
	case req.Formality != "" && !slices.Contains([]string{"default", "more", "less", "prefer_more", "prefer_less"}, req.Formality):
		s.Unexpected(w, r, "Value for 'formality' not supported.")
		return
	case req.Formality == "more" || req.Formality == "less":
		if strings.HasPrefix(req.TargetLang, "EN") {
			s.WriteError(w, servertest.Reply{Status: http.StatusBadRequest, Message: "'formality' is not supported for given 'target_lang'."})
			return
		}
	}
	entries, ok := s.useGlossary(w, r, req.GlossaryID, req.SourceLang, req.TargetLang)
	if !ok {
		return
	}
	xml := req.TagHandling == "xml"
	if req.TagHandling != "" && !xml || xml && !slices.Equal(req.IgnoreTags, []string{"x"}) {
		s.Unexpected(w, r, "tag_handling %q, ignore_tags %q", req.TagHandling, req.IgnoreTags)
		return
	}
	type translation struct {
		DetectedSourceLanguage string `json:"detected_source_language"`
		Text                   string `json:"text"`
	}
	out := make([]translation, len(req.Text))
	for i, t := range req.Text {
		text := servertest.Translate(t)
		if xml {
			var ok bool
			if text, ok = servertest.TranslateMarkup(t, "<x>", "</x>"); !ok || !wellFormed(t) {
				s.WriteError(w, servertest.Reply{Status: http.StatusBadRequest, Message: "Tag handling parsing failed, please check input."})
				return
			}
		}
		out[i] = translation{DetectedSourceLanguage: "FR", Text: applyGlossary(text, entries)}
	}
	servertest.WriteJSON(w, map[string]any{"translations": out})
}

// wellFormed reports whether text is well-formed XML content, as DeepL's
// tag handling v2 requires ("invalid XML (for example, an unclosed tag)
// returns the error Tag handling parsing failed").
func wellFormed(text string) bool {
	d := xml.NewDecoder(strings.NewReader("<deepltest>" + text + "</deepltest>"))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

func languages(s *Server, w http.ResponseWriter, r *http.Request) {
	list := map[string][]string{"source": Sources, "target": Targets}[r.URL.Query().Get("type")]
	if list == nil {
		s.Unexpected(w, r, "type=%q", r.URL.Query().Get("type"))
		return
	}
	type language struct {
		Language          string `json:"language"`
		Name              string `json:"name"`
		SupportsFormality *bool  `json:"supports_formality,omitempty"` // targets only
	}
	out := make([]language, len(list))
	for i, l := range list {
		out[i] = language{Language: l, Name: l}
		if r.URL.Query().Get("type") == "target" {
			formal := !strings.HasPrefix(l, "EN")
			out[i].SupportsFormality = &formal
		}
	}
	servertest.WriteJSON(w, out)
}
