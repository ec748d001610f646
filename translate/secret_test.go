package translate

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
)

const testKey = "sk-SECRET-4f9a2c"

func TestSecretNeverPrints(t *testing.T) {
	s := Secret(testKey)
	cfg := struct {
		Name string
		Key  Secret
	}{"deepl", s}
	js, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("config", "key", s)
	outputs := map[string]string{
		"%v":   fmt.Sprintf("%v", s),
		"%s":   fmt.Sprintf("%s", s),
		"%q":   fmt.Sprintf("%q", s),
		"%x":   fmt.Sprintf("%x", s),
		"%+v":  fmt.Sprintf("%+v", cfg),
		"%#v":  fmt.Sprintf("%#v", cfg),
		"json": string(js),
		"slog": logged.String(),
	}
	for name, out := range outputs {
		t.Run(name, func(t *testing.T) {
			if strings.Contains(out, testKey) || !strings.Contains(out, Redacted) {
				t.Errorf("%s printed %q", name, out)
			}
		})
	}
	if string(s) != testKey {
		t.Errorf("string(s) = %q, want the value", string(s))
	}
}

func TestRedact(t *testing.T) {
	tests := []struct {
		name, in, want string
		secrets        []string
	}{
		{"google url", `Get "https://translation.googleapis.com/language/translate/v2?alt=json&key=AIzaXYZ&q=Le"`,
			`Get "https://translation.googleapis.com/language/translate/v2?alt=json&key=[redacted]&q=Le"`, nil},
		{"key first", "/v2?key=abc", "/v2?key=[redacted]", nil},
		{"libre form", "api_key=abc&q=x", "api_key=[redacted]&q=x", nil},
		{"bearer", "Authorization: Bearer sk-123 rest", "Authorization: Bearer [redacted] rest", nil},
		{"deepl header", "DeepL-Auth-Key 1234:fx", "DeepL-Auth-Key [redacted]", nil},
		{"named secret", "bad key " + testKey + " refused", "bad key [redacted] refused", []string{testKey}},
		{"escaped secret", "q=a%2Bb%2Fc", "q=[redacted]", []string{"a+b/c"}},
		{"empty secret ignored", "nothing here", "nothing here", []string{""}},
		{"monkey is not a key", "monkey=banana", "monkey=banana", nil},
		{"basic header", "echo: Authorization: Basic dTpQQVNT.", "echo: Authorization: Basic [redacted]", nil},
		{"basic the word", "basic English", "basic English", nil},
		{"user info", `Post "http://u:PASS@127.0.0.1:5000/translate": refused`, `Post "http://[redacted]@127.0.0.1:5000/translate": refused`, nil},
		{"password param", "https://h/v1?password=p4ss&x=1", "https://h/v1?password=[redacted]&x=1", nil},
		{"fragment token", "https://h/cb#access_token=t0k", "https://h/cb#access_token=[redacted]", nil},
		{"an at sign in a path is no user info", "https://h/@me", "https://h/@me", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in, tt.secrets...); got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzRedact(f *testing.F) {
	f.Add("https://x/v2?key=abc&q=1", "abc")
	f.Add("Bearer tok", "tok")
	f.Fuzz(func(t *testing.T, s, secret string) {
		// An alphanumeric secret cannot straddle the brackets of [redacted], so
		// no occurrence may survive.
		if len(secret) < 4 || strings.Contains(Redacted, secret) || strings.IndexFunc(secret, notAlnum) >= 0 {
			return
		}
		if got := Redact(s, secret); strings.Contains(got, secret) {
			t.Errorf("Redact(%q, %q) = %q still holds the secret", s, secret, got)
		}
	})
}

func notAlnum(r rune) bool {
	return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
}

func TestStripCredentials(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://u:PASS@host/v1?api_key=KEY", "http://host/v1"},
		{"https://h/v1?api-version=2024-06&key=K&token=T", "https://h/v1?api-version=2024-06"},
		{"https://h/v1?Access_Token=T&AUTH_KEY=A&x=1&password=p", "https://h/v1?x=1"},
		{"https://h/v1?api%5Fkey=K", "https://h/v1"},
		{"http://localhost:11434/v1", "http://localhost:11434/v1"},
		{"more", "more"},
		{"gpt-4o-mini", "gpt-4o-mini"},
		{"not a url but key=K", "not a url but key=[redacted]"},
	}
	for _, tt := range tests {
		if got := StripCredentials(tt.in); got != tt.want {
			t.Errorf("StripCredentials(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzURLRedaction builds URLs that hold credentials (user information, a
// credential parameter) from arbitrary values: neither Redact, which prints,
// nor StripCredentials, which records, may leave any of them in, raw or
// escaped.
func FuzzURLRedaction(f *testing.F) {
	f.Add("u", "PASS-word", "api_key", "KEY-value", "/v1", "x=1")
	f.Add("", "p@ss:w/rd", "token", "t%2Fk&n", "", "")
	f.Add("user name", "söme", "password", "a b+c", "/a@b", "key=")
	names := []string{"key", "api_key", "apikey", "api-key", "auth_key", "access_token", "token", "password", "passwd", "pwd", "secret", "client_secret"}
	f.Fuzz(func(t *testing.T, user, pass, name, value, p, other string) {
		credName := names[len(name)%len(names)]
		if strings.ContainsAny(name, "Aa") {
			credName = strings.ToUpper(credName)
		}
		u := &url.URL{Scheme: "https", Host: "api.example.com:8443", Path: p, User: url.UserPassword(user, pass)}
		q := url.Values{}
		q.Set(credName, value)
		u.RawQuery = q.Encode()
		if o, err := url.ParseQuery(other); err == nil && len(o) > 0 && !strings.ContainsAny(other, "\x00") {
			u.RawQuery = other + "&" + u.RawQuery
		}
		raw := u.String()
		for _, how := range []struct {
			name string
			out  string
		}{{"Redact", Redact("Post \"" + raw + "\": connection refused")}, {"StripCredentials", StripCredentials(raw)}} {
			for _, sec := range []string{pass, value} {
				if len(sec) < 4 || strings.Contains("Post \"https://api.example.com:8443"+p+"?"+other+"\": connection refused "+Redacted, sec) {
					continue // it may be in the text for another reason
				}
				for _, form := range []string{sec, url.QueryEscape(sec), url.PathEscape(sec), (&url.URL{User: url.UserPassword("", sec)}).String()[3:]} {
					if strings.Contains(how.out, form) {
						t.Fatalf("%s(%q) = %q holds %q", how.name, raw, how.out, form)
					}
				}
			}
		}
	})
}
