package translate

import (
	"encoding/json"
	"fmt"
	"log/slog"
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
