package edition

import (
	"os"
	"strings"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/output"
)

// Rerender writes every output of the article whose JSON record is at
// jsonPath, in the formats it has beside the JSON (the JSON always), as a
// run writes them, all or none; the previous edition kept beside it stays
// as it is. diglot review calls it when an editor saves.
func Rerender(jsonPath string, d *bitext.Document, opt output.Options) error {
	base := strings.TrimSuffix(jsonPath, ".json")
	var formats []output.Format
	for _, f := range output.Formats() {
		if _, err := os.Stat(base + f.Ext); err == nil || f.Name == "json" {
			formats = append(formats, f)
		}
	}
	_, err := WriteDocument(base, d, formats, opt)
	return err
}
