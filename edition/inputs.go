package edition

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/diglot/diglot/article"
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
// the files package article reads (article.FormatOf), skipping hidden folders
// and skip (the output folder). A path that does not exist, a file of another
// kind, a folder without articles, and two inputs that would write the same
// outputs are [*InputError]s.
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
	if dup := duplicateRel(out); dup != "" {
		return nil, &InputError{Err: fmt.Errorf("two inputs would write the same outputs (%s): translate them in separate runs or pass their common folder", dup)}
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
		if article.FormatOf(path) == "" || !d.Type().IsRegular() {
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

func duplicateRel(ins []Input) string {
	seen := map[string]bool{}
	for _, in := range ins {
		if seen[in.Rel] {
			return in.Rel
		}
		seen[in.Rel] = true
	}
	return ""
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
