package apertium

import (
	"context"
	"encoding/json"
	"fmt"
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

// translateChain sends one text through /translateChain along path, the
// languages of the route joined by "|".
func (c *apyClient) translateChain(ctx context.Context, path, text string) (string, error) {
	form := url.Values{
		"langpairs":   {path},
		"q":           {text},
		"markUnknown": {"yes"},
		"format":      {"txt"},
	}
	u := c.base.JoinPath("translateChain")
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

// joinParagraphs prepares a batch for one APY request: paragraphs separated by
// blank lines, each ended with a full stop if it has no final punctuation, so
// that no sentence, and no word reordering, crosses from one paragraph to the
// next. added says which ones got the full stop.
func joinParagraphs(texts []string) (string, []bool) {
	added := make([]bool, len(texts))
	parts := make([]string, len(texts))
	for i, t := range texts {
		t = strings.Join(strings.Fields(t), " ")
		if !endsSentence(t) {
			t += "."
			added[i] = true
		}
		parts[i] = t
	}
	return strings.Join(parts, "\n\n"), added
}

// splitParagraphs undoes joinParagraphs on a reply; ok is false when the reply
// does not have one paragraph per text.
func splitParagraphs(reply string, added []bool) ([]string, bool) {
	parts := strings.Split(strings.TrimSpace(reply), "\n\n")
	if len(parts) != len(added) {
		return nil, false
	}
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if added[i] {
			p = strings.TrimSuffix(p, ".")
		}
		parts[i] = p
	}
	return parts, true
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " »\"”’')]")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") ||
		strings.HasSuffix(s, "…") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ";")
}
