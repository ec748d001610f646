package tm

import (
	"context"
	"io"

	"github.com/diglot/diglot/internal/atomicfile"
)

// ExportFile is [Memory.Export] to the file at path, written atomically: a
// reader sees the old file or the whole new one, never a part.
func (m *Memory) ExportFile(ctx context.Context, path string, opt ExportOptions) error {
	return atomicfile.Write(path, func(w io.Writer) error { return m.Export(ctx, w, opt) })
}
