// Package inputfile reads a file the user named through a size limit,
// regular files only unless the caller insists: the one rule every reader of
// named inputs (articles, glossaries, bilingual files) applies, so that a path
// to /dev/zero or a FIFO cannot hold or crash a run.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Errors a [*Refusal] wraps, found with errors.Is.
var (
	ErrTooLarge   = errors.New("larger than the input limit")
	ErrNotRegular = errors.New("not a regular file")
)

// Refusal is a file refused by [Read]: Msg says why, for a line that names
// the file ("larger than the 16 MiB input limit").
type Refusal struct {
	Msg string
	Err error // ErrTooLarge or ErrNotRegular
}

func (r *Refusal) Error() string { return r.Msg }
func (r *Refusal) Unwrap() error { return r.Err }

// Read reads the file at path, whole: a file larger than limit bytes (a
// negative limit is none) or, unless anyFile, one that is not a regular file
// after symbolic links are followed, is a [*Refusal]. It never reads more
// than the limit and one byte.
func Read(path string, limit int64, anyFile bool) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() && !anyFile {
		return nil, &Refusal{Msg: fmt.Sprintf("not a regular file (%s)", fileKind(info.Mode())), Err: ErrNotRegular}
	}
	tooLarge := func() error {
		return &Refusal{Msg: "larger than the " + byteSize(limit) + " input limit", Err: ErrTooLarge}
	}
	if limit >= 0 && info.Mode().IsRegular() && info.Size() > limit {
		return nil, tooLarge()
	}
	var r io.Reader = f
	if limit >= 0 {
		r = io.LimitReader(f, limit+1)
	}
	size := 512
	if info.Mode().IsRegular() && info.Size() > 0 {
		size = int(info.Size()) + 1 // one more to see the end without regrowing
	}
	data := make([]byte, 0, size)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if limit >= 0 && int64(len(data)) > limit {
		return nil, tooLarge()
	}
	return data, nil
}

// fileKind names the kind of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a plain file"
}

// byteSize writes n bytes for people: "16 MiB", "1500 bytes".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d-byte", n)
}
