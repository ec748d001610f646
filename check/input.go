package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/jsonerr"
	"github.com/diglot/diglot/tmx"
	"github.com/diglot/diglot/xliff"
)

// Input is a file to check.
type Input struct {
	Path string // the file to read
	Name string // the file as findings name it: slash-separated, relative to the working directory where possible
}

// Kinds of input files, by extension.
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
	article    string // the source article a bitext record names, and
	sourceLine int    // the segment's line in it (0: unknown)
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
}

// load reads an input file.
func load(in Input, from, to string) (*document, error) {
	switch kindOf(in.Path) {
	case kindBitext:
		return loadBitext(in, from, to)
	case kindXLIFF:
		return loadXLIFF(in)
	case kindTMX:
		return loadTMX(in, from, to)
	case kindArticle:
		return loadArticle(in, from)
	}
	return nil, fmt.Errorf("check: %s: not a file check reads", in.Name)
}

// loadBitext reads a bitext JSON document. Errors name the line.
func loadBitext(in Input, from, to string) (*document, error) {
	data, err := os.ReadFile(in.Path)
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	ix := indexJSON(data)
	fail := func(line int, err error) error {
		return fmt.Errorf("%s:%d: %w", in.Name, max(line, 1), err)
	}
	// Decode once for the offset of a syntax or type error, which
	// bitext.Read does not give.
	var probe bitext.Document
	if err := json.Unmarshal(data, &probe); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fail(lineOfOffset(data, se.Offset), fmt.Errorf("not a bitext JSON document: %s", strings.TrimPrefix(se.Error(), "json: ")))
		case errors.As(err, &te):
			// Said without the Go types that encoding/json names.
			return nil, fail(lineOfOffset(data, te.Offset), fmt.Errorf("not a bitext JSON document: %s", jsonerr.TypeText(te)))
		}
		return nil, fail(1, fmt.Errorf("not a bitext JSON document: %w", err))
	}
	d, err := bitext.Read(bytes.NewReader(data))
	if err != nil {
		return nil, fail(bitextErrorLine(&probe, ix), err)
	}
	doc := &document{name: in.Name, srcLang: or(d.Source.Lang, from), tgtLang: or(d.Target.Lang, to)}
	for i, s := range d.Segments {
		line := 1
		if i < len(ix.segments) {
			line = ix.segments[i]
		}
		var notes []string
		for _, is := range s.Issues {
			notes = append(notes, is.Rule+" "+is.Message)
		}
		doc.units = append(doc.units, unit{
			id: s.ID, line: line, article: d.Source.Path, sourceLine: s.Line,
			source: s.Source, target: s.Target, hasTarget: true,
			skipTarget: s.Kind == bitext.KindCode || s.Kind == bitext.KindTable,
			ignore:     parseIgnore(notes...),
		})
	}
	return doc, nil
}

// bitextErrorLine finds the line of what bitext.Read refused in a document
// that decoded: the schema, a segment without an id, or a duplicate id.
func bitextErrorLine(d *bitext.Document, ix jsonIndex) int {
	if d.Schema != bitext.Schema {
		return ix.keys["schema"]
	}
	seen := map[string]bool{}
	for i, s := range d.Segments {
		if s.ID == "" || seen[s.ID] {
			if i < len(ix.segments) {
				return ix.segments[i]
			}
			break
		}
		seen[s.ID] = true
	}
	return ix.keys["segments"]
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// parseFile opens the input and reads it with read, which names it in errors.
func parseFile[T any](in Input, read func(io.Reader, string) (T, error)) (T, error) {
	f, err := os.Open(in.Path)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("check: %w", err)
	}
	defer f.Close()
	return read(f, in.Name)
}

// loadXLIFF reads an XLIFF 1.2 or 2.x file: one unit per <unit> or
// <trans-unit>, named by its id (prefixed with the file id when the document
// has several <file> elements).
func loadXLIFF(in Input) (*document, error) {
	x, err := parseFile(in, xliff.Read)
	if err != nil {
		return nil, err
	}
	doc := &document{name: in.Name, srcLang: x.SrcLang, tgtLang: x.TrgLang}
	for _, fe := range x.Files {
		for _, u := range fe.Units {
			id := u.ID
			if len(x.Files) > 1 {
				id = fe.ID + "/" + u.ID
			}
			kind := u.Meta["kind"]
			doc.units = append(doc.units, unit{
				id: id, line: u.Line, source: u.Source, target: u.Target, hasTarget: u.HasTarget,
				skipTarget: !u.Translate || kind == bitext.KindCode || kind == bitext.KindTable,
				codes:      true, srcCodes: u.SourceCodes, tgtCodes: u.TargetCodes,
				ignore: parseIgnore(u.Notes...),
			})
		}
	}
	return doc, nil
}

// loadTMX reads a TMX file. The source and target languages are from and to
// when some unit has both; otherwise the header's source language and the
// language most units translate it into.
func loadTMX(in Input, from, to string) (*document, error) {
	t, err := parseFile(in, tmx.Read)
	if err != nil {
		return nil, err
	}
	src, tgt := tmxPair(t, from, to)
	doc := &document{name: in.Name, srcLang: src, tgtLang: tgt}
	for _, tu := range t.Units {
		sv, okS := variant(tu, src)
		tv, okT := variant(tu, tgt)
		if !okS {
			continue // a unit without the source language has nothing to check
		}
		id := tu.ID
		if id == "" {
			id = strconv.Itoa(tu.Pos)
		}
		doc.units = append(doc.units, unit{
			id: id, line: tu.Line, source: sv.Text, target: tv.Text, hasTarget: okT,
			codes: true, byKind: true, srcCodes: sv.Codes, tgtCodes: tv.Codes,
			ignore: parseIgnore(tu.Notes...),
		})
	}
	return doc, nil
}

// variant returns the variant of tu in lang, as [tmx.TU.Text] finds it.
func variant(tu tmx.TU, lang string) (tmx.TUV, bool) {
	if lang == "" {
		return tmx.TUV{}, false
	}
	for _, exact := range []bool{true, false} {
		for _, v := range tu.Variants {
			if exact && strings.EqualFold(v.Lang, lang) || !exact && primaryLang(v.Lang) == primaryLang(lang) {
				return v, true
			}
		}
	}
	return tmx.TUV{}, false
}

// tmxPair chooses the languages of a TMX document to compare.
func tmxPair(t *tmx.Doc, from, to string) (string, string) {
	counts := map[string]int{}
	var order []string
	both := false
	for _, tu := range t.Units {
		_, a := variant(tu, from)
		_, b := variant(tu, to)
		both = both || a && b
		for _, v := range tu.Variants {
			l := primaryLang(v.Lang)
			if counts[l] == 0 {
				order = append(order, l)
			}
			counts[l]++
		}
	}
	if both {
		return from, to
	}
	src := primaryLang(t.SrcLang)
	if src == "" || src == "*all*" {
		if len(order) == 0 {
			return from, to
		}
		src = order[0]
	}
	tgt := ""
	for _, l := range order {
		if l != src && (tgt == "" || counts[l] > counts[tgt]) {
			tgt = l
		}
	}
	return src, tgt
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
