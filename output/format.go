package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/xliff"
)

// Options are what a renderer may need beyond the document itself.
type Options struct {
	// Generator names the program in the page's meta tags ("diglot v1.2.0").
	Generator string
	// Previous is the edition the document replaces, for the page's diff
	// view; nil when there is none.
	Previous *bitext.Document
	// Markdown is the Markdown layout; "" is the default.
	Markdown MarkdownLayout
	// XLIFFVersion is the XLIFF the xliff format writes: [XLIFF12] (the
	// default, ""), [XLIFF21] or [XLIFFOmegaT] (see [LookupXLIFFVersion]).
	XLIFFVersion string
}

// Format is one kind of output file: a name for --format, the extension of
// the file it writes, and the renderer. (Hugo's output.Format is the model.)
type Format struct {
	Name  string // the --format value: "html"
	Ext   string // the file extension, with its dot: ".html"
	Doc   string // one line for help texts
	Write func(w io.Writer, d *bitext.Document, opt Options) error
}

// formats lists every output format, in the order help texts show them.
// A new format is one renderer file plus one line here.
var formats = []Format{
	{Name: "html", Ext: ".html", Doc: "the side-by-side page for editors", Write: func(w io.Writer, d *bitext.Document, opt Options) error {
		return WriteHTML(w, d, HTMLOptions{Generator: opt.Generator, Previous: opt.Previous})
	}},
	{Name: "md", Ext: ".md", Doc: "Markdown, interleaved or as a table", Write: func(w io.Writer, d *bitext.Document, opt Options) error {
		return WriteMarkdown(w, d, opt.Markdown)
	}},
	{Name: "json", Ext: ".json", Doc: "the canonical bitext JSON record", Write: func(w io.Writer, d *bitext.Document, _ Options) error {
		return WriteJSON(w, d)
	}},
	{Name: "xliff", Ext: ".xlf", Doc: "XLIFF 1.2 (or 2.1, see --xliff-version) for CAT tools", Write: func(w io.Writer, d *bitext.Document, opt Options) error {
		switch opt.XLIFFVersion {
		case XLIFF21:
			return WriteXLIFF(w, d)
		case XLIFFOmegaT:
			return WriteXLIFF12(w, d, xliff.Options12{SourceInTarget: true})
		}
		return WriteXLIFF12(w, d, xliff.Options12{})
	}},
	{Name: "tmx", Ext: ".tmx", Doc: "a TMX 1.4 translation memory of the article", Write: func(w io.Writer, d *bitext.Document, _ Options) error {
		return WriteTMX(w, d)
	}},
}

// Formats returns every output format, in help order. The slice is a copy.
func Formats() []Format { return append([]Format(nil), formats...) }

// FormatNames returns the --format values, in help order.
func FormatNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}

// LookupFormat returns the format called name, or an error listing the names
// that exist.
func LookupFormat(name string) (Format, error) {
	for _, f := range formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(FormatNames(), ", "))
}
