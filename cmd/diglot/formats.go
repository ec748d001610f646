package main

import (
	"slices"
	"strings"

	"github.com/diglot/diglot/internal/progress"
	"github.com/diglot/diglot/output"
)

// defaultFormats are the formats translate writes when --format is not given.
const defaultFormats = "html,md,json"

// parseFormats reads --format: a comma-separated list of formats that
// replaces the default set, or, with a leading +, adds to it
// (`+xliff,tmx` is html, md, json, xliff and tmx). Names are
// case-insensitive; an unknown one is a usage error with the nearest name.
func parseFormats(list string) ([]output.Format, error) {
	list = strings.TrimSpace(list)
	if rest, ok := strings.CutPrefix(list, "+"); ok {
		list = defaultFormats + "," + rest
	}
	var formats []output.Format
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		if f == "" {
			continue
		}
		if err := checkNames("format", "format", f, output.FormatNames()); err != nil {
			return nil, err
		}
		format, err := output.LookupFormat(f)
		if err != nil {
			return nil, badUsage("--format: %w", err)
		}
		if !slices.ContainsFunc(formats, func(have output.Format) bool { return have.Name == f }) {
			formats = append(formats, format)
		}
	}
	if len(formats) == 0 {
		return nil, badUsage("--format: no format in %q (want some of %s)", list, strings.Join(output.FormatNames(), ", "))
	}
	return formats, nil
}

// progressModes are the names --progress takes.
func progressModes() []string {
	names := make([]string, len(progress.Modes))
	for i, m := range progress.Modes {
		names[i] = string(m)
	}
	return names
}
