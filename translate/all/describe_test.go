package all

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestDescribe(t *testing.T) {
	env := map[string]string{"DEEPL_AUTH_KEY": "sk-secret"}
	l := Describe(context.Background(), Backends(), func(k string) string { return env[k] })
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var back Listing
	if err := json.Unmarshal(data, &back); err != nil || back.Schema != Schema || len(back.Backends) != len(Backends().Names()) {
		t.Fatalf("JSON round trip: %v, %+v", err, back)
	}
	if strings.Contains(string(data), "sk-secret") {
		t.Error("the listing holds a credential")
	}
	for _, d := range back.Backends {
		if d.Price.Text == "" || d.Retry.Text == "" || d.Retry.MaxAttempts < 1 {
			t.Errorf("%s: price or retry missing: %+v %+v", d.Name, d.Price, d.Retry)
		}
		switch d.Name {
		case "apertium":
			if d.Price.Text != "free (offline)" {
				t.Errorf("apertium price %q", d.Price.Text)
			}
		case "deepl":
			for _, o := range d.Options {
				if o.Sensitive && (!o.Set || o.Env != "DEEPL_AUTH_KEY") {
					t.Errorf("deepl credential %+v: want set, from DEEPL_AUTH_KEY", o)
				}
			}
		}
	}
}

func TestFlagCode(t *testing.T) {
	for in, want := range map[string]string{"fra": "fr", "eng": "en", "epo": "eo", "es": "es", "xx-not-a-tag-!": "xx-not-a-tag-!"} {
		if got := flagCode(in); got != want {
			t.Errorf("flagCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOptionNotes(t *testing.T) {
	key := Option{Name: "auth-key", Kind: "text", Env: "K", Sensitive: true, Required: true, Set: true}
	if got := strings.Join(key.Notes(), ", "); got != "set, required, secret" {
		t.Errorf("credential notes %q", got)
	}
	to := Option{Name: "timeout", Kind: "duration", Env: "T", Default: "10s", Choices: []string{"a", "b"}}
	if got := strings.Join(to.Notes(), ", "); got != "$T not set, duration, one of a | b, default 10s" {
		t.Errorf("option notes %q", got)
	}
}
