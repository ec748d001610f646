package version

import "runtime/debug"

// Display is the version `diglot version` and the generator fields of the
// outputs show when the build did not set one at link time (main.version):
// the module version of a `go install …@v1.2.0` (or its pseudo-version),
// else "dev-" and the commit the binary was built from ("-dirty" when the
// tree had changes), else "dev". bi and ok are debug.ReadBuildInfo's.
func Display(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return "dev"
	}
	return "dev-" + rev + dirty
}
