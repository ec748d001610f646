package deepltest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/diglot/diglot/translate/internal/servertest"
)

// Glossary is a glossary the fake holds, as DeepL keeps it.
type Glossary struct {
	ID, Name string
	// API is the version of the endpoint that created it: "v2" or "v3".
	API          string
	Dictionaries []Dictionary
	Created      time.Time
	// notReady counts the v2 replies left that say the glossary is not ready.
	notReady int
}

// Dictionary is a glossary's entries for one pair (DeepL's lower-case
// glossary codes), in the order they were given.
type Dictionary struct {
	Source, Target string
	Entries        [][2]string
}

// GlossaryStats is what the fake's glossary endpoints saw.
type GlossaryStats struct {
	Created, Deleted, Lists int
	// Translations lists, for every successful POST /v2/translate, its
	// glossary_id ("" for none).
	Translations []string
}

// Glossaries returns the glossaries the server holds, oldest first.
func (s *Server) Glossaries() []Glossary {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Glossary, len(s.glossaries))
	for i, g := range s.glossaries {
		out[i] = *g
	}
	return out
}

// GlossaryStats returns the counts so far.
func (s *Server) GlossaryStats() GlossaryStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Translations = slices.Clone(st.Translations)
	return st
}

// AddGlossary stores a glossary as if another program of the account had
// created it through v3, and returns its id.
func (s *Server) AddGlossary(name, source, target string, entries [][2]string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.store(name, "v3", []Dictionary{{Source: source, Target: target, Entries: entries}})
	s.stats.Created--
	return g.ID
}

func (s *Server) store(name, api string, dicts []Dictionary) *Glossary {
	n := len(s.glossaries) + s.stats.Deleted + 1
	g := &Glossary{ID: fmt.Sprintf("%08x-3e84-45b3-84ae-%012x", n, n), Name: name, API: api, Dictionaries: dicts, Created: time.Now().UTC()}
	s.glossaries = append(s.glossaries, g)
	s.stats.Created++
	return g
}

func (s *Server) find(id string) (int, *Glossary) {
	for i, g := range s.glossaries {
		if g.ID == id {
			return i, g
		}
	}
	return -1, nil
}

// glossaryEndpoint serves the request if it is one of the glossary
// endpoints, and reports whether it was.
func (s *Server) glossaryEndpoint(w http.ResponseWriter, r *http.Request) bool {
	path := r.URL.Path
	var api, rest string
	switch {
	case strings.HasPrefix(path, "/v3/glossaries"):
		api, rest = "v3", strings.TrimPrefix(path, "/v3/glossaries")
	case strings.HasPrefix(path, "/v2/glossaries"):
		api, rest = "v2", strings.TrimPrefix(path, "/v2/glossaries")
	case path == "/v2/glossary-language-pairs" && r.Method == http.MethodGet:
		s.languagePairs(w)
		return true
	default:
		return false
	}
	if api == "v3" && s.opts.V2Only {
		s.WriteError(w, servertest.Reply{Status: http.StatusNotFound, Message: "Not found"})
		return true
	}
	id, hasID := strings.CutPrefix(rest, "/")
	switch {
	case rest == "" && r.Method == http.MethodGet:
		s.list(w, api)
	case rest == "" && r.Method == http.MethodPost:
		s.create(w, r, api)
	case hasID && id != "" && !strings.Contains(id, "/") && r.Method == http.MethodGet:
		s.mu.Lock()
		var reply any
		if _, g := s.find(id); g != nil {
			reply = s.info(g, api)
		}
		s.mu.Unlock()
		if reply == nil {
			s.WriteError(w, servertest.Reply{Status: http.StatusNotFound, Message: "Glossary not found"})
			return true
		}
		servertest.WriteJSON(w, reply)
	case hasID && id != "" && !strings.Contains(id, "/") && r.Method == http.MethodDelete:
		s.mu.Lock()
		i, g := s.find(id)
		if g != nil {
			s.glossaries = slices.Delete(s.glossaries, i, i+1)
			s.stats.Deleted++
		}
		s.mu.Unlock()
		if g == nil {
			s.WriteError(w, servertest.Reply{Status: http.StatusNotFound, Message: "Glossary not found"})
			return true
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		s.Unexpected(w, r, "no such glossary endpoint")
	}
	return true
}

// info is a glossary as the API version lists it; a v2 reply counts down
// the glossary's not-ready replies. Callers hold s.mu, or own g.
func (s *Server) info(g *Glossary, api string) any {
	if api == "v2" {
		d := g.Dictionaries[0]
		ready := g.notReady == 0
		if !ready {
			g.notReady--
		}
		return map[string]any{"glossary_id": g.ID, "name": g.Name, "ready": ready, "source_lang": d.Source,
			"target_lang": d.Target, "creation_time": g.Created.Format(time.RFC3339), "entry_count": len(d.Entries)}
	}
	dicts := make([]map[string]any, len(g.Dictionaries))
	for i, d := range g.Dictionaries {
		dicts[i] = map[string]any{"source_lang": d.Source, "target_lang": d.Target, "entry_count": len(d.Entries)}
	}
	return map[string]any{"glossary_id": g.ID, "name": g.Name, "dictionaries": dicts, "creation_time": g.Created.Format(time.RFC3339)}
}

func (s *Server) list(w http.ResponseWriter, api string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Lists++
	out := []any{}
	for _, g := range s.glossaries {
		// The v2 endpoints list only glossaries of one dictionary.
		if api == "v3" || len(g.Dictionaries) == 1 {
			out = append(out, s.info(g, api))
		}
	}
	servertest.WriteJSON(w, map[string]any{"glossaries": out})
}

func (s *Server) languagePairs(w http.ResponseWriter) {
	type pair struct {
		Source string `json:"source_lang"`
		Target string `json:"target_lang"`
	}
	var out []pair
	for _, a := range s.opts.GlossaryLangs {
		for _, b := range s.opts.GlossaryLangs {
			if a != b {
				out = append(out, pair{a, b})
			}
		}
	}
	servertest.WriteJSON(w, map[string]any{"supported_languages": out})
}

type dictionaryRequest struct {
	SourceLang    string `json:"source_lang"`
	TargetLang    string `json:"target_lang"`
	Entries       string `json:"entries"`
	EntriesFormat string `json:"entries_format"`
}

// create is POST /v3/glossaries ({name, dictionaries: [...]}) or POST
// /v2/glossaries ({name, source_lang, target_lang, entries,
// entries_format}), checked as DeepL checks them.
func (s *Server) create(w http.ResponseWriter, r *http.Request, api string) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		s.Unexpected(w, r, "Content-Type %q", ct)
		return
	}
	var req struct {
		Name              string              `json:"name"`
		Dictionaries      []dictionaryRequest `json:"dictionaries"` // v3
		dictionaryRequest                     // v2
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 11<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.Unexpected(w, r, "body: %v", err)
		return
	}
	dicts := req.Dictionaries
	if api == "v2" {
		if len(dicts) > 0 {
			s.Unexpected(w, r, "dictionaries is a v3 parameter")
			return
		}
		dicts = []dictionaryRequest{req.dictionaryRequest}
	} else if req.dictionaryRequest != (dictionaryRequest{}) {
		s.Unexpected(w, r, "source_lang, target_lang, entries are inside dictionaries in v3")
		return
	}
	if req.Name == "" || len(req.Name) > 1024 {
		s.Unexpected(w, r, "Missing or invalid argument: name")
		return
	}
	if len(dicts) == 0 {
		s.Unexpected(w, r, "Glossary dictionaries must be provided")
		return
	}
	var made []Dictionary
	for _, d := range dicts {
		src, tgt := strings.ToLower(d.SourceLang), strings.ToLower(d.TargetLang)
		if !slices.Contains(s.opts.GlossaryLangs, src) || !slices.Contains(s.opts.GlossaryLangs, tgt) || src == tgt {
			s.WriteError(w, servertest.Reply{Status: http.StatusBadRequest, Message: "Unsupported glossary source and target language pair"})
			return
		}
		if d.EntriesFormat != "tsv" {
			s.Unexpected(w, r, "entries_format %q: diglot sends tsv", d.EntriesFormat)
			return
		}
		entries, err := parseTSV(d.Entries)
		if err != "" {
			s.Unexpected(w, r, "Invalid glossary entries provided: %s", err)
			return
		}
		made = append(made, Dictionary{Source: src, Target: tgt, Entries: entries})
	}
	s.mu.Lock()
	g := s.store(req.Name, api, made)
	if api == "v2" && s.opts.NotReady > 0 {
		g.notReady = s.opts.NotReady + 1 // the creation reply, then the listings
	}
	reply := s.info(g, api)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(reply)
}

// parseTSV reads entries as DeepL does: one "source<TAB>target" a line,
// both phrases non-empty, without control characters or surrounding
// spaces, at most 1024 bytes, no source twice, at most 10 MiB in all.
func parseTSV(tsv string) ([][2]string, string) {
	if tsv == "" {
		return nil, "Missing or invalid argument: entries"
	}
	if len(tsv) > 10<<20 {
		return nil, "glossary over 10 MiB"
	}
	var out [][2]string
	seen := map[string]bool{}
	for i, line := range strings.Split(tsv, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		src, tgt, ok := strings.Cut(line, "\t")
		if !ok || strings.Contains(tgt, "\t") {
			return nil, fmt.Sprintf("entry %d has not exactly one tab", i)
		}
		for _, p := range []string{src, tgt} {
			if p == "" || len(p) > 1024 || strings.TrimSpace(p) != p ||
				strings.IndexFunc(p, func(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }) >= 0 {
				return nil, fmt.Sprintf("entry %d: invalid phrase %q", i, p)
			}
		}
		if seen[src] {
			return nil, fmt.Sprintf("entry %d duplicates the source %q", i, src)
		}
		seen[src] = true
		out = append(out, [2]string{src, tgt})
	}
	return out, ""
}

// useGlossary checks a translation's glossary_id as DeepL does and returns
// the entries of its dictionary for the pair; it records the request. It
// answers and returns false on a request DeepL refuses.
func (s *Server) useGlossary(w http.ResponseWriter, r *http.Request, id, source, target string) ([][2]string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id == "" {
		s.stats.Translations = append(s.stats.Translations, "")
		return nil, true
	}
	if source == "" {
		s.Unexpected(w, r, "Use of a glossary requires the source_lang parameter to be specified")
		return nil, false
	}
	_, g := s.find(id)
	if g == nil {
		s.Unexpected(w, r, "glossary_id %q: no such glossary", id)
		return nil, false
	}
	if g.notReady > 0 {
		s.Unexpected(w, r, "glossary %s is not ready yet", id)
		return nil, false
	}
	base, _, _ := strings.Cut(strings.ToLower(target), "-")
	for _, d := range g.Dictionaries {
		if d.Source == strings.ToLower(source) && d.Target == base {
			s.stats.Translations = append(s.stats.Translations, id)
			return d.Entries, true
		}
	}
	s.Unexpected(w, r, "glossary %s has no dictionary %s→%s", id, source, target)
	return nil, false
}

// applyGlossary puts each entry's target where its source stands in text,
// outside the ignored <x> elements, as DeepL applies a glossary.
func applyGlossary(text string, entries [][2]string) string {
	if len(entries) == 0 {
		return text
	}
	var b strings.Builder
	for text != "" {
		i := strings.Index(text, "<x>")
		if i < 0 {
			i = len(text)
		}
		out := text[:i]
		for _, e := range entries {
			out = strings.ReplaceAll(out, e[0], e[1])
		}
		b.WriteString(out)
		text = text[i:]
		if text == "" {
			break
		}
		end := strings.Index(text, "</x>")
		if end < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:end+len("</x>")])
		text = text[end+len("</x>"):]
	}
	return b.String()
}
