package output

import (
	"fmt"
	"slices"
	"strings"

	"github.com/diglot/diglot/internal/suggest"
)

// DefaultFormats are the formats a run writes when none is asked for.
const DefaultFormats = "html,md,json"

// ParseFormats reads a list of format names, comma-separated, that
// replaces [DefaultFormats], or, with a leading +, adds to them
// (`+xliff,tmx` is html, md, json, xliff and tmx). Names are
// case-insensitive and each format comes once; an unknown name is an
// error that names the nearest one.
func ParseFormats(list string) ([]Format, error) {
	list = strings.TrimSpace(list)
	if rest, ok := strings.CutPrefix(list, "+"); ok {
		list = DefaultFormats + "," + rest
	}
	var out []Format
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(strings.ToLower(name))
		if name == "" {
			continue
		}
		f, err := LookupFormat(name)
		if err != nil {
			return nil, fmt.Errorf("unknown format %q%s", name, suggest.DidYouMean(name, FormatNames(), suggest.Quoted))
		}
		if !slices.ContainsFunc(out, func(have Format) bool { return have.Name == name }) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no format in %q (want some of %s)", list, strings.Join(FormatNames(), ", "))
	}
	return out, nil
}
