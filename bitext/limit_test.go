package bitext_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/inputfile"
)

// A bilingual file that is a device (a link to /dev/zero) is refused on one
// line naming it, never read until memory runs out.
func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero on this system")
	}
	path := filepath.Join(t.TempDir(), "a.fr-en.json")
	if err := os.Symlink("/dev/zero", path); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	_, err := bitext.Open(path, bitext.Options{Name: "a.fr-en.json"})
	var pe *bitext.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, inputfile.ErrNotRegular) ||
		err.Error() != "a.fr-en.json: not a regular file (a character device)" || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v, want a one-line refusal naming the file", err)
	}
}
