package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
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

func TestUnchangedFileIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.html")
	write := func(s string) {
		t.Helper()
		if err := Write(p, func(w io.Writer) error { _, err := io.WriteString(w, s); return err }); err != nil {
			t.Fatal(err)
		}
	}
	write("same")
	before, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	write("same")
	after, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("writing the same bytes replaced the file")
	}
	write("other")
	if data, _ := os.ReadFile(p); string(data) != "other" {
		t.Errorf("after new content the file holds %q", data)
	}
	assertOnly(t, dir, 1)
}

// A file larger than what Add compares in memory goes through its
// temporary file; a failure half-way leaves nothing, and a success the
// whole content.
func TestLargeFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.json")
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	fill := func(n int, fail bool) func(io.Writer) error {
		return func(w io.Writer) error {
			for range n {
				if _, err := w.Write(chunk); err != nil {
					return err
				}
			}
			if fail {
				return errors.New("render failed")
			}
			return nil
		}
	}
	if err := Write(p, fill(40, true)); err == nil {
		t.Fatal("Write succeeded")
	}
	assertOnly(t, dir, 0)
	if err := Write(p, fill(40, false)); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(p); err != nil || info.Size() != int64(40*len(chunk)) || info.Mode().Perm() != 0o644 {
		t.Errorf("big file: %v, %v", info, err)
	}
	assertOnly(t, dir, 1)
}

// A rename that fails (a folder stands at the final name) fails the commit
// and leaves no temporary file; the other files of the set are written.
func TestFailedRenameLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	blocked := filepath.Join(dir, "a.md")
	if err := os.MkdirAll(filepath.Join(blocked, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	var s Set
	for _, p := range []string{blocked, filepath.Join(dir, "a.json")} {
		if err := s.Add(p, func(w io.Writer) error { _, err := io.WriteString(w, "ok"); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(); err == nil {
		t.Fatal("Commit succeeded")
	}
	assertOnly(t, dir, 2) // the folder a.md and the file a.json
}

func TestCleanRemovesOnlyStaleTempsOfEndedProcesses(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	old := start.Add(-time.Hour)
	self := os.Getpid()
	files := []struct {
		name   string
		mtime  time.Time
		remove bool
	}{
		{fmt.Sprintf(".a.fr-en.json.diglot-%d-kx9.123.tmp", dead), old, true},
		{fmt.Sprintf("sub/deeper/.b.fr-en.html.diglot-%d-kx9.9.tmp", dead), old, true},
		{fmt.Sprintf(".c.md.diglot-%d-old1.77.tmp", self), old, true},                      // an earlier process with this PID
		{fmt.Sprintf(".d.md.diglot-%d-kx9.1.tmp", dead), time.Now().Add(time.Hour), false}, // written since this process began
		{fmt.Sprintf(".e.md.diglot-%d-kx9.1.tmp", os.Getppid()), old, false},               // its process is running
		{"." + "f.md.diglot-" + owner + ".5.tmp", old, false},                              // this process's own
		{".g.fr-en.json.123456.tmp", old, false},                                           // the old pattern, ambiguous
		{fmt.Sprintf("h.md.diglot-%d-kx9.1.tmp", dead), old, false},                        // no leading dot
		{fmt.Sprintf(".i.md.diglot-%d-KX9.1.tmp", dead), old, false},                       // not base 36
		{fmt.Sprintf(".j.md.diglot-%d-kx9.x1.tmp", dead), old, false},                      // not digits
		{fmt.Sprintf(".k.md.diglot-%d-kx9.1.tmp.bak", dead), old, false},
		{"notes.tmp", old, false},
		{"a.fr-en.json", old, false},
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, f.mtime, f.mtime); err != nil {
			t.Fatal(err)
		}
	}
	// Named like a stale temporary file, but a folder and a symbolic link
	// (whose target must survive).
	outside := filepath.Join(t.TempDir(), "precious")
	os.WriteFile(outside, []byte("keep"), 0o644)
	link := filepath.Join(dir, fmt.Sprintf(".l.md.diglot-%d-kx9.1.tmp", dead))
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, fmt.Sprintf(".m.md.diglot-%d-kx9.1.tmp", dead))
	os.Mkdir(folder, 0o755)
	os.Chtimes(folder, old, old)

	removed, err := Clean(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		_, err := os.Lstat(p)
		if gone := errors.Is(err, os.ErrNotExist); gone != f.remove {
			t.Errorf("%s: removed %v, want %v", f.name, gone, f.remove)
		}
		if f.remove {
			want++
		}
	}
	if len(removed) != want {
		t.Errorf("Clean says it removed %v, want %d files", removed, want)
	}
	for _, p := range []string{link, folder, outside} {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if removed, err := Clean(filepath.Join(dir, "missing")); err != nil || len(removed) != 0 {
		t.Errorf("Clean of a missing folder: %v, %v", removed, err)
	}
}

// deadPID returns the PID of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.ProcessState.Pid()
}

// FuzzTempName checks that every name Add gives a temporary file is one
// Clean recognises as this process's, and stays within 255 bytes.
func FuzzTempName(f *testing.F) {
	f.Add("a.fr-en.json", uint32(1))
	f.Add(strings.Repeat("é", 200)+".html", uint32(4294967295))
	f.Add(".diglot-1-a.2.tmp", uint32(7))
	f.Fuzz(func(t *testing.T, base string, random uint32) {
		if base == "" || strings.ContainsAny(base, "/\x00") || len(base) > 255 {
			return
		}
		// os.CreateTemp replaces the last "*".
		pattern := tempPattern(base)
		i := strings.LastIndex(pattern, "*")
		name := pattern[:i] + strconv.FormatUint(uint64(random), 10) + pattern[i+1:]
		pid, who, ok := tempOwner(name)
		if !ok || pid != os.Getpid() || who != owner {
			t.Errorf("tempOwner(%q) = %d, %q, %v", name, pid, who, ok)
		}
		if len(name) > 255 {
			t.Errorf("%q is %d bytes long", name, len(name))
		}
		if !utf8.ValidString(base) || utf8.ValidString(name) {
			return
		}
		t.Errorf("%q: cutting the valid name %q made invalid UTF-8", name, base)
	})
}

// Committing a set one of whose files failed to render renames nothing.
func TestCommitAfterFailedAddRenamesNothing(t *testing.T) {
	dir := t.TempDir()
	var s Set
	ok := func(w io.Writer) error { _, err := io.WriteString(w, "ok"); return err }
	if err := s.Add(filepath.Join(dir, "a.json"), ok); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("x"), 2*maxCompare)
	if err := s.Add(filepath.Join(dir, "a.html"), func(w io.Writer) error {
		w.Write(big)
		return errors.New("render failed")
	}); err == nil {
		t.Fatal("Add succeeded")
	}
	if err := s.Commit(); err == nil {
		t.Fatal("Commit succeeded")
	}
	assertOnly(t, dir, 0)
}
