// Package atomicfile writes files so that a reader, or a later run, sees each
// one either whole or not at all: content goes to a temporary file in the same
// folder, is synced, and is renamed over the final name. A [Set] does this for
// several files that belong together (the outputs of one article), renaming
// them only once every one is written.
package atomicfile

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// Set collects files to write together.
type Set struct {
	temps []string
	final []string
}

// Add writes a file through fill into a temporary file beside path. Nothing
// appears at path until Commit.
func (s *Set) Add(path string, fill func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	s.temps = append(s.temps, f.Name())
	s.final = append(s.final, path)
	w := bufio.NewWriterSize(f, 64<<10)
	err = fill(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	return err
}

// Commit renames every temporary file to its final name.
func (s *Set) Commit() error {
	var errs []error
	for i, t := range s.temps {
		if err := os.Rename(t, s.final[i]); err != nil {
			errs = append(errs, err)
			os.Remove(t)
		}
	}
	s.temps, s.final = nil, nil
	return errors.Join(errs...)
}

// Abort removes the temporary files; nothing is left behind.
func (s *Set) Abort() {
	for _, t := range s.temps {
		os.Remove(t)
	}
	s.temps, s.final = nil, nil
}

// Write writes one file atomically.
func Write(path string, fill func(io.Writer) error) error {
	var s Set
	if err := s.Add(path, fill); err != nil {
		s.Abort()
		return err
	}
	return s.Commit()
}
