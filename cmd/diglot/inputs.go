package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/diglot/diglot/article"
)

// input is one article file to translate.
type input struct {
	path  string // as the file system knows it
	rel   string // slash-separated, relative to the root it was found under
	named bool   // named on the command line (not found by walking a folder)
}

// collectInputs expands the PATH arguments: a file is taken as it is; a folder
// is walked for .txt and .md files, skipping hidden folders and skip (the
// output folder). A path that does not exist, or a file of another kind, is a
// usage error.
func collectInputs(paths []string, skip string) ([]input, error) {
	var out []input
	seen := map[string]bool{}
	add := func(in input) {
		abs, err := filepath.Abs(in.path)
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
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if !fi.IsDir() {
			if article.FormatOf(p) == "" {
				return nil, fmt.Errorf("%s: not an article (want .txt or .md)", p)
			}
			add(input{path: p, rel: filepath.ToSlash(filepath.Base(p)), named: true})
			continue
		}
		var found []input
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				abs, _ := filepath.Abs(path)
				if path != p && (strings.HasPrefix(d.Name(), ".") || abs == skipAbs) {
					return filepath.SkipDir
				}
				return nil
			}
			if article.FormatOf(path) == "" || !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(p, path)
			if err != nil {
				return err
			}
			found = append(found, input{path: path, rel: filepath.ToSlash(rel)})
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no .txt or .md articles in this folder", p)
		}
		sort.Slice(found, func(i, j int) bool { return found[i].rel < found[j].rel })
		for _, in := range found {
			add(in)
		}
	}
	if dup := duplicateRel(out); dup != "" {
		return nil, fmt.Errorf("two inputs would write the same outputs (%s): translate them in separate runs or pass their common folder", dup)
	}
	return out, nil
}

func duplicateRel(ins []input) string {
	seen := map[string]bool{}
	for _, in := range ins {
		if seen[in.rel] {
			return in.rel
		}
		seen[in.rel] = true
	}
	return ""
}

// unwrapPathError keeps the reason of a *fs.PathError, whose own text
// repeats the path.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
