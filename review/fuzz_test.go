package review

import (
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCleanPath checks that a path the server accepts stays inside the
// folder once joined to it, and names an article record.
func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"a.fr-en.json", "../a.fr-en.json", "/etc/a.fr-en.json", `a\..\b.fr-en.json`, "a/./b.fr-en.json", "C:a.fr-en.json", "a.fr-en.previous.json"} {
		f.Add(s)
	}
	out := filepath.FromSlash("/srv/out")
	f.Fuzz(func(t *testing.T, p string) {
		c, err := cleanPath(p)
		if err != nil {
			return
		}
		joined := filepath.Join(out, filepath.FromSlash(c))
		if !strings.HasPrefix(joined, out+string(filepath.Separator)) {
			t.Fatalf("%q accepted, joins to %q outside %q", p, joined, out)
		}
		if !strings.HasSuffix(c, ".json") || strings.HasSuffix(c, ".previous.json") || strings.Contains(c, "..") && strings.Contains("/"+c+"/", "/../") {
			t.Fatalf("%q accepted as %q", p, c)
		}
	})
}
