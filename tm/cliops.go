package tm

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNoMemory is what [OpenExisting] returns, wrapped, for a file that is
// not there.
var ErrNoMemory = errors.New("no translation memory")

// OpenExisting opens the memory at loc, which must be there when it is a
// file: inspecting or exporting a memory never creates one. A PostgreSQL
// database is opened as it is (a new one is an empty memory).
func OpenExisting(loc string) (*Memory, error) {
	if !IsPostgres(loc) {
		if _, err := os.Stat(loc); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("tm: %s: %w", loc, ErrNoMemory)
		} else if err != nil {
			return nil, fmt.Errorf("tm: %w", err)
		}
	}
	return Open(loc)
}

// WriteJSON writes s as indented JSON, as `diglot tm stats --json` prints
// it.
func (s Stats) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// ExportTo writes the memory as TMX to the file path (atomically,
// [Memory.ExportFile]) or, when path is "", to w, buffered.
func (m *Memory) ExportTo(ctx context.Context, w io.Writer, path string, opt ExportOptions) error {
	if path != "" {
		return m.ExportFile(ctx, path, opt)
	}
	bw := bufio.NewWriter(w)
	if err := m.Export(ctx, bw, opt); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteStats writes what the memory holds ([Memory.Stats]) to w: the
// table of [Stats.WriteText], or JSON.
func (m *Memory) WriteStats(ctx context.Context, w io.Writer, asJSON bool) error {
	s, err := m.Stats(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return s.WriteJSON(w)
	}
	return s.WriteText(w)
}

// CopyInto copies the memory m into the one at loc (created if need be,
// [Copy]) and says in one line what it copied ([CopyReport.Summary]).
// A destination that cannot be opened is an [*OpenError].
func (m *Memory) CopyInto(ctx context.Context, loc string) (string, error) {
	dst, err := Open(loc)
	if err != nil {
		return "", &OpenError{err}
	}
	rep, err := Copy(ctx, dst, m)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	return rep.Summary(m.Path(), dst.Path()), nil
}

// OpenError is a memory location that cannot be opened.
type OpenError struct{ Err error }

func (e *OpenError) Error() string { return e.Err.Error() }
func (e *OpenError) Unwrap() error { return e.Err }

// LocationState says, for messages, whether the memory at loc is there
// yet: " (not created yet)" for a file that is not, "" otherwise.
func LocationState(loc string) string {
	if IsPostgres(loc) {
		return ""
	}
	if _, err := os.Stat(loc); err != nil {
		return " (not created yet)"
	}
	return ""
}
