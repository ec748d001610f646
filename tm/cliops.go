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
