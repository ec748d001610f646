package output

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/xliff"
)

// writeXLIFF12 writes d as XLIFF 1.2 to a file and returns its path.
func writeXLIFF12(t *testing.T, d *bitext.Document, opt xliff.Options12) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLIFF12(&buf, d, opt); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sample.fr-en.xlf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestWriteXLIFF12Golden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLIFF12(&buf, xliffSample(), xliff.Options12{}); err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, filepath.Join("testdata", "sample.fr-en.1.2.xlf"), buf.Bytes())
}

// TestWriteXLIFF12Validates checks both shapes of XLIFF 1.2 against the OASIS
// strict schema, offline.
func TestWriteXLIFF12Validates(t *testing.T) {
	for name, opt := range map[string]xliff.Options12{"standard": {}, "omegat": {SourceInTarget: true}} {
		t.Run(name, func(t *testing.T) {
			if err := testkit.ValidateXLIFF12(t, writeXLIFF12(t, xliffSample(), opt)); err != nil {
				t.Fatalf("xmllint rejects the written XLIFF 1.2: %v", err)
			}
		})
	}
}

// TestXLIFF12RoundTrip writes a document as XLIFF 1.2 and reads it back
// through bitext.Open: text, metadata, sentences, terms, issues and states.
func TestXLIFF12RoundTrip(t *testing.T) {
	d := xliffSample()
	path := writeXLIFF12(t, d, xliff.Options12{})
	f, err := xliff.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	opened, err := bitext.Open(path, bitext.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != "1.2" || opened.Format != bitext.FormatXLIFF {
		t.Errorf("version %q format %q", f.Version, opened.Format)
	}
	got := opened.Document()
	if got.Source != d.Source || got.Target != d.Target || got.Backend != d.Backend {
		t.Errorf("metadata: got %+v %+v %+v", got.Source, got.Target, got.Backend)
	}
	if len(got.Segments) != len(d.Segments) {
		t.Fatalf("got %d segments, want %d", len(got.Segments), len(d.Segments))
	}
	for i, want := range d.Segments {
		t.Run(want.ID, func(t *testing.T) {
			g, u := got.Segments[i], f.Files[0].Units[i]
			if want.Kind == bitext.KindCode {
				// XLIFF 1.2 cannot hold U+0001: it becomes U+FFFD.
				want.Source = strings.ReplaceAll(want.Source, "\x01", "\uFFFD")
				want.Target = want.Source
			}
			if g.ID != want.ID || g.Source != want.Source || g.Target != want.Target {
				t.Errorf("got %q %q -> %q, want %q %q -> %q", g.ID, g.Source, g.Target, want.ID, want.Source, want.Target)
			}
			if g.Kind != want.Kind || g.Origin != want.Origin || g.MT != want.MT || g.Line != want.Line || g.Level != want.Level || g.Marker != want.Marker {
				t.Errorf("segment fields: got %+v", g)
			}
			if !reflect.DeepEqual(g.Issues, want.Issues) {
				t.Errorf("issues: got %+v, want %+v", g.Issues, want.Issues)
			}
			if !reflect.DeepEqual(g.Terms, want.Terms) {
				t.Errorf("terms: got %+v, want %+v", g.Terms, want.Terms)
			}
			state, qualifier, _ := State12(want.Origin)
			if want.Target == "" {
				state, qualifier = "", ""
			}
			if u.State != state || u.StateQualifier != qualifier {
				t.Errorf("state %q/%q, want %q/%q", u.State, u.StateQualifier, state, qualifier)
			}
		})
	}
	p1 := f.Files[0].Units[1]
	if len(p1.Segments) != 2 || p1.Segments[1].Source != d.Segments[1].Sentences[1] || p1.Segments[1].Target != "The two leaders discussed Nagorno-Karabakh!" {
		t.Errorf("p1 sentences: %+v", p1.Segments)
	}
	if n := len(f.Files[0].Units[3].Segments); n != 1 {
		t.Errorf("p3 has %d segments, want 1 (target sentences do not match)", n)
	}
}

// TestXLIFF12SourceInTarget checks the OmegaT shape: every translatable
// target holds the source, and nothing claims to be translated.
func TestXLIFF12SourceInTarget(t *testing.T) {
	f, err := xliff.ReadFile(writeXLIFF12(t, xliffSample(), xliff.Options12{SourceInTarget: true}))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range f.Files[0].Units {
		if !u.Translate {
			continue
		}
		if u.Target != u.Source || u.State != "needs-translation" || u.Approved {
			t.Errorf("%s: target %q state %q approved %v", u.ID, u.Target, u.State, u.Approved)
		}
	}
}

// TestReadOkapiXLIFF12 reads the Okapi XLIFF 1.2 samples through bitext.Open.
func TestReadOkapiXLIFF12(t *testing.T) {
	dir := testkit.Corpus(t, "xliff", "okapi")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xlf"))
	if len(files) == 0 {
		t.Fatalf("no XLIFF files in %s", dir)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := bitext.Open(path, bitext.Options{})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, p := range f.Parts {
				n += len(p.Units)
			}
			if n == 0 {
				t.Error("no units read")
			}
		})
	}
}

func TestLookupXLIFFVersion(t *testing.T) {
	for in, want := range map[string]string{"": XLIFF12, "1.2": XLIFF12, "2.1": XLIFF21, "2.0": XLIFF21, "omegat": XLIFFOmegaT, "3": ""} {
		got, err := LookupXLIFFVersion(in)
		if got != want || (err != nil) != (want == "") {
			t.Errorf("LookupXLIFFVersion(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
