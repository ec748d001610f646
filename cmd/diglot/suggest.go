package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// nearest returns the name of valid closest to name, by Damerau-Levenshtein
// distance (case ignored), when it is close enough to be what the user
// meant: at most one edit for short names, a third of the length for longer
// ones. ok is false when nothing is that close.
func nearest(name string, valid []string) (best string, ok bool) {
	name = strings.ToLower(name)
	bound := max(1, len([]rune(name))/3)
	bestD := bound + 1
	for _, v := range valid {
		d := editDistance(name, strings.ToLower(v))
		if d < bestD || (d == bestD && d <= bound && len(v) < len(best)) {
			best, bestD = v, d
		}
	}
	return best, bestD <= bound
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of two adjacent
// runes each count one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// didYouMean is " (did you mean X?)" for the valid name nearest to name, or
// the list of valid names when none is near.
func didYouMean(name string, valid []string, quote func(string) string) string {
	if best, ok := nearest(name, valid); ok {
		return fmt.Sprintf(" (did you mean %s?)", quote(best))
	}
	return " (want one of " + strings.Join(valid, ", ") + ")"
}

func quoted(s string) string { return fmt.Sprintf("%q", s) }

// unknownName is the error for a name that is not one of valid: what kind
// of name, the name, and the nearest valid one.
func unknownName(kind, name string, valid []string) error {
	return badUsage("unknown %s %q%s", kind, name, didYouMean(name, valid, quoted))
}

// flagNotDefined matches the flag package's error for an unknown flag.
var flagNotDefined = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)

// onUsageError turns urfave/cli's flag errors into one-line usage errors,
// with the nearest flag the command has for an unknown one.
func onUsageError(c *cli.Context, err error, _ bool) error {
	m := flagNotDefined.FindStringSubmatch(err.Error())
	if m == nil {
		return &usageError{err}
	}
	var flags []cli.Flag
	if c != nil && c.Command != nil && c.Command.Name != "" {
		flags = c.Command.Flags
	} else if c != nil && c.App != nil {
		flags = c.App.Flags
	}
	var names []string
	for _, f := range flags {
		for _, n := range f.Names() {
			if len(n) > 1 {
				names = append(names, n)
			}
		}
	}
	flag := "-" + m[1]
	if len(m[1]) > 1 {
		flag = "--" + m[1]
	}
	where := "diglot"
	if c != nil && c.Command != nil && c.Command.Name != "" {
		where = strings.TrimSpace("diglot " + c.Command.FullName())
	}
	hint := fmt.Sprintf(" (see %s --help)", where)
	if best, ok := nearest(m[1], names); ok {
		hint = fmt.Sprintf(" (did you mean --%s?)", best)
	}
	return badUsage("unknown flag %s%s", flag, hint)
}

// commandNames lists the names of cmds, aliases left out.
func commandNames(cmds []*cli.Command) []string {
	var names []string
	for _, c := range cmds {
		if !c.Hidden {
			names = append(names, c.Name)
		}
	}
	return names
}

// unknownCommand is the error for a command that does not exist, under
// parent ("" for diglot's own).
func unknownCommand(parent, name string, cmds []*cli.Command) error {
	see := strings.TrimSpace("diglot " + parent + " help")
	if best, ok := nearest(name, commandNames(cmds)); ok {
		return badUsage("unknown command %q (did you mean %q?)", name, best)
	}
	return badUsage("unknown command %q (see %s)", name, see)
}

// checkNames checks that every comma-separated name in list is one of
// valid, for the flag named: an unknown one is a usage error with the
// nearest valid name.
func checkNames(flag, kind, list string, valid []string) error {
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" || slices.Contains(valid, strings.ToLower(name)) {
			continue
		}
		return badUsage("--%s: unknown %s %q%s", flag, kind, name, didYouMean(name, valid, quoted))
	}
	return nil
}
