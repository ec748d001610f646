package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures and skips instead of
// acting on them.
type recorder struct {
	testing.TB
	errors, skips []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, a...))
}
func (r *recorder) Skipf(format string, a ...any) {
	r.skips = append(r.skips, fmt.Sprintf(format, a...))
}

func TestGolden(t *testing.T) {
	if *Update {
		t.Skip("-update rewrites golden files: nothing to check")
	}
	path := filepath.Join(t.TempDir(), "sub", "a.golden")

	r := &recorder{TB: t}
	Golden(r, path, []byte("x\n"))
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "run go test -update to create it") {
		t.Errorf("missing golden file: errors %q", r.errors)
	}

	*Update = true
	Golden(t, path, []byte("one\ntwo\nthree\n"))
	*Update = false
	Golden(t, path, []byte("one\ntwo\nthree\n"))

	r = &recorder{TB: t}
	Golden(r, path, []byte("one\n2\nthree\n"))
	if len(r.errors) != 1 {
		t.Fatalf("differing output: errors %q", r.errors)
	}
	for _, want := range []string{path + " differs", "run go test -update and review the diff", "-two\n", "+2\n"} {
		if !strings.Contains(r.errors[0], want) {
			t.Errorf("message lacks %q:\n%s", want, r.errors[0])
		}
	}
}

func TestCorpus(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Dir(filepath.Dir(wd)); root != want { // from internal/testkit
		t.Fatalf("module root %s, want %s", root, want)
	}
	r := &recorder{TB: t}
	got := Corpus(r, "no such folder")
	if want := filepath.Join(filepath.Dir(root), "shared", "corpus", "no such folder"); got != want {
		t.Errorf("Corpus = %s, want %s", got, want)
	}
	if len(r.skips) != 1 || !strings.Contains(r.skips[0], "outside the repository") {
		t.Errorf("skips %q", r.skips)
	}
}

func TestValidateDTD(t *testing.T) {
	NeedXMLLint(t)
	dir := t.TempDir()
	files := map[string]string{"a.dtd": "<!ELEMENT a EMPTY>\n", "good.xml": "<a/>\n", "bad.xml": "<a>text</a>\n"}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dtd := filepath.Join(dir, "a.dtd")
	if err := ValidateDTD(t, dtd, filepath.Join(dir, "good.xml")); err != nil {
		t.Errorf("valid file refused: %v", err)
	}
	if err := ValidateDTD(t, dtd, filepath.Join(dir, "bad.xml")); err == nil {
		t.Error("invalid file accepted")
	}
}
