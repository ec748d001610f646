// Package all lists every translation backend diglot ships, for main to
// inject: [Backends] is the one place a new backend is added.
package all

import (
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/apertium"
	"github.com/diglot/diglot/translate/fake"
)

// Backends returns a registry of all backends.
func Backends() *translate.Registry {
	return translate.NewRegistry(
		apertium.Info(),
		fake.Info(),
	)
}
