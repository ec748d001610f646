package check

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunPaths(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Le président Pachinian.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("Le président Pachinian.\n"), 0o644)
	r, err := RunPaths(context.Background(), []string{dir}, Options{From: "fr", To: "en"}, func(name string) bool { return strings.HasSuffix(name, "a.txt") })
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary.Files != 1 {
		t.Errorf("%d files checked, want the one kept", r.Summary.Files)
	}
	_, err = RunPaths(context.Background(), []string{filepath.Join(dir, "missing.xlf")}, Options{From: "fr", To: "en"}, nil)
	var ue *UnreadableError
	if !errors.As(err, &ue) {
		t.Errorf("a missing file: %v, want an *UnreadableError", err)
	}
	if h := RulesHelp(); strings.Count(h, "\n") != len(Rules()) || !strings.Contains(h, "number-mismatch") {
		t.Errorf("RulesHelp:\n%s", h)
	}
}
