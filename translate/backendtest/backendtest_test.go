package backendtest_test

import (
	"testing"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/backendtest"
	"github.com/diglot/diglot/translate/fake"
)

// The offline fake runs the cases that need no server.
func TestFake(t *testing.T) {
	backendtest.Run(t, func(t *testing.T) *backendtest.Harness {
		return &backendtest.Harness{
			Backend: &fake.Backend{Lim: translate.Limits{MaxSegmentChars: 5000}},
			Want:    fake.Words,
		}
	})
}
