package version

import (
	"runtime/debug"
	"testing"
)

func TestDisplay(t *testing.T) {
	rev := debug.BuildSetting{Key: "vcs.revision", Value: "0123456789abcdef"}
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, "dev"},
		{"go install @version", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, true, "v1.2.0"},
		{"checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{rev}}, true, "dev-0123456789ab"},
		{"dirty checkout", &debug.BuildInfo{Settings: []debug.BuildSetting{rev, {Key: "vcs.modified", Value: "true"}}}, true, "dev-0123456789ab-dirty"},
		{"no vcs", &debug.BuildInfo{}, true, "dev"},
	}
	for _, tt := range tests {
		if got := Display(tt.bi, tt.ok); got != tt.want {
			t.Errorf("%s: Display = %q, want %q", tt.name, got, tt.want)
		}
	}
}
