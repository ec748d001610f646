package glossary

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/article"
)

func TestParseTSV(t *testing.T) {
	g, err := Parse("names.tsv", []byte("\ufeffsource\ttarget\n# comment\nHaut-Karabakh\tNagorno-Karabakh\nHaut Karabagh\tNagorno-Karabakh\r\n\nPashinian\tPashinyan\tPrime minister of Armenia\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Entries) != 2 {
		t.Fatalf("entries = %d", len(g.Entries))
	}
	e := g.Entries[0]
	if e.ID != "Haut-Karabakh" || strings.Join(e.Sources, "|") != "Haut-Karabakh|Haut Karabagh" || e.Line != 3 {
		t.Errorf("entry 0 = %+v", e)
	}
	if g.Entries[1].Note != "Prime minister of Armenia" {
		t.Errorf("note = %q", g.Entries[1].Note)
	}
	ms := g.Matcher().Find("L’Arménie et le Haut Karabakh, pas le haut-karabagh ni Pashinian.")
	for _, m := range ms {
		t.Logf("%+v %q", m, m.Form)
	}
}

// TestLoadLimits: a glossary named on the command line is read through the
// input limit, and a link to a device is refused on one line (issue 12).
func TestLoadLimits(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "names.tsv")
	if err := os.WriteFile(path, []byte("Pashinian\tPashinyan\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadWith(LoadOptions{Input: article.Limits{MaxSize: 10}}, path); !errors.Is(err, article.ErrTooLarge) ||
		err.Error() != path+": larger than the 10-byte input limit" {
		t.Errorf("over the limit: %v", err)
	}
	if g, err := LoadWith(LoadOptions{Input: article.Limits{MaxSize: 20}}, path); err != nil || len(g.Entries) != 1 {
		t.Errorf("at the limit: %v", err)
	}
	zero := filepath.Join(dir, "zero.tsv")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Skip(err)
	}
	if _, err := Load(zero); !errors.Is(err, article.ErrNotRegular) || strings.Contains(err.Error(), "\n") {
		t.Errorf("/dev/zero: %v", err)
	}
}
