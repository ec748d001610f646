// Package all lists every translation backend diglot ships, for main to
// inject: [Backends] is the one place a new backend is added.
package all

import (
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/apertium"
	"github.com/diglot/diglot/translate/deepl"
	"github.com/diglot/diglot/translate/fake"
	"github.com/diglot/diglot/translate/google"
	"github.com/diglot/diglot/translate/libre"
	"github.com/diglot/diglot/translate/openai"
)

// Backends returns a registry of all backends.
func Backends() *translate.Registry {
	return translate.NewRegistry(
		apertium.Info(),
		deepl.Info(),
		fake.Info(),
		google.Info(),
		libre.Info(),
		openai.Info(),
	)
}
