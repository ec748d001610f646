package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestFromBuild(t *testing.T) {
	tests := []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"go install at a version", debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{"pseudo-version", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260101000000-abcdef123456"}}, "v0.0.0-20260101000000-abcdef123456"},
		{"checkout with vcs", debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "f5b7eb7aaaaabbbbbcccccdddd"}}}, "devel-f5b7eb7aaaaa"},
		{"checkout without vcs", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fromBuild(&tt.bi); got != tt.want {
				t.Errorf("fromBuild = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUserAgent(t *testing.T) {
	ua := UserAgent()
	if !strings.HasPrefix(ua, "diglot/"+String()+" ") || !strings.HasSuffix(ua, "(+https://github.com/diglot/diglot)") {
		t.Errorf("UserAgent = %q", ua)
	}
	if String() == "" {
		t.Error("String is empty")
	}
}
