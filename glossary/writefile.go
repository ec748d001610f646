package glossary

import (
	"io"

	"github.com/diglot/diglot/internal/atomicfile"
)

// WriteFile writes g to the file at path in format, atomically: a reader sees
// the old file or the whole new one, never a part.
func WriteFile(path string, g *Glossary, format string) error {
	return atomicfile.Write(path, func(w io.Writer) error { return Write(w, g, format) })
}
