package edition_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/translate/fake"
)

// A glossary entry that one paragraph of the batch holds sends that
// paragraph only; the report, run.json, the summary and the dry run's plan
// say that the glossary is why.
func TestGlossaryChangeIsCountedInTheReport(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"in/a.txt": "La guerre est finie.\n\nLe président Pashinian est arrivé.\n",
		"in/b.txt": "La paix est revenue au Haut-Karabakh.\n",
	})
	names := func(tsv string) *glossary.Glossary {
		g, err := glossary.Parse("names.tsv", []byte(tsv))
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	b := &fake.Backend{}
	cfg := config(t, dir, b, openMemory(t, dir))
	cfg.Pipeline.Glossary = names("Pashinian\tPashinyan\n")
	if r := run(t, cfg); r.Segments.Backend != 3 || r.Segments.GlossaryChanged != 0 {
		t.Fatalf("first run: %+v", r.Segments)
	}
	cfg.Pipeline.Glossary = names("Pashinian\tPashinyan\nHaut-Karabakh\tNagorno-Karabakh\n")

	dry := cfg
	dry.DryRun = true
	r := run(t, dry)
	var out strings.Builder
	r.WriteDryRun(&out, nil)
	if want := "dry run: 2 articles, 3 segments: 2 from memory, 1 to translate (1 because its glossary entries changed)\n"; !strings.HasPrefix(out.String(), want) {
		t.Errorf("dry run plan:\n%s\nwant it to begin\n%s", out.String(), want)
	}

	calls, _ := b.Calls()
	r = run(t, cfg)
	if again, _ := b.Calls(); again != calls+1 || r.Segments.Backend != 1 || r.Segments.GlossaryChanged != 1 || r.Segments.Memory != 2 {
		t.Fatalf("run after the edit: %d calls, %+v", again-calls, r.Segments)
	}
	out.Reset()
	r.WriteSummary(&out)
	if want := "  3 segments: 1 from the backend (1 because its glossary entries changed), 2 from memory;"; !strings.Contains(out.String(), want) {
		t.Errorf("summary:\n%s\nwant it to hold\n%s", out.String(), want)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", edition.ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	var onDisk struct {
		Segments map[string]int `json:"segments"`
	}
	if err := json.Unmarshal(data, &onDisk); err != nil || onDisk.Segments["glossary_changed"] != 1 {
		t.Errorf("run.json segments %v, %v", onDisk.Segments, err)
	}
}
