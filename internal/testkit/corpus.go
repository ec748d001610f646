package testkit

import (
	"os"
	"path/filepath"
	"testing"
)

// Corpus returns the path of elem in the shared corpus, ../shared/corpus
// beside the module root, or skips the test (or benchmark) when it is absent:
// the corpus is third-party test data that lives outside the repository.
func Corpus(t testing.TB, elem ...string) string {
	t.Helper()
	path, err := CorpusPath(elem...)
	if err != nil {
		t.Fatal(err)
		return ""
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared corpus not available (%v): third-party test data lives outside the repository, in ../shared/corpus beside the module root", err)
	}
	return path
}

// CorpusPath returns the path of elem in the shared corpus whether it exists
// or not, for tests that use it when it is there (fuzz seeds) and go on
// without it.
func CorpusPath(elem ...string) (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(append([]string{root, "..", "shared", "corpus"}, elem...)...), nil
}

// ModuleRoot returns the folder of the go.mod that governs the working
// directory: the nearest one found walking up from it.
func ModuleRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", &os.PathError{Op: "find module root", Path: wd, Err: os.ErrNotExist}
		}
	}
}
