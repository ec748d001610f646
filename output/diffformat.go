package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// DiffFormats are the formats a [Comparison] is written in.
var DiffFormats = []string{"text", "html", "json"}

// DiffOptions are the settings of [Comparison.Write].
type DiffOptions struct {
	Color     bool   // text: red and green instead of [-…-] and {+…+}
	Generator string // html: the generator meta tag
}

// Write writes c in format, one of [DiffFormats], buffered: the text with
// its statistics at the end, the HTML page, or the JSON document.
func (c *Comparison) Write(w io.Writer, format string, o DiffOptions) error {
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case "text":
		err = c.WriteText(bw, o.Color)
	case "html":
		err = c.WriteHTML(bw, o.Generator)
	case "json":
		err = c.WriteJSON(bw)
	default:
		return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(DiffFormats, ", "))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}
