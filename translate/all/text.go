package all

import (
	"io"
	"strings"

	"github.com/diglot/diglot/internal/textcols"
)

// WriteText writes the listing as `diglot backends` shows it: each backend
// with its description, price, retries and options in columns that fit
// width (see [textcols.Table]), then its routes per pair, if any.
func (l Listing) WriteText(w io.Writer, width int) error {
	var b strings.Builder
	for i, d := range l.Backends {
		if i > 0 {
			b.WriteString("\n")
		}
		kind := "network"
		if d.Offline {
			kind = "offline"
		}
		b.WriteString(d.Name + " (" + kind + ")\n")
		for _, line := range textcols.Wrap(d.Description, width-2) {
			b.WriteString("  " + line + "\n")
		}
		rows := []textcols.Row{{Key: "price", Text: d.Price.Text}, {Key: "retries", Text: d.Retry.Text}}
		for _, o := range d.Options {
			name := "--option " + o.Name
			if o.Sensitive {
				name = "$" + o.Env // credentials come from the environment only
			}
			rows = append(rows, textcols.Row{Key: name, Text: o.Help + bracketed(o.Notes())})
		}
		if d.RoutesError != "" {
			rows = append(rows, textcols.Row{Key: "routes", Text: "none: " + d.RoutesError})
		}
		textcols.Table(&b, width, 2, rows)
		if len(d.Routes) > 0 {
			for _, line := range textcols.Wrap("routes per pair, the default first (--option route=… picks another):", width-2) {
				b.WriteString("  " + line + "\n")
			}
			rows = rows[:0]
			for _, r := range d.Routes {
				rows = append(rows, textcols.Row{Key: r.Pair, Text: r.Default + " (default)" + strings.Join(append([]string{""}, r.Routes[1:]...), ", ")})
			}
			textcols.Table(&b, width, 4, rows)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// bracketed is notes in brackets after a space, or nothing.
func bracketed(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return " [" + strings.Join(notes, ", ") + "]"
}
