package translate

import (
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
)

// Redacted is what a [Secret] prints and what [Redact] puts in place of one.
const Redacted = "[redacted]"

// Secret is a credential. It prints as [Redacted] through fmt (every verb),
// encoding/json and log/slog, so a config or error that holds one cannot leak it
// by accident; convert it with string(s) where the real value is needed.
type Secret string

func (Secret) String() string               { return Redacted }
func (Secret) GoString() string             { return `translate.Secret("` + Redacted + `")` }
func (Secret) Format(f fmt.State, _ rune)   { _, _ = f.Write([]byte(Redacted)) }
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + Redacted + `"`), nil }
func (Secret) MarshalText() ([]byte, error) { return []byte(Redacted), nil }
func (Secret) LogValue() slog.Value         { return slog.StringValue(Redacted) }

// credentialParam matches the value of URL query parameters and auth headers that
// carry credentials: Google's key=, LibreTranslate's api_key=, OAuth's
// access_token=, and Authorization header values.
var credentialParam = regexp.MustCompile(`(?i)((?:[?&;]|\b)(?:key|api_key|apikey|auth_key|access_token|token)=)[^&\s"'<>]+|((?:Bearer|DeepL-Auth-Key)\s+)[^\s"'<>]+`)

// Redact returns s with every occurrence of each secret (raw and URL-escaped)
// and every credential-carrying URL parameter or auth header value replaced by
// [Redacted]. Backends run every error text and log line through it: the HTTP
// client's *url.Error prints the request URL, which for Google holds key=.
func Redact(s string, secrets ...string) string {
	for _, sec := range secrets {
		if sec == "" {
			continue
		}
		s = strings.ReplaceAll(s, sec, Redacted)
		if esc := url.QueryEscape(sec); esc != sec {
			s = strings.ReplaceAll(s, esc, Redacted)
		}
	}
	return credentialParam.ReplaceAllStringFunc(s, func(m string) string {
		sub := credentialParam.FindStringSubmatch(m)
		if sub[1] != "" {
			return sub[1] + Redacted
		}
		return sub[2] + Redacted
	})
}
