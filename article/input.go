package article

import (
	"errors"

	"github.com/diglot/diglot/internal/inputfile"
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
	ErrTooLarge   = inputfile.ErrTooLarge
	ErrNotRegular = inputfile.ErrNotRegular
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
	data, err := inputfile.Read(path, lim.max(def), lim.AnyFile)
	var r *inputfile.Refusal
	if errors.As(err, &r) {
		return nil, &Error{Path: path, Msg: r.Msg, Err: r.Err}
	}
	return data, err
}
