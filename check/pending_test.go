package check

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/diglot/diglot/glossary"
)

// TestLoadGlossary: a glossary loaded while the inputs are read gives the
// report the same glossary given up front gives, and its error is the
// run's, as it is, before that of any input.
func TestLoadGlossary(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 { // more than the read-ahead, so that some wait
		text := fmt.Sprintf("Le président Pashinian, %d.\n\nLe Haut-Karabakh.\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g, err := glossary.Parse("names.tsv", []byte("Pachinian\tPashinyan\nPashinian\tPashinyan\nHaut-Karabakh\tNagorno-Karabakh\n"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want, err := RunPaths(ctx, []string{dir}, Options{Glossary: g}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want.Summary.Rules[SourceVariant] == 0 {
		t.Fatalf("the glossary found nothing: %+v", want.Summary)
	}
	got, err := RunPaths(ctx, []string{dir}, Options{LoadGlossary: func() (*glossary.Glossary, error) { return g, nil }}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with the glossary loaded during the run:\n%+v\nwant\n%+v", got.Summary, want.Summary)
	}

	none, err := RunPaths(ctx, []string{dir}, Options{LoadGlossary: func() (*glossary.Glossary, error) { return nil, nil }}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(none.Summary.Skipped) != 3 {
		t.Errorf("no glossary: skipped %v, want the three glossary rules", none.Summary.Skipped)
	}

	bad := errors.New("names.tsv:3: 4 columns, want 2 or 3")
	failing := Options{LoadGlossary: func() (*glossary.Glossary, error) { return nil, bad }}
	for _, paths := range [][]string{{dir}, {filepath.Join(dir, "missing.xlf")}} {
		_, err := RunPaths(ctx, paths, failing, nil)
		var ue *UnreadableError
		if err != bad || errors.As(err, &ue) {
			t.Errorf("%v: %v, want the glossary's error as it is", paths, err)
		}
	}
	if _, err := Run(ctx, nil, failing); err != bad {
		t.Errorf("no inputs: %v, want the glossary's error", err)
	}
}
