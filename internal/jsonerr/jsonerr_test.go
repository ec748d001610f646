package jsonerr

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestTypeText(t *testing.T) {
	type backend struct{ Name string }
	type doc struct {
		Backend  backend  `json:"backend"`
		Segments []string `json:"segments"`
		Count    int      `json:"count"`
		Dry      bool     `json:"dry"`
	}
	tests := []struct{ in, want string }{
		{`{"backend": "apertium"}`, `"backend" is a string, want an object`},
		{`{"segments": {}}`, `"segments" is an object, want an array`},
		{`{"count": 1.5}`, `"count" is number 1.5, want a whole number`},
		{`{"dry": "yes"}`, `"dry" is a string, want true or false`},
		{`[]`, `the document is an array, want an object`},
	}
	for _, tt := range tests {
		var d doc
		var te *json.UnmarshalTypeError
		if err := json.Unmarshal([]byte(tt.in), &d); !errors.As(err, &te) {
			t.Fatalf("%s: %v, want a type error", tt.in, err)
		}
		got := TypeText(te)
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.in, got, tt.want)
		}
		if strings.Contains(got, "Go ") || strings.Contains(got, "jsonerr.") {
			t.Errorf("%s: %q names a Go type", tt.in, got)
		}
	}
}

func TestPlain(t *testing.T) {
	var v struct {
		Backend struct{ Name string } `json:"backend"`
	}
	err := json.Unmarshal([]byte(`{"backend": "x"}`), &v)
	got := Plain(fmt.Errorf("a.fr-en.json: %w", err))
	if strings.Contains(got, "Go struct") || !strings.HasPrefix(got, "a.fr-en.json: not a bitext JSON document: ") {
		t.Errorf("Plain = %q", got)
	}
	if got := Plain(errors.New("plain")); got != "plain" {
		t.Errorf("Plain(plain) = %q", got)
	}
}
