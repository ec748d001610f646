package textcols

import (
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// DefaultWidth is the width [Width] gives when it cannot tell.
const DefaultWidth = 80

// Width is the width to lay text out in for w: $COLUMNS when it holds a
// number (getenv reads the environment), else the width of the terminal w
// is, else [DefaultWidth].
func Width(w io.Writer, getenv func(string) string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if n, _, err := term.GetSize(int(f.Fd())); err == nil && n > 0 {
			return n
		}
	}
	return DefaultWidth
}

// Row is one line of a [Table]: a key, and the text beside it.
type Row struct{ Key, Text string }

// Table writes rows in two columns within width: the keys, indented by
// indent spaces and padded to the longest, then each text wrapped at word
// boundaries in its column (never inside a word; a word longer than the
// column has a line of its own). When the keys leave the text less than a
// third of the width, each text goes under its key, indented two more
// spaces.
func Table(w io.Writer, width, indent int, rows []Row) error {
	keyW := 0
	for _, r := range rows {
		keyW = max(keyW, utf8.RuneCountInString(r.Key))
	}
	pad := strings.Repeat(" ", indent)
	textAt := indent + keyW + 2
	below := width-textAt < width/3
	if below {
		textAt = indent + 2
	}
	var b strings.Builder
	for _, r := range rows {
		lines := Wrap(r.Text, width-textAt)
		if below || len(lines) == 0 {
			b.WriteString(strings.TrimRight(pad+r.Key, " ") + "\n")
		} else {
			b.WriteString(pad + r.Key + strings.Repeat(" ", textAt-indent-utf8.RuneCountInString(r.Key)) + lines[0] + "\n")
			lines = lines[1:]
		}
		for _, l := range lines {
			b.WriteString(strings.Repeat(" ", textAt) + l + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Wrap cuts text into lines of at most width runes, at spaces only: a
// word longer than width is a line of its own.
func Wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
