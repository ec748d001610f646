package output

import "fmt"

// MarkdownLayouts are the layouts [ParseMarkdownLayout] takes.
var MarkdownLayouts = []string{string(LayoutInterleaved), string(LayoutTable)}

// ParseMarkdownLayout returns the layout called s: interleaved or table.
func ParseMarkdownLayout(s string) (MarkdownLayout, error) {
	switch l := MarkdownLayout(s); l {
	case LayoutInterleaved, LayoutTable:
		return l, nil
	}
	return "", fmt.Errorf("%q is not interleaved or table", s)
}
