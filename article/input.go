package article

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Input size limits: what [ReadFileLimited] reads at most when [Limits]
// leaves MaxSize zero.
const (
	// DefaultMaxInputSize bounds an article: 16 MiB is some hundred times the
	// longest news article.
	DefaultMaxInputSize int64 = 16 << 20
	// DefaultMaxGlossarySize bounds a glossary file: 256 MiB holds several
	// million rows.
	DefaultMaxGlossarySize int64 = 256 << 20
)

// Errors of [ReadFileLimited], found with errors.Is in the *[Error] it returns.
var (
	ErrTooLarge   = errors.New("larger than the input limit")
	ErrNotRegular = errors.New("not a regular file")
)

// Limits bound what [ReadFileLimited] reads from one named input.
type Limits struct {
	// MaxSize is the largest input read, in bytes; 0 means the caller's
	// default (DefaultMaxInputSize for articles), a negative value no limit.
	MaxSize int64
	// AnyFile also reads inputs that are not regular files (devices, named
	// pipes, sockets), still through MaxSize. Without it they are refused,
	// so that a path to /dev/zero or a FIFO cannot hold a run.
	AnyFile bool
}

// max returns the limit in bytes, def when MaxSize is 0, -1 for none.
func (l Limits) max(def int64) int64 {
	switch {
	case l.MaxSize == 0:
		return def
	case l.MaxSize < 0:
		return -1
	}
	return l.MaxSize
}

// ReadFileLimited reads the file at path, whole, through lim: a file larger
// than the limit (def when lim.MaxSize is 0) or, unless lim.AnyFile, one that
// is not a regular file after symbolic links are followed, is refused with an
// *[Error] naming the file on one line, wrapping [ErrTooLarge] or
// [ErrNotRegular]. It never reads more than the limit and one byte. Every
// reader of named inputs (articles, glossaries, bilingual files) reads
// through it, so that the limit is the same everywhere.
func ReadFileLimited(path string, lim Limits, def int64) ([]byte, error) {
	limit := lim.max(def)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() && !lim.AnyFile {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("not a regular file (%s)", fileKind(info.Mode())), Err: ErrNotRegular}
	}
	tooLarge := func() error {
		return &Error{Path: path, Msg: "larger than the " + byteSize(limit) + " input limit", Err: ErrTooLarge}
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
