package check

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
)

// Input is a file to check.
type Input struct {
	Path string // the file to read
	Name string // the file as findings name it: slash-separated, relative to the working directory where possible
}

// Kinds of input files, by extension. A bilingual file's format is then
// found from its content by [bitext.Open].
const (
	kindBitext  = "bitext"
	kindXLIFF   = "xliff"
	kindTMX     = "tmx"
	kindArticle = "article"
)

// kindOf returns the kind of file name, "" when check does not read it.
func kindOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return kindBitext
	case ".xlf", ".xliff":
		return kindXLIFF
	case ".tmx":
		return kindTMX
	case ".txt", ".md", ".markdown":
		return kindArticle
	}
	return ""
}

// Collect expands paths into the files to check. A file is taken as it is
// when check reads its kind: bitext JSON (.json), XLIFF (.xlf, .xliff), TMX
// (.tmx), source-only articles (.txt, .md). A folder is walked recursively,
// skipping hidden folders, for XLIFF and TMX files, bitext JSON named for
// the language pair (NAME.FROM-TO.json, as diglot translate writes it) and
// articles, leaving out the bilingual NAME.FROM-TO.md and .txt renderings
// diglot translate writes beside the JSON. A path that does not exist, a file
// of another kind, or a folder with nothing to check is an error.
func Collect(paths []string, from, to string) ([]Input, error) {
	wd, _ := os.Getwd()
	pair := "." + strings.ToLower(from+"-"+to)
	var out []Input
	seen := map[string]bool{}
	add := func(path string) {
		abs, err := filepath.Abs(path)
		if err == nil && seen[abs] {
			return
		}
		seen[abs] = true
		out = append(out, Input{Path: path, Name: displayName(path, wd)})
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("check: %w", err)
		}
		if !fi.IsDir() {
			if kindOf(p) == "" {
				return nil, fmt.Errorf("check: %s: not a file check reads (want .json, .xlf, .xliff, .tmx, .txt or .md)", p)
			}
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && walked(d.Name(), pair) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("check: %w", err)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("check: %s: no file to check in this folder (want *%s.json, .xlf, .xliff, .tmx, .txt or .md)", p, pair)
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return out, nil
}

// walked reports whether a folder walk takes the file name.
func walked(name, pair string) bool {
	lower := strings.ToLower(name)
	ext := filepath.Ext(lower)
	rendering := strings.HasSuffix(strings.TrimSuffix(lower, ext), pair)
	switch kindOf(lower) {
	case kindBitext:
		return rendering
	case kindArticle:
		return !rendering
	case "":
		return false
	}
	return true
}

// displayName is path as findings name it.
func displayName(path, wd string) string {
	path = filepath.Clean(path)
	if filepath.IsAbs(path) && wd != "" {
		if rel, err := filepath.Rel(wd, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			path = rel
		}
	}
	return filepath.ToSlash(path)
}

// document is an input file read into what the rules look at.
type document struct {
	name             string
	srcLang, tgtLang string
	units            []unit
}

// unit is one segment of a document: a bitext segment, an XLIFF unit, a TMX
// translation unit or an article block.
type unit struct {
	id         string
	line       int
	source     string
	target     string
	hasTarget  bool
	sourceOnly bool // an article: only source rules apply
	skipTarget bool // code, table or translate="no": the target is not checked
	codes      bool // srcCodes and tgtCodes are known
	byKind     bool // compare codes by element only (TMX pairs codes by position, not id)
	srcCodes   []string
	tgtCodes   []string
	ignore     ignoreSet
	article    string // the source article a bitext record names, and
	sourceLine int    // the segment's line in it (0: unknown)
}

// load reads an input file: an article, or any bilingual file through
// [bitext.Open].
func load(in Input, from, to string) (*document, error) {
	switch kindOf(in.Path) {
	case kindArticle:
		return loadArticle(in, from)
	case "":
		return nil, fmt.Errorf("check: %s: not a file check reads", in.Name)
	}
	return loadBilingual(in, from, to)
}

// loadBilingual reads a bitext JSON, XLIFF or TMX file: one unit per
// segment, XLIFF unit or TMX translation unit, named by its id (an XLIFF
// unit's prefixed with its file id when the document has several <file>
// elements).
func loadBilingual(in Input, from, to string) (*document, error) {
	f, err := bitext.Open(in.Path, bitext.Options{Name: in.Name, From: from, To: to})
	if err != nil {
		var pe *bitext.ParseError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, fmt.Errorf("check: %w", err)
	}
	doc := &document{name: in.Name, srcLang: f.From, tgtLang: f.To}
	if f.Format == bitext.FormatJSON {
		doc.srcLang, doc.tgtLang = or(f.From, from), or(f.To, to)
	}
	for _, p := range f.Parts {
		for _, u := range p.Units {
			id := u.ID
			if len(f.Parts) > 1 {
				id = p.ID + "/" + u.ID
			}
			var article string
			var sourceLine int
			if f.Format == bitext.FormatJSON {
				article = p.Original
				sourceLine, _ = strconv.Atoi(u.Metadata["line"])
			}
			doc.units = append(doc.units, unit{
				id: id, line: u.Line, source: u.Source, target: u.Target, hasTarget: u.HasTarget,
				article: article, sourceLine: sourceLine,
				skipTarget: !u.Translate,
				codes:      u.Codes.Known, byKind: u.Codes.ByKind, srcCodes: u.Codes.Source, tgtCodes: u.Codes.Target,
				ignore: parseIgnore(u.Notes...),
			})
			if f.Format == bitext.FormatJSON && p.Metadata["source-format"] == "md" && u.Translate {
				markdownCodes(&doc.units[len(doc.units)-1])
			}
		}
	}
	return doc, nil
}

// markdownCodes gives a segment of a Markdown article's bitext JSON, whose
// source and target keep the inline markup as written, the codes of that
// markup (by kind: "bold", "link"…), so that markup-mismatch notices a
// target that lost the "**" of its source.
func markdownCodes(u *unit) {
	kinds := func(text string) []string {
		var out []string
		for _, c := range article.InlineCodes(text) {
			out = append(out, c.Kind)
		}
		return out
	}
	u.codes, u.byKind = true, true
	u.srcCodes, u.tgtCodes = kinds(u.source), kinds(u.target)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// loadArticle reads a source-only article: one unit per block, named as
// diglot translate names its segments (p1, p2…).
func loadArticle(in Input, from string) (*document, error) {
	a, err := article.Read(in.Path, article.Options{})
	if err != nil {
		return nil, err
	}
	doc := &document{name: in.Name, srcLang: from}
	for i, b := range a.Blocks {
		if !b.Translate {
			continue
		}
		doc.units = append(doc.units, unit{id: fmt.Sprintf("p%d", i+1), line: b.Line, source: b.Text, sourceOnly: true})
	}
	return doc, nil
}
