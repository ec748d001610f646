package apertium

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/diglot/diglot/translate"
)

// apyMaxChars bounds one APY request. APY cuts a text into pieces of at most
// PIPE_BUF bytes (1,000 characters when more than two clients share a pipe,
// halved again when it prefers a break at punctuation) and translates at most
// ten pieces, dropping the rest without a word; 4,000 characters stays under
// the worst case of that.
const apyMaxChars = 4000

// apyClient talks to an APY server.
type apyClient struct {
	base   *url.URL
	client *http.Client
}

type apyReply struct {
	ResponseData struct {
		TranslatedText string `json:"translatedText"`
	} `json:"responseData"`
	ResponseDetails any    `json:"responseDetails"`
	ResponseStatus  int    `json:"responseStatus"`
	Explanation     string `json:"explanation"`
	Message         string `json:"message"`
}

// translate sends one text through /translate for pair ("fra|spa").
func (c *apyClient) translate(ctx context.Context, pair, text string) (string, error) {
	form := url.Values{
		"langpair":    {pair},
		"q":           {text},
		"markUnknown": {"yes"},
		"format":      {"html"}, // see apyEscape
	}
	u := c.base.JoinPath("translate")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("%w: %v", translate.ErrUnavailable, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return "", fmt.Errorf("%w: reading reply: %v", translate.ErrUnavailable, err)
	}
	var r apyReply
	jsonErr := json.Unmarshal(body, &r)
	switch {
	case resp.StatusCode == http.StatusBadRequest:
		msg := r.Explanation
		if msg == "" {
			msg = r.Message
		}
		if strings.Contains(msg, "No path found") || strings.Contains(msg, "not installed") {
			return "", fmt.Errorf("%w: %s", translate.ErrUnsupportedPair, msg)
		}
		return "", fmt.Errorf("apy: %s", msg)
	case resp.StatusCode == http.StatusTooManyRequests:
		return "", translate.ErrRateLimited
	case resp.StatusCode >= 500:
		return "", fmt.Errorf("%w: HTTP %d", translate.ErrUnavailable, resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return "", fmt.Errorf("apy: HTTP %d", resp.StatusCode)
	case jsonErr != nil:
		return "", fmt.Errorf("%w: %v", translate.ErrBadReply, jsonErr)
	}
	return r.ResponseData.TranslatedText, nil
}

// listPairs asks the server which pairs it has (/listPairs).
func (c *apyClient) listPairs(ctx context.Context) ([]step, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base.JoinPath("listPairs").String(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", translate.ErrUnavailable, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: listPairs: HTTP %d", translate.ErrUnavailable, resp.StatusCode)
	}
	var r struct {
		ResponseData []struct {
			SourceLanguage string `json:"sourceLanguage"`
			TargetLanguage string `json:"targetLanguage"`
		} `json:"responseData"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return nil, fmt.Errorf("%w: listPairs: %v", translate.ErrBadReply, err)
	}
	var steps []step
	for _, p := range r.ResponseData {
		if strings.ContainsAny(p.SourceLanguage+p.TargetLanguage, "_@") {
			continue
		}
		steps = append(steps, step{Mode: p.SourceLanguage + "-" + p.TargetLanguage,
			From: lang3(p.SourceLanguage), To: lang3(p.TargetLanguage)})
	}
	return steps, nil
}

// apyEscaper writes a text as HTML for APY. In APY's reply an unknown word
// is marked with *, # or @ in the text itself, so a literal @Elysee, #MeToo
// or **Erevan** could not be told from a mark and lost its characters with
// the marks. Sent as character references, which Apertium's HTML format
// carries through as superblanks, those characters are never in the reply's
// text: every *, # and @ there is a mark. Local mode gets the same from its
// own stream escapes (see deformat).
var apyEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;",
	"*", "&#42;", "#", "&#35;", "@", "&#64;", "~", "&#126;")

// apyUnescape undoes apyEscaper on a reply whose marks have been removed.
func apyUnescape(s string) string { return html.UnescapeString(s) }

// joinParagraphs prepares a batch for one APY request: paragraphs separated by
// blank lines, each ended with a full stop if it has no final punctuation, so
// that no sentence, and no word reordering, crosses from one paragraph to the
// next. added says which ones got the full stop.
func joinParagraphs(texts []string) ([]string, []bool) {
	added := make([]bool, len(texts))
	parts := make([]string, len(texts))
	for i, t := range texts {
		// Blank lines would end the paragraph: fold ASCII whitespace
		// only, keeping no-break spaces as they are.
		t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return r < 0x80 && isSpace(r) }), " ")
		if !endsSentence(t) {
			t += "."
			added[i] = true
		}
		parts[i] = apyEscaper.Replace(t)
	}
	return parts, added
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " »\"”’')]")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") ||
		strings.HasSuffix(s, "…") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ";")
}
