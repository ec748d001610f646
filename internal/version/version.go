// Package version says which diglot this is: [String] is the version from
// the build information (the module version `go install` records, or one
// given at link time), and [UserAgent] is how diglot names itself to the
// servers it calls.
package version

import (
	"runtime/debug"
	"sync"
)

// Project is the project's address, given in the User-Agent.
const Project = "https://github.com/diglot/diglot"

// linked is set at link time by a release build:
//
//	go build -ldflags "-X github.com/diglot/diglot/internal/version.linked=v1.2.3"
var linked string

var read = sync.OnceValue(func() string {
	if linked != "" {
		return linked
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		return fromBuild(bi)
	}
	return "devel"
})

// fromBuild is the version recorded in bi: the module's version when it was
// installed with `go install …@version`, else "devel" with the VCS revision
// when there is one.
func fromBuild(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	v := "devel"
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += "-" + s.Value[:12]
		}
	}
	return v
}

// String returns diglot's version: "v1.2.3", or "devel" (with the commit,
// when the build recorded it) for a build from a checkout.
func String() string { return read() }

// UserAgent is the User-Agent header of every HTTP request diglot makes:
// "diglot/VERSION (+https://github.com/diglot/diglot)", as DeepL asks
// integrations to identify themselves.
func UserAgent() string { return "diglot/" + String() + " (+" + Project + ")" }
