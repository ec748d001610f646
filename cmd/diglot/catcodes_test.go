package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/xliff"
)

// Markdown inline markup through the CAT tools Debian ships: XLIFF 1.2
// writes it as <bpt>/<ept> and <ph> codes holding the markup.

// catMarkdown has every kind of inline code, in one-sentence and
// two-sentence paragraphs.
const catMarkdown = "Le **Haut-Karabakh** est cité dans [l’accord](https://ex.fr/a?b=1&c=2). Le code `go test` marche.\n\n" +
	"Une *guerre* __longue__ et ~~fausse~~ avec <https://ex.fr> et ![photo](img.png).\n\n" +
	"Le Conseil européen a parlé.\n"

// translateMarkdownForCAT translates catMarkdown as in/b.md, as
// [translateForCAT] does catArticle.
func translateMarkdownForCAT(t *testing.T, formats, version string) (string, *bitext.Document) {
	t.Helper()
	dir, doc := translateFileForCAT(t, "b.md", catMarkdown, formats, version)
	for _, s := range doc.Segments[:2] {
		if len(s.Codes) == 0 || len(s.TargetCodes) != len(s.Codes) {
			t.Fatalf("%s: codes %+v -> %+v: the translation lost some", s.ID, s.Codes, s.TargetCodes)
		}
	}
	return dir, doc
}

// TestTranslateToolkitReadsXLIFF12Codes: translate-toolkit reads every unit
// of a Markdown article's XLIFF 1.2 with its source and target as diglot
// has them, markup included, and sees the codes as inline elements.
func TestTranslateToolkitReadsXLIFF12Codes(t *testing.T) {
	py := toolkitPython(t)
	dir, doc := translateMarkdownForCAT(t, "json,xliff", "1.2")
	script := `import json, sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
def elems(rich):
    out = []
    def walk(e):
        for s in getattr(e, "sub", []):
            if not isinstance(s, str):
                if type(s).__name__ != "StringElem":
                    out.append(getattr(s, "xml_node", None) is not None and s.xml_node.tag.split("}")[-1] or type(s).__name__)
                walk(s)
    for r in rich:
        walk(r)
    return out
print(json.dumps([{"id": u.getid(), "source": str(u.source), "target": str(u.target or ""), "codes": elems(u.rich_source)} for u in store.units if not u.isheader()]))`
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, py, "-c", script, filepath.Join(dir, "out", "b.fr-en.xlf")).CombinedOutput()
	if err != nil {
		t.Fatalf("translate-toolkit: %v\n%s", err, out)
	}
	var units []struct {
		ID, Source, Target string
		Codes              []string
	}
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
	if got := units[0].Codes; len(got) != 5 || got[0] != "bpt" || got[1] != "ept" || !slices.Contains(got, "ph") {
		t.Errorf("translate-toolkit sees the codes of p1 as %q, want bpt, ept, bpt, ept, ph", got)
	}
}

// omegatTag is an OmegaT tag shortcut: <f0>, </f0>, <g2/>.
var omegatTag = regexp.MustCompile(`</?[a-z][0-9]+/?>`)

// TestOmegaTKeepsCodes gives OmegaT 3.6 a Markdown article's XLIFF 1.2 in
// the shape its filter wants. OmegaT shows each code as a tag (its
// pseudo-translation lists the segments as it sees them: tags, no
// asterisks); diglot's own TMX fills only the unit without codes, since
// OmegaT reads an external TMX without its tags; a translation memory of
// the segments with the tags, as an OmegaT user's project memory holds
// them, fills the target file with the codes kept, and that file goes back through tm import with its markup:
// the next translate publishes the editor's text, markup and all.
func TestOmegaTKeepsCodes(t *testing.T) {
	omegat, err := exec.LookPath("omegat")
	if err != nil {
		t.Skip("omegat not installed (Debian package omegat)")
	}
	dir, doc := translateMarkdownForCAT(t, "json,xliff,tmx", "omegat")
	project := filepath.Join(dir, "omegat")
	for _, d := range []string{"source", "target", "tm/auto", "glossary", "dictionary", "omegat"} {
		if err := os.MkdirAll(filepath.Join(project, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, filepath.Join(dir, "out", "b.fr-en.xlf"), filepath.Join(project, "source", "b.fr-en.xlf"))
	if err := os.WriteFile(filepath.Join(project, "omegat.project"), []byte(omegatProject), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		args = append([]string{project}, args...)
		cmd := exec.CommandContext(ctx, omegat, args...)
		if _, err := exec.LookPath("xvfb-run"); err == nil && os.Getenv("DISPLAY") == "" {
			cmd = exec.CommandContext(ctx, "xvfb-run", append([]string{"-a", omegat}, args...)...)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("omegat %s: %v\n%s", args[1], err, out)
		}
	}

	// The segments as OmegaT sees them.
	pseudo := filepath.Join(dir, "pseudo.tmx")
	run("--mode=console-createpseudotranslatetmx", "--pseudotranslatetmx="+pseudo, "--pseudotranslatetype=equal")
	segs := tmxSegments(t, pseudo)
	tagged := 0
	for _, s := range segs {
		if strings.ContainsAny(s, "*`~[") {
			t.Errorf("OmegaT shows markup as text: %q", s)
		}
		if omegatTag.MatchString(s) {
			tagged++
		}
	}
	// p1's two sentences and p2 have codes.
	if len(segs) != 4 || tagged != 3 {
		t.Fatalf("OmegaT segments (%d with tags): %q", tagged, segs)
	}

	// diglot's TMX fills the unit without codes only: OmegaT reads an
	// external TMX without its tags (not at "level 2"), so a segment with
	// tags has no exact match there.
	diglotTMX := filepath.Join(project, "tm", "auto", "b.fr-en.tmx")
	copyFile(t, filepath.Join(dir, "out", "b.fr-en.tmx"), diglotTMX)
	run("--mode=console-translate")
	f, err := xliff.ReadFile(filepath.Join(project, "target", "b.fr-en.xlf"))
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range f.Files[0].Units {
		want := doc.Segments[i].Source
		if i == 2 {
			want = doc.Segments[i].Target
		}
		if u.Target != want {
			t.Errorf("%s with diglot's TMX: OmegaT wrote %q, want %q", u.ID, u.Target, want)
		}
	}
	if err := os.Remove(diglotTMX); err != nil {
		t.Fatal(err)
	}

	// A project memory: each segment "translated" as "EN " + itself, tags
	// where they were.
	var pairs [][2]string
	for _, s := range segs {
		pairs = append(pairs, [2]string{xmlText(s), xmlText("EN " + s)})
	}
	omegatTMX(t, filepath.Join(project, "tm", "auto", "project.tmx"), pairs)
	run("--mode=console-translate")
	target := filepath.Join(project, "target", "b.fr-en.xlf")
	f, err = xliff.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	units := f.Files[0].Units
	if len(units) != len(doc.Segments) {
		t.Fatalf("OmegaT wrote %d units, diglot %d", len(units), len(doc.Segments))
	}
	want := []string{
		"EN Le **Haut-Karabakh** est cité dans [l’accord](https://ex.fr/a?b=1&c=2). EN Le code `go test` marche.",
		"EN Une *guerre* __longue__ et ~~fausse~~ avec <https://ex.fr> et ![photo](img.png).",
		"EN Le Conseil européen a parlé.",
	}
	for i, u := range units {
		if u.Target != want[i] || !slices.Equal(u.SourceCodes, u.TargetCodes) {
			t.Errorf("%s: OmegaT wrote %q, codes %v -> %v; want %q", u.ID, u.Target, u.SourceCodes, u.TargetCodes, want[i])
		}
	}

	// Back into the memory, markup and all: 4 taken, the two sentences of
	// the first unit each on its own (docs/tm.md, "Sentences"), then the
	// two one-sentence units.
	code, stdout, stderr := runIn(t, dir, nil, "tm", "import", target)
	if code != 0 || !strings.Contains(stdout, "taken 4,") {
		t.Fatalf("import of OmegaT's target file: exit %d\n%s%s", code, stdout, stderr)
	}
	srv := newCountingServer(t, 0)
	code, _, stderr = runIn(t, dir, deeplEnv, "translate", "--backend", "deepl", "--endpoint", srv.URL, "--format", "json", "--out", "out2", "in")
	if code != 0 {
		t.Fatalf("translate from the memory: exit %d\n%s", code, stderr)
	}
	if n, _ := srv.counts(); n != 0 {
		t.Errorf("translate from the memory sent %d requests", n)
	}
	again := readDoc(t, filepath.Join(dir, "out2", "b.fr-en.json"))
	for i, s := range again.Segments {
		if s.Target != want[i] || s.Origin != "approved" || len(s.TargetCodes) != len(s.Codes) || len(s.Issues) != 0 {
			t.Errorf("%s: published %q (%s), codes %d -> %d, issues %+v; want %q", s.ID, s.Target, s.Origin, len(s.Codes), len(s.TargetCodes), s.Issues, want[i])
		}
	}
}

// tmxSegments returns the text of the source segments of a TMX file
// OmegaT wrote (its tags are escaped text there).
func tmxSegments(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<tuv lang="fr">\s*<seg>(.*?)</seg>`).FindAllStringSubmatch(string(data), -1) {
		s := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&").Replace(m[1])
		out = append(out, s)
	}
	return out
}

// xmlText escapes s for element content.
func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
