package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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
	return translateFileForCAT(t, "a.txt", catArticle, formats, version)
}

// translateFileForCAT translates text as in/NAME with the fake DeepL server
// and returns the folder and the document.
func translateFileForCAT(t *testing.T, name, text, formats, version string) (string, *bitext.Document) {
	t.Helper()
	srv := newCountingServer(t, 0)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/" + name: text})
	code, _, stderr := runIn(t, dir, deeplEnv, "translate", "--backend", "deepl", "--endpoint", srv.URL,
		"--format", formats, "--xliff-version", version, "--out", "out", "in")
	if code != 0 {
		t.Fatalf("translate: exit %d\n%s", code, stderr)
	}
	base := strings.TrimSuffix(name, filepath.Ext(name))
	return dir, readDoc(t, filepath.Join(dir, "out", base+".fr-en.json"))
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
// edited in a one-sentence paragraph and one in a two-sentence paragraph
// is taken whole, and the next translate publishes both sentences and
// keeps the rest: the untouched sentence of the two-sentence paragraph is
// the machine's, spliced from the memory or, under other settings, sent
// alone.
func TestImportOmegaTTMX(t *testing.T) {
	srv := newCountingServer(t, 0)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/a.txt": catArticle})
	if code, _, stderr := runIn(t, dir, deeplEnv, "translate", "--backend", "deepl", "--endpoint", srv.URL, "--format", "json", "--out", "out", "in"); code != 0 {
		t.Fatalf("translate: exit %d\n%s", code, stderr)
	}
	doc := readDoc(t, filepath.Join(dir, "out", "a.fr-en.json"))
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
		{"La guerre est finie.", "The war is over now."},                  // a sentence of p2, edited
		{"Une phrase que personne n'a traduite.", "A sentence nobody translated."},
		{doc.Segments[2].Source, doc.Segments[2].Target}, // unchanged MT
	})
	code, stdout, _ = runIn(t, dir, nil, "tm", "import", save)
	if code != 1 || !strings.Contains(stdout, "taken 2, unchanged 1, refused 1") ||
		!strings.Contains(stdout, `refused 3 "Une phrase que personne n'a traduite.": its source is not in the translation memory`) {
		t.Errorf("sentence-level TMX: exit %d\n%s", code, stdout)
	}

	// The memory's machine translation of p2, with the editor's sentence
	// in place of the machine's, or the other sentence sent alone.
	for _, run := range []struct {
		name string
		args []string
	}{{"same settings", nil}, {"other settings", []string{"--option", "formality=prefer_more"}}} {
		t.Run(run.name, func(t *testing.T) {
			_, before := srv.counts()
			args := append([]string{"translate", "--backend", "deepl", "--endpoint", srv.URL, "--format", "json,xliff", "--out", "out2-" + strings.ReplaceAll(run.name, " ", "-")}, run.args...)
			code, _, stderr := runIn(t, dir, deeplEnv, append(args, "in")...)
			if code != 0 {
				t.Fatalf("translate: exit %d\n%s", code, stderr)
			}
			got := readDoc(t, filepath.Join(dir, args[len(args)-1-len(run.args)], "a.fr-en.json"))
			if s := got.Segments[0]; s.Target != "The president has arrived in Yerevan." || s.Origin != "approved" || s.State != "translated" {
				t.Errorf("p1: %q origin %s state %q", s.Target, s.Origin, s.State)
			}
			p2 := got.Segments[1]
			if !strings.HasPrefix(p2.Target, "The war is over now. ") || len(p2.Target) <= len("The war is over now. ") || p2.Origin == "approved" {
				t.Errorf("p2: %q origin %s", p2.Target, p2.Origin)
			}
			_, sent := srv.counts()
			for k, n := range before {
				sent[k] -= n
			}
			if sent["La guerre est finie. La paix est revenue."] > 0 || sent["La guerre est finie."] > 0 {
				t.Errorf("the approved sentence was sent: %v", sent)
			}
			switch {
			case run.args == nil && (p2.Origin != "tm" || sent["La paix est revenue."] != 0):
				t.Errorf("p2 is not the memory's translation with the editor's sentence (origin %s, sent %v)", p2.Origin, sent)
			case run.args != nil && (p2.Origin != "mt" || sent["La paix est revenue."] != 1):
				t.Errorf("the other sentence was not sent alone (origin %s, sent %v)", p2.Origin, sent)
			}
			if s := got.Segments[2]; s.Target != doc.Segments[2].Target {
				t.Errorf("p3: %q, want %q", s.Target, doc.Segments[2].Target)
			}
		})
	}
}

// TestXLIFF12SentenceEditAndState imports diglot's own XLIFF 1.2 with one
// sentence of a two-sentence paragraph edited, and a one-sentence
// paragraph set final with a note: the sentence alone is approved (the
// paragraph's other sentence stays the machine's), and the final unit
// comes back out final, with its note, in the next translate's XLIFF and
// JSON and in tm export.
func TestXLIFF12SentenceEditAndState(t *testing.T) {
	dir, doc := translateForCAT(t, "json,xliff", "1.2")
	xlf := filepath.Join(dir, "out", "a.fr-en.xlf")
	data, err := os.ReadFile(xlf)
	if err != nil {
		t.Fatal(err)
	}
	mt2 := xliff.SplitSentences(doc.Segments[1].Target)
	if len(mt2) != 2 {
		t.Fatalf("p2's machine translation %q is not two sentences", doc.Segments[1].Target)
	}
	edited := strings.Replace(string(data), `<mrk mtype="seg" mid="2">`+strings.TrimSpace(mt2[1])+`</mrk>`, `<mrk mtype="seg" mid="2">Peace has returned.</mrk>`, 1)
	edited = strings.Replace(edited, `<target state="translated" state-qualifier="leveraged-mt">`+doc.Segments[0].Target+`</target>`,
		`<target state="final">The president has arrived in Yerevan.</target><note>diglot-ignore: term-missing (desk)</note>`, 1)
	if edited == string(data) || strings.Count(edited, "Peace has returned.") != 1 || !strings.Contains(edited, `state="final"`) {
		t.Fatalf("could not edit the XLIFF:\n%s", data)
	}
	path := filepath.Join(dir, "edited.xlf")
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runIn(t, dir, nil, "tm", "import", path); code != 0 || !strings.Contains(stdout, "taken 2, unchanged 1, refused 0") {
		t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
	}
	srv := newCountingServer(t, 0)
	if code, _, stderr := runIn(t, dir, deeplEnv, "translate", "--backend", "deepl", "--endpoint", srv.URL,
		"--format", "json,xliff", "--out", "out2", "--option", "formality=prefer_more", "in"); code != 0 {
		t.Fatalf("translate: exit %d\n%s", code, stderr)
	}
	got := readDoc(t, filepath.Join(dir, "out2", "a.fr-en.json"))
	if s := got.Segments[0]; s.Origin != "approved" || s.State != "final" || len(s.Notes) != 1 || !strings.HasPrefix(s.Notes[0], "diglot-ignore") {
		t.Errorf("p1: origin %s state %q notes %q", s.Origin, s.State, s.Notes)
	}
	if s := got.Segments[1]; s.Origin == "approved" || !strings.HasSuffix(s.Target, " Peace has returned.") {
		t.Errorf("p2: %q origin %s: want the machine's first sentence and the editor's second", s.Target, s.Origin)
	}
	if _, sent := srv.counts(); sent["La paix est revenue."] > 0 || sent["Le président est arrivé à Erevan."] > 0 {
		t.Errorf("approved text was sent: %v", sent)
	}
	x, err := xliff.ReadFile(filepath.Join(dir, "out2", "a.fr-en.xlf"))
	if err != nil {
		t.Fatal(err)
	}
	if u := x.Files[0].Units[0]; u.State != "final" || !u.Approved || !slices.ContainsFunc(u.Notes, func(n string) bool { return strings.HasPrefix(n, "diglot-ignore") }) {
		t.Errorf("XLIFF p1: state %q approved %v notes %q", u.State, u.Approved, u.Notes)
	}
	code, stdout, _ := runIn(t, dir, nil, "tm", "export", "--approved-only")
	if code != 0 || !strings.Contains(stdout, `<prop type="x-diglot-state">final</prop>`) || !strings.Contains(stdout, "<note>diglot-ignore: term-missing (desk)</note>") ||
		!strings.Contains(stdout, "<seg>La paix est revenue.</seg>") {
		t.Errorf("tm export: exit %d\n%s", code, stdout)
	}
}
