package edition

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/output"
)

// Input is one article file of a batch.
type Input struct {
	Path string // as the file system knows it
	Rel  string // slash-separated, relative to the root it was found under: outputs mirror it
	// Named is true for a file named as an input (not found by walking a
	// folder): it is read before the batch starts, and a bad one is an
	// input error.
	Named bool
}

// Collect expands paths: a file is taken as it is; a folder is walked for
// the files package article reads (article.FormatOf), skipping hidden folders,
// skip (the output folder) and diglot's own outputs ([output.IsOwnOutput]:
// with --out equal to the input folder, or an old output folder inside it).
// A path that does not exist, a file of another kind, a file named that is
// diglot's own output, a folder without articles, and two inputs that would
// write the same outputs ([output.BaseName]: a.txt and a.md in one folder,
// x\y.txt and x/y.txt, the same name in two folders named) are
// [*InputError]s, the last naming both.
func Collect(paths []string, skip string) ([]Input, error) {
	var out []Input
	seen := map[string]bool{}
	add := func(in Input) {
		abs, err := filepath.Abs(in.Path)
		if err == nil && seen[abs] {
			return
		}
		seen[abs] = true
		out = append(out, in)
	}
	skipAbs, _ := filepath.Abs(skip)
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, &InputError{Path: p, Err: fmt.Errorf("%s: %w", p, unwrapPathError(err))}
		}
		if !fi.IsDir() {
			if article.FormatOf(p) == "" {
				return nil, &InputError{Path: p, Err: fmt.Errorf("%s: not an article (want .txt or .md)", p)}
			}
			if isOwnOutput(p) {
				return nil, &InputError{Path: p, Err: fmt.Errorf("%s: an output of diglot translate, not an article", p)}
			}
			add(Input{Path: p, Rel: filepath.ToSlash(filepath.Base(p)), Named: true})
			continue
		}
		found, err := walk(p, skipAbs)
		if err != nil {
			return nil, &InputError{Path: p, Err: err}
		}
		if len(found) == 0 {
			return nil, &InputError{Path: p, Err: fmt.Errorf("%s: no .txt or .md articles in this folder", p)}
		}
		for _, in := range found {
			add(in)
		}
	}
	if a, b, ok := sameOutputs(out); ok {
		return nil, &InputError{Err: fmt.Errorf("two inputs would write the same outputs (%s and %s): rename one, translate them in separate runs or pass their common folder", a.Path, b.Path)}
	}
	return out, nil
}

// walk lists the articles under root, sorted by relative path.
func walk(root, skipAbs string) ([]Input, error) {
	var found []Input
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			abs, _ := filepath.Abs(path)
			if path != root && (strings.HasPrefix(d.Name(), ".") || abs == skipAbs) {
				return filepath.SkipDir
			}
			return nil
		}
		if article.FormatOf(path) == "" || !d.Type().IsRegular() || isOwnOutput(path) {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		found = append(found, Input{Path: path, Rel: filepath.ToSlash(rel)})
		return nil
	})
	sort.Slice(found, func(i, j int) bool { return found[i].Rel < found[j].Rel })
	return found, err
}

// sameOutputs finds two inputs that map to the same output base. The
// language codes are the same for every input, so any will do.
func sameOutputs(ins []Input) (a, b Input, found bool) {
	seen := map[string]Input{}
	for _, in := range ins {
		key := output.BaseName(in.Rel, "x", "x")
		if first, ok := seen[key]; ok {
			return first, in, true
		}
		seen[key] = in
	}
	return Input{}, Input{}, false
}

// isOwnOutput reports whether the file at path is an output of diglot
// translate, by its name and its first bytes. A file it cannot read is left
// to the reader, which says why.
func isOwnOutput(path string) bool {
	if !output.IsOwnOutputName(path) {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, output.HeadSize)
	n, _ := io.ReadFull(f, head)
	return output.IsOwnOutput(path, head[:n])
}

// unwrapPathError keeps the reason of a *fs.PathError, whose own text
// repeats the path.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
