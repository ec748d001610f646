package check

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/xliff"
)

func runFiles(files ...string) (*Report, error) {
	var inputs []Input
	for _, f := range files {
		inputs = append(inputs, Input{Path: f, Name: filepath.ToSlash(f)})
	}
	return Run(context.Background(), inputs, Options{})
}

// TestCorpusReadable checks the valid files of the OASIS XLIFF 2.1 suite and
// the Okapi TMX samples (some UTF-16 with CRLF): each is read, whatever it
// finds.
func TestCorpusReadable(t *testing.T) {
	var files []string
	for _, pattern := range [][]string{
		{"xliff", "oasis-xliff21-test-suite", "core", "valid", "*.xlf"},
		{"tmx", "okapi", "*.tmx"},
	} {
		dir := testkit.Corpus(t, pattern[:len(pattern)-1]...)
		found, _ := filepath.Glob(filepath.Join(dir, pattern[len(pattern)-1]))
		if len(found) == 0 {
			t.Fatalf("no %s in %s", pattern[len(pattern)-1], dir)
		}
		files = append(files, found...)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r, err := runFiles(f)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			t.Logf("%d segments, %s", r.Summary.Segments, r.Summary)
		})
	}
}

// TestCorpusInvalid checks the invalid files of the OASIS XLIFF 2.1 suite:
// what package xliff refuses (not well-formed, structure missing) check
// refuses too, with the file and line, and the structural ones are all
// refused.
func TestCorpusInvalid(t *testing.T) {
	dir := testkit.Corpus(t, "xliff", "oasis-xliff21-test-suite", "core", "invalid")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xlf"))
	if len(files) == 0 {
		t.Fatalf("no files in %s", dir)
	}
	refused := 0
	for _, f := range files {
		_, readErr := xliff.ReadFile(f)
		_, err := runFiles(f)
		if (readErr != nil) != (err != nil) {
			t.Errorf("%s: xliff says %v, check says %v", filepath.Base(f), readErr, err)
		}
		if err == nil {
			continue
		}
		refused++
		var pe *xliff.ParseError
		if !errors.As(err, &pe) || pe.Line < 1 || !strings.HasPrefix(err.Error(), filepath.ToSlash(f)+":") {
			t.Errorf("%s: error %q does not name file:line", filepath.Base(f), err)
		}
	}
	for _, name := range []string{"bad_NoFile.xlf", "bad_UnitWithoutSegment.xlf", "bad_SegmentWithoutSource.xlf", "bad_NoTrgLang.xlf"} {
		if _, err := runFiles(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s passed, want refused", name)
		}
	}
	t.Logf("refused %d of %d invalid files", refused, len(files))
}

func TestUnreadableInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, file, content, want string
	}{
		{"json syntax", "a.fr-en.json", "{\n  \"schema\": \"diglot.bitext/v1\",\n  \"segments\": [\n    {\"id\": \"p1\",}\n  ]\n}\n", "a.fr-en.json:4: "},
		{"not bitext", "package.json", "{\n  \"name\": \"web\",\n  \"schema\": \"x\"\n}\n", "package.json:3: bitext: schema"},
		{"wrong type", "b.fr-en.json", "{\n  \"schema\": \"diglot.bitext/v1\",\n  \"segments\": [\n    {\"id\": 7}\n  ]\n}\n", "b.fr-en.json:4: "},
		{"duplicate id", "c.fr-en.json", "{\"schema\": \"diglot.bitext/v1\", \"segments\": [\n{\"id\": \"p1\"},\n{\"id\": \"p1\"}\n]}\n", "c.fr-en.json:3: bitext: duplicate"},
		{"malformed xliff", "d.xlf", "<?xml version=\"1.0\"?>\n<xliff version=\"2.1\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"fr\">\n<file id=\"f\">\n</xliff>\n", "d.xlf:"},
		{"malformed tmx", "e.tmx", "<tmx version=\"1.4\">\n<header/>\n", "e.tmx:"},
		{"empty article", "f.txt", "", "f.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(tt.file, tt.content)
			_, err := Run(context.Background(), []Input{{Path: p, Name: tt.file}}, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
