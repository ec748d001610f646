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

// credentialNames are the URL query parameters (and form fields) that carry
// credentials: Google's key=, LibreTranslate's api_key=, DeepL's auth_key=,
// OAuth's access_token=, and the usual others.
const credentialNames = `key|api_key|apikey|api-key|auth_key|access_token|token|password|passwd|pwd|secret|client_secret`

// credentialParam matches the value of URL query parameters and auth headers that
// carry credentials: the parameters of credentialNames, Authorization header
// values (Bearer, DeepL-Auth-Key, Basic, Token), and the user information of
// a URL (scheme://user:password@host).
var credentialParam = regexp.MustCompile(`(?i)((?:[?&;]|\b)(?:` + credentialNames + `)=)[^&\s"'<>]+` +
	`|((?:Bearer|DeepL-Auth-Key|Token|(?-i:Basic))\s+)[^\s"'<>]+` +
	`|(\b[a-z][a-z0-9+.-]*://)[^/?#\s"'<>@]*@`)

var credentialQuery = regexp.MustCompile(`(?i)^(?:` + credentialNames + `)$`)

// Redact returns s with every occurrence of each secret (raw and URL-escaped)
// and every credential-carrying URL parameter, auth header value or URL user
// information replaced by [Redacted]. Backends run every error text and log
// line through it: the HTTP client's *url.Error prints the request URL, which
// for Google holds key=, and a server may echo the Authorization header it
// was sent, Basic from an endpoint's user information included.
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
		switch {
		case sub[1] != "":
			return sub[1] + Redacted
		case sub[2] != "":
			return sub[2] + Redacted
		}
		return sub[3] + Redacted + "@"
	})
}

// StripCredentials returns a setting with the credentials a URL in it may
// hold taken out: the user information, and the query parameters that carry
// credentials (key, api_key, auth_key, token, access_token, password…); the
// other parameters stay, in their order. It is for settings that are
// recorded (bitext JSON, the memory's key, run reports): a value that is not
// an absolute URL is returned as [Redact] leaves it.
func StripCredentials(v string) string {
	u, err := url.Parse(v)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return Redact(v)
	}
	u.User = nil
	if u.RawQuery != "" {
		var kept []string
		for _, kv := range strings.FieldsFunc(u.RawQuery, func(r rune) bool { return r == '&' || r == ';' }) {
			name, _, _ := strings.Cut(kv, "=")
			if n, err := url.QueryUnescape(name); err == nil {
				name = n
			}
			if !credentialQuery.MatchString(name) {
				kept = append(kept, kv)
			}
		}
		u.RawQuery = strings.Join(kept, "&")
	}
	return Redact(u.String())
}
