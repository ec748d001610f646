package main

import (
	"runtime/debug"

	ver "github.com/diglot/diglot/internal/version"
)

func init() {
	if version == "" {
		version = ver.Display(debug.ReadBuildInfo())
	}
}
