package translate

import (
	"errors"
	"testing"
)

func TestRegistryNewChecksOptions(t *testing.T) {
	built := 0
	reg := NewRegistry(Info{
		Name: "deepl",
		Options: []Option{
			{Name: "auth-key", Env: "KEY", Sensitive: true, Required: true},
			{Name: "formality", Choices: []string{"default", "more", "less"}},
			{Name: "timeout", Kind: KindDuration, Default: "10s"},
			{Name: "in-flight", Kind: KindInt, Default: "4"},
			{Name: "strict", Kind: KindBool, Default: "false"},
		},
		New: func(Config) (Backend, error) { built++; return nil, nil },
	})
	env := func(k string) string {
		if k == "KEY" {
			return "secret"
		}
		return ""
	}
	tests := []struct {
		name    string
		backend string
		opts    map[string]string
		getenv  func(string) string
		want    string
	}{
		{"valid", "deepl", map[string]string{"formality": "more", "timeout": "3s", "in-flight": "2", "strict": "true"}, env, ""},
		{"unknown backend", "deeppl", nil, env, `unknown backend "deeppl" (available: deepl)`},
		{"unknown option", "deepl", map[string]string{"formalty": "more"}, env, `backend deepl: no option "formalty" (options: auth-key, formality, timeout, in-flight, strict)`},
		{"credential as option", "deepl", map[string]string{"auth-key": "x"}, env, `backend deepl: option auth-key: is a credential: set $KEY instead`},
		{"required", "deepl", nil, func(string) string { return "" }, `backend deepl: option auth-key: is required (or $KEY)`},
		{"choices", "deepl", map[string]string{"formality": "x"}, env, `backend deepl: option formality: "x" is not one of default, more, less`},
		{"duration", "deepl", map[string]string{"timeout": "10"}, env, `backend deepl: option timeout: "10" is not a duration`},
		{"count", "deepl", map[string]string{"in-flight": "-1"}, env, `backend deepl: option in-flight: "-1" is not a count`},
		{"bool", "deepl", map[string]string{"strict": "maybe"}, env, `backend deepl: option strict: "maybe" is not a true or false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := built
			_, err := reg.New(tt.backend, Config{Options: tt.opts, Getenv: tt.getenv})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Fatalf("err = %q, want %q", got, tt.want)
			}
			if (err == nil) != (built == before+1) {
				t.Errorf("backend built %d times with err %v", built-before, err)
			}
			var oe *OptionError
			if err != nil && tt.backend == "deepl" && !errors.As(err, &oe) {
				t.Errorf("%v is not an *OptionError", err)
			}
		})
	}
}

func TestConfigTypedGetters(t *testing.T) {
	o := Option{Name: "n", Kind: KindInt, Default: "4"}
	d := Option{Name: "d", Kind: KindDuration, Default: "10s"}
	c := Config{Options: map[string]string{"n": "7", "d": "bad"}, Getenv: func(string) string { return "" }}
	if c.Int(o) != 7 || c.Duration(d).String() != "10s" {
		t.Errorf("Int = %d, Duration = %v", c.Int(o), c.Duration(d))
	}
}
