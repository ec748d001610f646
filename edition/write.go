package edition

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/atomicfile"
	"github.com/diglot/diglot/output"
)

// PreviousExt is the extension of the previous edition kept beside a
// document's JSON record: NAME.FROM-TO.previous.json.
const PreviousExt = ".previous.json"

// WriteDocument writes every format of d at base (the output path without
// extension, OUT/a/b/c.fr-en), all or none, keeping the previous edition, and
// returns how many segments changed since that previous edition. opt.Previous
// is ignored: the previous edition is the one on disk.
//
// The edition d replaces is the JSON record at base (none if it is absent or
// diglot cannot read it: an older schema, a hand edit). When d differs from
// it, it becomes the previous edition (base + [PreviousExt]); when nothing
// changed, the previous edition stays as it was. The page shows the
// difference.
//
// An editor's tool calls WriteDocument after saving a post-edit into d, so
// that every output of the article shows it.
func WriteDocument(base string, d *bitext.Document, formats []output.Format, opt output.Options) (changes int, err error) {
	last, _ := ReadJSON(base + ".json")
	return write(base, d, last, formats, opt)
}

// write is WriteDocument with the edition d replaces already read.
func write(base string, d, last *bitext.Document, formats []output.Format, opt output.Options) (changes int, err error) {
	var set atomicfile.Set
	previous, _ := ReadJSON(base + PreviousExt)
	if last != nil && output.Changes(last, d) > 0 {
		previous = last
		if err := set.Add(base+PreviousExt, func(w io.Writer) error { return bitext.Write(w, last) }); err != nil {
			set.Abort()
			return 0, fmt.Errorf("%s: %w", base+PreviousExt, err)
		}
	}
	opt.Previous = previous
	for _, f := range formats {
		if err := set.Add(base+f.Ext, func(w io.Writer) error { return f.Write(w, d, opt) }); err != nil {
			set.Abort()
			return 0, fmt.Errorf("%s: %w", base+f.Ext, err)
		}
	}
	if err := set.Commit(); err != nil {
		return 0, err
	}
	return output.Changes(previous, d), nil
}

// ReadJSON reads the bitext JSON record at path. Its errors name the file.
func ReadJSON(path string) (*bitext.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := bitext.Read(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}
