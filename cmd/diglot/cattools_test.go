package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/xliff"
)

// Tests with the CAT tools Debian ships: translate-toolkit and OmegaT. Each
// skips, saying why, when its tool is absent.

// catArticle has one-sentence and two-sentence paragraphs.
const catArticle = "Le président est arrivé à Erevan.\n\n" +
	"La guerre est finie. La paix est revenue.\n\n" +
	"Le Conseil européen a parlé.\n"

// translateForCAT translates catArticle in a new folder with the fake DeepL
// server, writing formats with the XLIFF version given, and returns the
// folder and the document.
func translateForCAT(t *testing.T, formats, version string) (string, *bitext.Document) {
	t.Helper()
	srv := newCountingServer(t, 0)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/a.txt": catArticle})
	code, _, stderr := runIn(t, dir, deeplEnv, "translate", "--backend", "deepl", "--endpoint", srv.URL,
		"--format", formats, "--xliff-version", version, "--out", "out", "in")
	if code != 0 {
		t.Fatalf("translate: exit %d\n%s", code, stderr)
	}
	return dir, readDoc(t, filepath.Join(dir, "out", "a.fr-en.json"))
}

// TestTranslateToolkitReadsXLIFF12 has translate-toolkit read diglot's
// XLIFF 1.2: every unit, with its source and target.
func TestTranslateToolkitReadsXLIFF12(t *testing.T) {
	py := toolkitPython(t)
	dir, doc := translateForCAT(t, "json,xliff", "1.2")
	script := `import json, sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
print(json.dumps([{"id": u.getid(), "source": str(u.source), "target": str(u.target or "")} for u in store.units if not u.isheader()]))`
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, py, "-c", script, filepath.Join(dir, "out", "a.fr-en.xlf")).CombinedOutput()
	if err != nil {
		t.Fatalf("translate-toolkit: %v\n%s", err, out)
	}
	var units []struct{ ID, Source, Target string }
	if err := json.Unmarshal(out, &units); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(units) != len(doc.Segments) {
		t.Fatalf("translate-toolkit read %d units, diglot wrote %d", len(units), len(doc.Segments))
	}
	for i, s := range doc.Segments {
		u := units[i]
		if !strings.HasSuffix(u.ID, s.ID) || u.Source != s.Source || u.Target != s.Target {
			t.Errorf("unit %d: translate-toolkit read %q %q -> %q; diglot wrote %q %q -> %q", i, u.ID, u.Source, u.Target, s.ID, s.Source, s.Target)
		}
	}
}

// TestOmegaTConsoleTranslate gives OmegaT 3.6 diglot's XLIFF 1.2 in the
// shape its XLIFF filter wants (--xliff-version omegat: the source in
// <target>) and diglot's TMX in tm/auto/; console-translate writes a target
// file holding diglot's translations.
func TestOmegaTConsoleTranslate(t *testing.T) {
	omegat, err := exec.LookPath("omegat")
	if err != nil {
		t.Skip("omegat not installed (Debian package omegat)")
	}
	dir, doc := translateForCAT(t, "json,xliff,tmx", "omegat")
	project := filepath.Join(dir, "omegat")
	for _, d := range []string{"source", "target", "tm/auto", "glossary", "dictionary", "omegat"} {
		if err := os.MkdirAll(filepath.Join(project, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, filepath.Join(dir, "out", "a.fr-en.xlf"), filepath.Join(project, "source", "a.fr-en.xlf"))
	copyFile(t, filepath.Join(dir, "out", "a.fr-en.tmx"), filepath.Join(project, "tm", "auto", "a.fr-en.tmx"))
	if err := os.WriteFile(filepath.Join(project, "omegat.project"), []byte(omegatProject), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, omegat, project, "--mode=console-translate")
	if _, err := exec.LookPath("xvfb-run"); err == nil && os.Getenv("DISPLAY") == "" {
		// OmegaT 3.6's console mode needs no display here; xvfb-run keeps
		// it from reaching for one where Java's AWT is stricter.
		cmd = exec.CommandContext(ctx, "xvfb-run", "-a", omegat, project, "--mode=console-translate")
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("omegat: %v\n%s", err, out)
	}
	f, err := xliff.ReadFile(filepath.Join(project, "target", "a.fr-en.xlf"))
	if err != nil {
		t.Fatal(err)
	}
	units := f.Files[0].Units
	if len(units) != len(doc.Segments) {
		t.Fatalf("OmegaT wrote %d units, diglot %d", len(units), len(doc.Segments))
	}
	for i, s := range doc.Segments {
		if units[i].Target != s.Target {
			t.Errorf("%s: OmegaT wrote %q, diglot translated %q", s.ID, units[i].Target, s.Target)
		}
	}

	// OmegaT's target file goes back through tm import: nothing changed,
	// nothing refused.
	code, stdout, stderr := runIn(t, dir, nil, "tm", "import", filepath.Join(project, "target", "a.fr-en.xlf"))
	if code != 0 || !strings.Contains(stdout, "taken 0,") {
		t.Errorf("import of OmegaT's target file: exit %d\n%s%s", code, stdout, stderr)
	}
}

// toolkitPython returns the Python that runs translate-toolkit: the
// interpreter of its xliff2po script (a python3 earlier in PATH may not have
// the module), else python3. It skips the test when neither imports it.
func toolkitPython(t *testing.T) string {
	var candidates []string
	if script, err := exec.LookPath("xliff2po"); err == nil {
		if data, err := os.ReadFile(script); err == nil {
			line, _, _ := strings.Cut(string(data), "\n")
			if interp, ok := strings.CutPrefix(line, "#!"); ok {
				candidates = append(candidates, strings.Fields(interp)...)
			}
		}
	}
	if py, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, py)
	}
	for _, py := range candidates {
		if exec.Command(py, "-c", "import translate.storage.xliff").Run() == nil {
			return py
		}
	}
	t.Skip("translate-toolkit not installed (Debian package translate-toolkit)")
	return ""
}

const omegatProject = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>fr</source_lang>
        <target_lang>en</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
`

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// omegatTMX writes a TMX in the shape OmegaT 3.6 writes project_save.tmx:
// sentence segments, lang attributes, the translator's changeid and
// changedate on the target variant.
func omegatTMX(t *testing.T, path string, pairs [][2]string) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0_10" segtype="sentence" srclang="fr"/>
  <body>
`)
	for _, p := range pairs {
		fmt.Fprintf(&b, "    <tu>\n      <tuv lang=\"fr\">\n        <seg>%s</seg>\n      </tuv>\n      <tuv lang=\"en\" changeid=\"editor\" changedate=\"20261202T101500Z\" creationid=\"editor\" creationdate=\"20261202T101500Z\">\n        <seg>%s</seg>\n      </tuv>\n    </tu>\n", p[0], p[1])
	}
	b.WriteString("  </body>\n</tmx>\n")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportOmegaTTMX imports TMX files in the shape OmegaT writes: a
// pseudo-translation (targets = sources) approves nothing and exits 1
// listing every unit; a sentence-level project_save.tmx with one sentence
// edited gives its one-sentence paragraphs, and refuses, saying why, the
// sentence of a two-sentence paragraph (the memory holds paragraphs).
func TestImportOmegaTTMX(t *testing.T) {
	dir, doc := translateForCAT(t, "json", "1.2")
	pseudo := filepath.Join(dir, "pseudo.tmx")
	omegatTMX(t, pseudo, [][2]string{
		{"Le président est arrivé à Erevan.", "Le président est arrivé à Erevan."},
		{"La guerre est finie.", "La guerre est finie."},
	})
	code, stdout, _ := runIn(t, dir, nil, "tm", "import", pseudo)
	if code != 1 || !strings.Contains(stdout, "taken 0, unchanged 0, refused 2") ||
		!strings.Contains(stdout, `refused 1 "Le président est arrivé à Erevan.": its target is a copy of its source`) {
		t.Errorf("pseudo-translation: exit %d\n%s", code, stdout)
	}

	save := filepath.Join(dir, "project_save.tmx")
	omegatTMX(t, save, [][2]string{
		{doc.Segments[0].Source, "The president has arrived in Yerevan."}, // edited
		{"La guerre est finie.", "The war is over."},                      // a sentence of p2
		{doc.Segments[2].Source, doc.Segments[2].Target},                  // unchanged MT
	})
	code, stdout, _ = runIn(t, dir, nil, "tm", "import", save)
	if code != 1 || !strings.Contains(stdout, "taken 1, unchanged 1, refused 1") ||
		!strings.Contains(stdout, `refused 2 "La guerre est finie.": its source is not in the translation memory (the memory holds whole paragraphs`) {
		t.Errorf("sentence-level TMX: exit %d\n%s", code, stdout)
	}
}
