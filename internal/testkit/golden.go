package testkit

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

// Update is the -update flag of every test binary that imports testkit: it
// rewrites the golden files (and the other test data generated from a source)
// instead of comparing with them.
var Update = flag.Bool("update", false, "rewrite golden files under testdata instead of comparing with them")

// Golden compares got with the golden file at path and fails the test, with a
// unified diff, where they differ; with -update it writes got to path instead.
// A missing or differing golden file does not stop the test.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%v (run go test -update to create it)", err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run go test -update and review the diff:\n%s",
			path, diff.Diff(path, want, "got", got))
	}
}
