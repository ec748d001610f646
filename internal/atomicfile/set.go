package atomicfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
)

// maxCompare is the largest file Add holds in memory to compare with the
// file it would replace; a larger one goes straight to its temporary file.
const maxCompare = 1 << 20

// syncs counts the file and folder syncs made, for the benchmarks.
var syncs atomic.Int64

// Set collects files to write together. The zero Set is ready to use; a Set
// ends with [Set.Commit] or [Set.Abort].
type Set struct {
	files []*pending
	// dirs are the parents of the folders Add created: they must be synced
	// for the new folders to last.
	dirs []string
}

// pending is one file of a Set.
type pending struct {
	final string
	temp  string   // "" when same
	f     *os.File // the temporary file, until synced
	same  bool     // the file at final already holds these bytes
	// synced is closed once f is synced and closed, with the outcome in err.
	synced chan struct{}
	err    error
}

// Add writes a file through fill into a temporary file beside path, and
// starts syncing it while the caller goes on. Nothing appears at path until
// Commit. When path already holds exactly the bytes fill writes, Add
// writes nothing and Commit leaves that file as it is.
func (s *Set) Add(path string, fill func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := s.mkdirAll(dir); err != nil {
		return err
	}
	p := &pending{final: path}
	s.files = append(s.files, p)
	w := &spill{open: func() (*os.File, error) {
		f, err := os.CreateTemp(dir, tempPattern(filepath.Base(path)))
		if err == nil {
			p.f, p.temp = f, f.Name()
		}
		return f, err
	}}
	if err := fill(w); err != nil {
		return err
	}
	if w.f == nil {
		if sameContent(path, w.buf.Bytes()) {
			p.same = true
			return nil
		}
		if _, err := w.open(); err != nil {
			return err
		}
		if _, err := p.f.Write(w.buf.Bytes()); err != nil {
			return err
		}
	} else if err := w.w.Flush(); err != nil {
		return err
	}
	// Like a file os.Create would make: CreateTemp makes it 0600.
	if err := p.f.Chmod(0o644); err != nil {
		return err
	}
	p.synced = make(chan struct{})
	go func() {
		defer close(p.synced)
		syncs.Add(1)
		p.err = p.f.Sync()
		if err := p.f.Close(); p.err == nil {
			p.err = err
		}
	}()
	return nil
}

// spill holds what is written in memory up to maxCompare bytes, then moves
// it to a file it opens, and writes the rest there.
type spill struct {
	buf  bytes.Buffer
	open func() (*os.File, error)
	f    *os.File
	w    *bufio.Writer
}

func (s *spill) Write(b []byte) (int, error) {
	if s.w == nil && s.buf.Len()+len(b) <= maxCompare {
		return s.buf.Write(b)
	}
	if s.w == nil {
		f, err := s.open()
		if err != nil {
			return 0, err
		}
		s.f, s.w = f, bufio.NewWriterSize(f, 64<<10)
		if _, err := s.w.Write(s.buf.Bytes()); err != nil {
			return 0, err
		}
		s.buf = bytes.Buffer{}
	}
	return s.w.Write(b)
}

// sameContent reports whether path is a regular file holding exactly data.
func sameContent(path string, data []byte) bool {
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}

// mkdirAll makes dir and its missing parents, and remembers the parents to
// sync.
func (s *Set) mkdirAll(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || !errors.Is(err, os.ErrNotExist) {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, d := range missing {
		s.dirs = append(s.dirs, filepath.Dir(d))
	}
	return nil
}

// Commit puts every file of the set under its final name, durably: it waits
// until every temporary file is synced (their syncs run at once, begun by
// Add), renames them, then syncs each folder it renamed into, once. If a
// file cannot be synced, nothing is renamed and every final name keeps its
// old file; in every case no temporary file is left.
func (s *Set) Commit() error {
	defer func() { s.files, s.dirs = nil, nil }()
	var errs []error
	for _, p := range s.files {
		switch {
		case p.synced != nil:
			<-p.synced
			if p.err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", p.final, p.err))
			}
		case !p.same:
			// Add failed for this file, and the caller commits anyway.
			if p.f != nil {
				p.f.Close()
			}
			errs = append(errs, fmt.Errorf("%s: not written", p.final))
		}
	}
	if len(errs) > 0 {
		s.removeTemps()
		return errors.Join(errs...)
	}
	dirs := s.dirs
	for _, p := range s.files {
		if p.same {
			continue
		}
		if err := os.Rename(p.temp, p.final); err != nil {
			errs = append(errs, err)
			os.Remove(p.temp)
			continue
		}
		dirs = append(dirs, filepath.Dir(p.final))
	}
	seen := map[string]bool{}
	for _, d := range dirs {
		if seen[d] {
			continue
		}
		seen[d] = true
		if err := syncDir(d); err != nil {
			errs = append(errs, fmt.Errorf("syncing folder %s: %w", d, err))
		}
	}
	return errors.Join(errs...)
}

// Abort removes the temporary files; nothing is left behind.
func (s *Set) Abort() {
	for _, p := range s.files {
		if p.synced != nil {
			<-p.synced
		} else if p.f != nil {
			p.f.Close()
		}
	}
	s.removeTemps()
	s.files, s.dirs = nil, nil
}

func (s *Set) removeTemps() {
	for _, p := range s.files {
		if p.temp != "" {
			os.Remove(p.temp)
		}
	}
}

// Write writes one file atomically and durably.
func Write(path string, fill func(io.Writer) error) error {
	var s Set
	if err := s.Add(path, fill); err != nil {
		s.Abort()
		return err
	}
	return s.Commit()
}
