package deepl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/translate"
)

var (
	_ translate.GlossaryUser   = (*Client)(nil)
	_ translate.GlossaryPruner = (*Client)(nil)
)

// Limits of DeepL's glossaries, from its documentation.
const (
	MaxGlossaryBytes = 10 << 20 // the entries of one glossary
	MaxTermBytes     = 1024     // one source or target phrase
)

// Entry is one line of a DeepL glossary.
type Entry struct{ Source, Target string }

// Entries turns terms into DeepL glossary entries: one per source form, so
// that the variants of a term are entries of their own. Control characters
// and line breaks (which DeepL refuses) become spaces, runs of spaces one,
// and both ends are trimmed; a phrase left empty or over [MaxTermBytes] is
// dropped with its entry. A source given twice is kept once, with the
// smallest target. The entries are sorted by source: the same terms give the
// same entries in any order.
func Entries(terms []translate.Term) []Entry {
	var out []Entry
	for _, t := range terms {
		target := cleanTerm(t.Target)
		if target == "" || len(target) > MaxTermBytes {
			continue
		}
		for _, s := range t.Sources {
			if s = cleanTerm(s); s != "" && len(s) <= MaxTermBytes {
				out = append(out, Entry{Source: s, Target: target})
			}
		}
	}
	slices.SortFunc(out, func(a, b Entry) int {
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return strings.Compare(a.Target, b.Target)
	})
	return slices.CompactFunc(out, func(a, b Entry) bool { return a.Source == b.Source })
}

// cleanTerm makes s a phrase DeepL accepts: no control character (C0, C1)
// and no line or paragraph separator, single spaces, no space at either end.
func cleanTerm(s string) string {
	if plainPhrase(s) {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
	}), " ")
}

// plainPhrase reports whether s is already clean: printable ASCII and
// letters beyond it, single spaces, none at either end (most glossaries'
// phrases).
func plainPhrase(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < ' ' || c == 0x7f:
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError {
				return false
			}
			i += n
			continue
		}
		i++
	}
	return true
}

// tsv is the entries in DeepL's tab-separated format.
func tsv(entries []Entry) string {
	var b strings.Builder
	for i, e := range entries {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Source + "\t" + e.Target)
	}
	return b.String()
}

// GlossaryName is the name diglot gives the glossary of entries for a pair
// (DeepL's glossary codes, "fr" and "en"): "diglot-" and the first 16 hex
// digits of a SHA-256 over the pair and the entries. A run whose glossary
// has not changed finds its glossary by this name instead of creating one.
func GlossaryName(source, target string, entries []Entry) string {
	h := sha256.New()
	fmt.Fprintf(h, "diglot.deepl-glossary/v1\n%s\t%s\n%s", source, target, tsv(entries))
	return namePrefix + hex.EncodeToString(h.Sum(nil))[:16]
}

const namePrefix = "diglot-"

// ownName matches the names of the glossaries diglot creates.
var ownName = regexp.MustCompile(`^diglot-[0-9a-f]{16}$`)

// glossaryLangs are DeepL's glossary codes for a pair: lower case, the
// target without its variant (a glossary for "en" serves EN-GB and EN-US).
func (c *Client) glossaryLangs(from, to string) (string, string) {
	target, _, _ := strings.Cut(TargetLang(to, c.variant), "-")
	return strings.ToLower(SourceLang(from)), strings.ToLower(target)
}

// glossaryFor is the id of the glossary in use for a pair, or "".
func (c *Client) glossaryFor(from, to string) string {
	src, tgt := c.glossaryLangs(from, to)
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.glossaryIDs[src+">"+tgt]
}

// UseGlossary implements [translate.GlossaryUser]: it finds the glossary
// diglot made for these entries and this pair on the account, or creates it
// (through the v3 endpoints where the server has them, else v2), and sends
// its glossary_id with every translation of the pair. Protected spans still
// travel as ignored tags: DeepL applies its glossary to the text around
// them, and inflects the entries where the text has no span (a form the
// glossary matcher does not know). A pair the v2 glossaries do not serve
// gets no glossary.
func (c *Client) UseGlossary(ctx context.Context, from, to string, terms []translate.Term) error {
	src, tgt := c.glossaryLangs(from, to)
	entries := Entries(terms)
	if len(entries) == 0 {
		return nil
	}
	body := tsv(entries)
	if len(body) > MaxGlossaryBytes {
		return fmt.Errorf("deepl: glossary: %d entries take %d bytes, over DeepL's %d", len(entries), len(body), MaxGlossaryBytes)
	}
	name := GlossaryName(src, tgt, entries)
	list, err := c.listGlossaries(ctx)
	if err != nil {
		return err
	}
	id := ""
	for _, g := range list {
		if g.name == name && g.has(src, tgt, len(entries)) {
			if !g.ready {
				return notReady(name)
			}
			id = g.id
			break
		}
	}
	if id == "" {
		if id, err = c.createGlossary(ctx, name, src, tgt, body); err != nil || id == "" {
			return err
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.glossaryIDs == nil {
		c.glossaryIDs = map[string]string{}
	}
	c.glossaryIDs[src+">"+tgt] = id
	return nil
}

// PruneGlossaries implements [translate.GlossaryPruner]: it deletes every
// glossary named as diglot names them ([GlossaryName]) except those of keep,
// and leaves every other glossary of the account alone.
func (c *Client) PruneGlossaries(ctx context.Context, keep []translate.GlossarySet) ([]string, error) {
	kept := map[string]bool{}
	for _, k := range keep {
		src, tgt := c.glossaryLangs(k.From, k.To)
		kept[GlossaryName(src, tgt, Entries(k.Terms))] = true
	}
	list, err := c.listGlossaries(ctx)
	if err != nil {
		return nil, err
	}
	var deleted []string
	for _, g := range list {
		if !ownName.MatchString(g.name) || kept[g.name] {
			continue
		}
		x := c.exchange(http.MethodDelete, "/"+c.glossaryAPI()+"/glossaries/"+url.PathEscape(g.id), nil)
		err := c.Attempt(ctx, func(ctx context.Context) error { return x.Do(ctx, nil) })
		if err != nil && !isStatus(err, http.StatusNotFound) {
			return deleted, fmt.Errorf("deleting glossary %s: %w", g.name, err)
		}
		deleted = append(deleted, g.name+" ("+g.id+")")
	}
	return deleted, nil
}

// remoteGlossary is a glossary of the account, as either API version lists it.
type remoteGlossary struct {
	id, name string
	dicts    []dictionary
	// ready is false for a v2 glossary DeepL is still preparing, which
	// translations cannot use yet.
	ready bool
}

type dictionary struct {
	Source  string `json:"source_lang"`
	Target  string `json:"target_lang"`
	Entries int    `json:"entry_count"`
}

func (g remoteGlossary) has(src, tgt string, entries int) bool {
	return slices.ContainsFunc(g.dicts, func(d dictionary) bool {
		return strings.EqualFold(d.Source, src) && strings.EqualFold(d.Target, tgt) && d.Entries == entries
	})
}

// glossaryAPI is the API version of the glossary endpoints: "v3" until the
// server has answered 404 to them.
func (c *Client) glossaryAPI() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.v2Glossaries {
		return "v2"
	}
	return "v3"
}

// listGlossaries lists the account's glossaries: GET /v3/glossaries, or
// /v2/glossaries when the server does not have the v3 endpoints.
func (c *Client) listGlossaries(ctx context.Context) ([]remoteGlossary, error) {
	if c.glossaryAPI() == "v3" {
		var r struct {
			Glossaries []struct {
				ID           string       `json:"glossary_id"`
				Name         string       `json:"name"`
				Dictionaries []dictionary `json:"dictionaries"`
			} `json:"glossaries"`
		}
		x := c.exchange(http.MethodGet, "/v3/glossaries", nil)
		err := c.Attempt(ctx, func(ctx context.Context) error { return x.Do(ctx, &r) })
		if err == nil {
			out := make([]remoteGlossary, len(r.Glossaries))
			for i, g := range r.Glossaries {
				out[i] = remoteGlossary{id: g.ID, name: g.Name, dicts: g.Dictionaries, ready: true}
			}
			return out, nil
		}
		if !isStatus(err, http.StatusNotFound) {
			return nil, fmt.Errorf("listing glossaries: %w", err)
		}
		c.mu.Lock()
		c.v2Glossaries = true
		c.mu.Unlock()
	}
	var r struct {
		Glossaries []struct {
			ID      string `json:"glossary_id"`
			Name    string `json:"name"`
			Ready   bool   `json:"ready"`
			Source  string `json:"source_lang"`
			Target  string `json:"target_lang"`
			Entries int    `json:"entry_count"`
		} `json:"glossaries"`
	}
	x := c.exchange(http.MethodGet, "/v2/glossaries", nil)
	if err := c.Attempt(ctx, func(ctx context.Context) error { return x.Do(ctx, &r) }); err != nil {
		return nil, fmt.Errorf("listing glossaries: %w", err)
	}
	out := make([]remoteGlossary, len(r.Glossaries))
	for i, g := range r.Glossaries {
		out[i] = remoteGlossary{id: g.ID, name: g.Name, ready: g.Ready,
			dicts: []dictionary{{Source: g.Source, Target: g.Target, Entries: g.Entries}}}
	}
	return out, nil
}

// createGlossary creates the glossary and returns its id; "" (and no error)
// when the v2 glossaries do not serve the pair.
func (c *Client) createGlossary(ctx context.Context, name, src, tgt, entries string) (string, error) {
	type dict struct {
		Source  string `json:"source_lang"`
		Target  string `json:"target_lang"`
		Entries string `json:"entries"`
		Format  string `json:"entries_format"`
	}
	var r struct {
		ID    string `json:"glossary_id"`
		Ready *bool  `json:"ready"` // v2 only
	}
	var x = c.exchange(http.MethodPost, "/v3/glossaries", struct {
		Name         string `json:"name"`
		Dictionaries []dict `json:"dictionaries"`
	}{name, []dict{{src, tgt, entries, "tsv"}}})
	if c.glossaryAPI() == "v2" {
		ok, err := c.v2Pair(ctx, src, tgt)
		if err != nil || !ok {
			return "", err
		}
		x = c.exchange(http.MethodPost, "/v2/glossaries", struct {
			Name string `json:"name"`
			dict
		}{name, dict{src, tgt, entries, "tsv"}})
	}
	if err := c.Attempt(ctx, func(ctx context.Context) error { return x.Do(ctx, &r) }); err != nil {
		return "", fmt.Errorf("creating glossary %s: %w", name, err)
	}
	if r.ID == "" {
		return "", fmt.Errorf("creating glossary %s: %w: no glossary_id in the reply", name, translate.ErrBadReply)
	}
	if r.Ready != nil && !*r.Ready {
		return "", notReady(name)
	}
	return r.ID, nil
}

// notReady is the error for a v2 glossary DeepL is still preparing: it is
// retried, with the backend's policy, and the retry finds the glossary by
// its name instead of creating another.
func notReady(name string) error {
	return fmt.Errorf("deepl: glossary %s is not ready yet: %w", name, translate.ErrUnavailable)
}

// v2Pair reports whether GET /v2/glossary-language-pairs lists the pair.
func (c *Client) v2Pair(ctx context.Context, src, tgt string) (bool, error) {
	var r struct {
		Pairs []struct {
			Source string `json:"source_lang"`
			Target string `json:"target_lang"`
		} `json:"supported_languages"`
	}
	x := c.exchange(http.MethodGet, "/v2/glossary-language-pairs", nil)
	if err := c.Attempt(ctx, func(ctx context.Context) error { return x.Do(ctx, &r) }); err != nil {
		return false, fmt.Errorf("listing glossary language pairs: %w", err)
	}
	for _, p := range r.Pairs {
		if strings.EqualFold(p.Source, src) && strings.EqualFold(p.Target, tgt) {
			return true, nil
		}
	}
	return false, nil
}

func isStatus(err error, status int) bool {
	var se *translate.StatusError
	return errors.As(err, &se) && se.Status == status
}
