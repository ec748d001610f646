package glossary

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TBX v2 as ISO 30042:2008 lays it out, in the test's own types (there is no
// TBX schema to validate against offline).
type martif struct {
	XMLName xml.Name `xml:"martif"`
	Type    string   `xml:"type,attr"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Header  struct {
		Source string `xml:"fileDesc>sourceDesc>p"`
	} `xml:"martifHeader"`
	Entries []struct {
		ID       string `xml:"id,attr"`
		Note     string `xml:"note"`
		LangSets []struct {
			Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			Tigs []struct {
				Term  string `xml:"term"`
				Notes []struct {
					Type string `xml:"type,attr"`
					Text string `xml:",chardata"`
				} `xml:"termNote"`
			} `xml:"tig"`
		} `xml:"langSet"`
	} `xml:"text>body>termEntry"`
}

func TestWriteTBX2Structure(t *testing.T) {
	g := loadSample(t)
	var buf bytes.Buffer
	if err := Write(&buf, g, "tbx"); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("<!DOCTYPE")) || bytes.Contains(buf.Bytes(), []byte("xmlns")) {
		t.Error("TBX v2 output has a DOCTYPE or a namespace")
	}
	var m martif
	if err := xml.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if m.Type != "TBX-Basic" || m.Lang != "fr" || m.Header.Source == "" {
		t.Errorf("martif type=%q xml:lang=%q source %q", m.Type, m.Lang, m.Header.Source)
	}
	if len(m.Entries) != len(g.Entries) {
		t.Fatalf("%d termEntry, want %d", len(m.Entries), len(g.Entries))
	}
	statuses := []string{admnPreferred, admnAdmitted, admnDeprecated}
	ids := map[string]bool{}
	for i, te := range m.Entries {
		e := g.Entries[i]
		if te.ID == "" || ids[te.ID] {
			t.Errorf("entry %d: id %q empty or repeated", i, te.ID)
		}
		ids[te.ID] = true
		if te.Note != e.Note {
			t.Errorf("entry %d: note %q, want %q", i, te.Note, e.Note)
		}
		// One langSet per language: variants are synonyms of one concept.
		if len(te.LangSets) != 2 || te.LangSets[0].Lang != "fr" || te.LangSets[1].Lang != "en" {
			t.Fatalf("entry %d: langSets %+v, want one fr and one en", i, te.LangSets)
		}
		var fr, en []string
		for k, ls := range te.LangSets {
			for j, tig := range ls.Tigs {
				if k == 0 {
					fr = append(fr, tig.Term)
				} else {
					en = append(en, tig.Term)
				}
				var status string
				for _, n := range tig.Notes {
					switch n.Type {
					case "administrativeStatus":
						status = n.Text
					case "partOfSpeech":
						if n.Text != e.POS || j != 0 {
							t.Errorf("entry %d: partOfSpeech %q on term %d", i, n.Text, j)
						}
					default:
						t.Errorf("entry %d: termNote type %q is not TBX-Basic", i, n.Type)
					}
				}
				if !slices.Contains(statuses, status) || (j == 0) != (status == admnPreferred) {
					t.Errorf("entry %d: term %q has status %q", i, tig.Term, status)
				}
			}
		}
		if want := append(slices.Clone(e.Sources), e.Forms...); !slices.Equal(fr, want) {
			t.Errorf("entry %d: fr terms %q, want %q", i, fr, want)
		}
		if want := append(append([]string{e.Target}, e.TargetForms...), e.Forbidden...); !slices.Equal(en, want) {
			t.Errorf("entry %d: en terms %q, want %q", i, en, want)
		}
	}
	// The existing TBX reader gives back the entries, variants grouped.
	back, err := Parse("back.tbx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if back.Files[0].Skipped != 0 || len(back.Entries) != len(g.Entries) || !slices.Equal(back.Entries[0].Sources, g.Entries[0].Sources) {
		t.Errorf("read back: %d entries, %d skipped, first %q", len(back.Entries), back.Files[0].Skipped, back.Entries[0].Sources)
	}
}

func TestFormatOfOmegaT(t *testing.T) {
	for _, name := range []string{"g.tab", "G.UTF8"} {
		if f, err := FormatOf(name); err != nil || f != "tab" {
			t.Errorf("FormatOf(%q) = %q, %v; want tab", name, f, err)
		}
	}
}

// TestOmegaTReadsExports has OmegaT's own glossary readers (TBX, tab, CSV)
// read what diglot writes: every source form of every entry must come with
// its target. It needs Java and OmegaT (Debian's omegat; OMEGAT_JAR names
// another OmegaT.jar) and takes some seconds, so -short skips it.
func TestOmegaTReadsExports(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starting OmegaT takes seconds")
	}
	jar := os.Getenv("OMEGAT_JAR")
	if jar == "" {
		jar = "/usr/share/omegat/OmegaT.jar"
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("no java")
	}
	if _, err := os.Stat(jar); err != nil {
		t.Skipf("no OmegaT: %v", err)
	}
	g := loadSample(t)
	g.Entries = g.Entries[:len(g.Entries)-1] // "#MeToo" has no place in tab
	dir := t.TempDir()
	files := []string{"names.tbx", "names.tab", "names.utf8", "names.csv"}
	for _, f := range files {
		if err := WriteFile(filepath.Join(dir, f), g, must(FormatOf(f))); err != nil {
			t.Fatal(err)
		}
	}
	driver, _ := filepath.Abs(filepath.Join("testdata", "omegat", "ReadGlossary.java"))
	// A short run: the quick compiler alone and one GC thread halve the
	// JVM's CPU time; what OmegaT reads does not change.
	cmd := exec.Command(java, append([]string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
		"-cp", jar, driver, dir, "fr", "en"}, files...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("OmegaT: %v\n%s", err, out)
	}
	got := map[string]bool{} // file \t source \t target
	comment := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		cells := strings.Split(line, "\t")
		if len(cells) != 4 {
			continue
		}
		for _, tgt := range strings.Split(cells[2], "|") {
			got[cells[0]+"\t"+cells[1]+"\t"+tgt] = true
		}
		comment[cells[0]+"\t"+cells[1]] = cells[3]
	}
	for _, f := range files {
		for _, e := range g.Entries {
			for i, src := range append(slices.Clone(e.Sources), e.Forms...) {
				if !got[f+"\t"+src+"\t"+e.Target] {
					t.Errorf("OmegaT did not read %q -> %q from %s", src, e.Target, f)
				}
				if f == "names.csv" && i > 0 {
					continue // CSV has the note on the entry's first row only
				}
				if c := comment[f+"\t"+src]; e.Note != "" && !strings.Contains(c, e.Note) {
					t.Errorf("%s: %q: OmegaT's comment %q lacks the note %q", f, src, c, e.Note)
				}
			}
		}
	}
	if t.Failed() {
		t.Logf("OmegaT read:\n%s", out)
	}
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

// FuzzCATExports: whatever a YAML glossary holds, the TBX v2 export reads
// back with the same sources, target, target forms, forbidden forms and
// note for each entry, and the tab export (when it can be written) with the
// same sources and target.
func FuzzCATExports(f *testing.F) {
	f.Add("entries:\n  - source: Haut-Karabakh\n    variants: [Haut Karabakh]\n    target: Nagorno-Karabakh\n    forbidden: [Upper Karabakh]\n    note: \"a < b & c\"\n")
	f.Add("entries:\n  - source: \"x]]>\"\n    target: \"&amp;\"\n    target_forms: [\"<y>\"]\n")
	f.Fuzz(func(t *testing.T, data string) {
		g, err := Parse("f.yaml", []byte(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, g, "tbx"); err != nil {
			t.Fatal(err)
		}
		back, err := Parse("back.tbx", buf.Bytes())
		if err != nil {
			t.Fatalf("TBX v2 written does not read back: %v\n%s", err, buf.String())
		}
		if len(back.Entries) != len(g.Entries) {
			t.Fatalf("TBX v2: %d entries back, want %d\n%s", len(back.Entries), len(g.Entries), buf.String())
		}
		for i, e := range g.Entries {
			b := back.Entries[i]
			// the reader drops repeated terms, and target forms equal to the target
			var forms []string
			for _, f := range uniq(e.TargetForms) {
				if foldString(f) != foldString(e.Target) {
					forms = append(forms, f)
				}
			}
			if !slices.Equal(b.Sources, uniq(append(slices.Clone(e.Sources), e.Forms...))) || b.Target != e.Target || b.Note != e.Note ||
				!slices.Equal(b.TargetForms, forms) || !slices.Equal(b.Forbidden, uniq(e.Forbidden)) {
				t.Fatalf("TBX v2 entry %d: got %+v, want %+v", i, b, e)
			}
		}
		buf.Reset()
		if err := Write(&buf, g, "tab"); err != nil {
			return // a form starting with # or a header-like first row
		}
		back, err = Parse("back.tab", buf.Bytes())
		if err != nil {
			t.Fatalf("tab written does not read back: %v\n%q", err, buf.String())
		}
		for i, e := range back.Entries {
			if i < len(g.Entries) && e.Target != g.Entries[i].Target {
				t.Fatalf("tab entry %d: target %q, want %q", i, e.Target, g.Entries[i].Target)
			}
		}
	})
}

// uniq drops the repeats of ss, keeping the first of each.
func uniq(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
