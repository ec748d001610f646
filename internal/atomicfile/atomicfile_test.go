package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestSetWritesNothingUntilCommit(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "x", "a.json"), filepath.Join(dir, "x", "a.html")
	var s Set
	for _, p := range []string{a, b} {
		if err := s.Add(p, func(w io.Writer) error { _, err := io.WriteString(w, "ok"); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(a); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s exists before Commit", a)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{a, b} {
		if data, err := os.ReadFile(p); err != nil || string(data) != "ok" {
			t.Errorf("%s = %q, %v", p, data, err)
		}
	}
	assertOnly(t, filepath.Join(dir, "x"), 2)
}

func TestFailedFillLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("render failed")
	})
	if err == nil {
		t.Fatal("Write succeeded")
	}
	assertOnly(t, dir, 0)
}

func assertOnly(t *testing.T, dir string, n int) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != n {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("%s holds %v, want %d files", dir, names, n)
	}
}
