package backendtest_test

import (
	"os/exec"
	"testing"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/apertium"
	"github.com/diglot/diglot/translate/backendtest"
)

// The offline default runs the cases that need no server, when Apertium is
// installed.
func TestApertium(t *testing.T) {
	if _, err := exec.LookPath("apertium"); err != nil {
		t.Skip("apertium is not installed (the project's setup script installs it)")
	}
	backendtest.Run(t, func(t *testing.T) *backendtest.Harness {
		b, err := apertium.New(translate.Config{})
		if err != nil {
			t.Fatal(err)
		}
		if c, ok := b.(interface{ Close() error }); ok {
			t.Cleanup(func() { _ = c.Close() })
		}
		return &backendtest.Harness{Backend: b}
	})
}
