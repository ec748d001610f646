package article

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFileLimited(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(strings.Repeat("a", n)), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	link := func(name, target string) string {
		path := filepath.Join(dir, name)
		if err := os.Symlink(target, path); err != nil {
			t.Skip(err)
		}
		return path
	}
	small, exact, over := write("small.txt", 10), write("exact.txt", 1000), write("over.txt", 1001)
	zero := link("zero.txt", "/dev/zero")
	null := link("null.txt", "/dev/null")
	viaLink := link("link.txt", small)
	tests := []struct {
		name string
		path string
		lim  Limits
		def  int64
		size int   // bytes read when no error
		want error // sentinel expected
		msg  string
	}{
		{name: "small", path: small, def: 1000, size: 10},
		{name: "at the limit", path: exact, def: 1000, size: 1000},
		{name: "over the limit", path: over, def: 1000, want: ErrTooLarge, msg: over + ": larger than the 1000-byte input limit"},
		{name: "limit given", path: exact, lim: Limits{MaxSize: 999}, def: 1000, want: ErrTooLarge},
		{name: "no limit", path: over, lim: Limits{MaxSize: -1}, def: 1000, size: 1001},
		{name: "link to a regular file", path: viaLink, def: 1000, size: 10},
		{name: "link to /dev/zero", path: zero, def: 16 << 20, want: ErrNotRegular, msg: zero + ": not a regular file (a character device)"},
		{name: "/dev/zero insisted on", path: zero, lim: Limits{AnyFile: true}, def: 16 << 20, want: ErrTooLarge, msg: zero + ": larger than the 16 MiB input limit"},
		{name: "/dev/null insisted on", path: null, lim: Limits{AnyFile: true}, def: 1000, size: 0},
		{name: "directory", path: dir, def: 1000, want: ErrNotRegular, msg: dir + ": not a regular file (a directory)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := ReadFileLimited(tt.path, tt.lim, tt.def)
			if tt.want == nil {
				if err != nil || len(data) != tt.size {
					t.Fatalf("read %d bytes, %v; want %d bytes", len(data), err, tt.size)
				}
				return
			}
			var e *Error
			if !errors.Is(err, tt.want) || !errors.As(err, &e) {
				t.Fatalf("error %v, want an *Error wrapping %v", err, tt.want)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("error %q, want %q", err, tt.msg)
			}
		})
	}
	if _, err := ReadFileLimited(filepath.Join(dir, "missing.txt"), Limits{}, 1000); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// TestReadRefusesDevice is issue 12's case: an article named on the command
// line that is a symbolic link to /dev/zero is refused on one line instead of
// filling the memory.
func TestReadRefusesDevice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.Symlink("/dev/zero", path); err != nil {
		t.Skip(err)
	}
	_, err := Read(path, Options{})
	if !errors.Is(err, ErrNotRegular) || err.Error() != path+": not a regular file (a character device)" {
		t.Fatalf("Read: %v", err)
	}
	_, err = Read(path, Options{Input: Limits{AnyFile: true, MaxSize: 1 << 20}})
	if !errors.Is(err, ErrTooLarge) || err.Error() != path+": larger than the 1 MiB input limit" {
		t.Fatalf("Read, any file: %v", err)
	}
}
