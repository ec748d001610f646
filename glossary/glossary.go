package glossary

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/diglot/diglot/article"
)

// Entry is one glossary term: the source forms that name a concept and the one
// target term required for them.
type Entry struct {
	ID            string   // stable id: the canonical source form (first Sources element), unique per glossary
	Sources       []string // canonical source form first, then spelling variants ("Pashinian")
	Forms         []string // extra inflected source forms (arménienne, arméniens); NOT variants
	Target        string   // required target term; == canonical source means "do not translate"
	TargetForms   []string // other allowed target forms (inflections, plural) that count as honoured
	Forbidden     []string // forbidden/deprecated target forms
	CaseSensitive bool
	Stem          bool // match French inflections of Sources through a stemmer
	Note, POS     string
	File          string // where it was defined
	Line          int    // line (or element position) in that file
}

// DoNotTranslate reports whether the entry keeps its source form in the target.
func (e *Entry) DoNotTranslate() bool {
	return len(e.Sources) > 0 && e.Target == e.Sources[0]
}

// File identifies a glossary file that was loaded.
type File struct {
	Path, SHA256 string
	Format       string // tsv, tab, csv, tbx, yaml
	// Entries is the number of entries the file defined.
	Entries int
	// Skipped counts TBX concept entries left out because they lack a term in
	// the source or the target language.
	Skipped int
}

// Glossary is a set of entries loaded from one or more files.
type Glossary struct {
	Entries   []*Entry
	Files     []File
	Conflicts []Conflict // between files given together (or rows of one file): later wins
	// From and To are the source and target languages (primary subtags).
	From, To string

	// findings are problems the loaders repaired or resolved (whitespace,
	// empty terms, duplicates); Lint reports them.
	findings []LintFinding
	bySource map[string]*Entry // source key -> entry defining it
	dead     map[*Entry]bool   // entries replaced by later ones, until compact
	// matcher and fingerprint are kept once computed for the set-up cache
	// (cache.go): a glossary from LoadWith is not changed after.
	matcher     *Matcher
	fingerprint string
	// cached decodes the matcher of a glossary read from the set-up cache,
	// once; nil when that part of the file does not decode.
	cached func() *Matcher
}

// Conflict records a source form defined twice with different targets. The
// later definition is kept; Dropped lost the form (its next variant becomes
// canonical if it was the canonical one; it is removed when none is left).
type Conflict struct {
	Source        string
	Kept, Dropped *Entry
}

func (c Conflict) String() string {
	return fmt.Sprintf("%s:%d: %q -> %q overrides %s:%d: %q -> %q",
		c.Kept.File, c.Kept.Line, c.Source, c.Kept.Target,
		c.Dropped.File, c.Dropped.Line, c.Source, c.Dropped.Target)
}

// LoadOptions selects the languages taken from multilingual glossaries (TBX)
// and checked against those a YAML glossary declares.
type LoadOptions struct {
	From, To string // language codes; only the primary subtag counts ("fr-CA" is "fr")
	// Input bounds each file [LoadWith] reads (see article.ReadFileLimited): by
	// default at most article.DefaultMaxGlossarySize bytes, regular files only.
	Input article.Limits
	// CacheDir is where [LoadWith] keeps the set-up of glossaries of
	// [CacheMinSize] bytes or more (parsed entries, matcher, fingerprint),
	// keyed by the files' SHA-256; [DefaultCacheDir] when empty. NoCache
	// turns the cache off.
	CacheDir string
	NoCache  bool
	// CacheReadOnly reads the cache but never builds or stores an entry:
	// for a command that needs no matcher (glossary lint, convert), for
	// which building one would cost more than the command itself.
	CacheReadOnly bool
}

// DefaultOptions is French to English, what [Load] and [Parse] use.
var DefaultOptions = LoadOptions{From: "fr", To: "en"}

// Load reads one or more glossary files, French to English. The format comes
// from the extension: .tsv .tab .utf8 .txt (TSV), .csv, .tbx .xml (TBX), .yaml .yml.
// Later files win on a conflict, recorded in Conflicts. Errors name the file
// and line (or element), e.g. "names.tsv:7: 3 columns, want 2 or 3", and
// are [*FileError]s.
func Load(paths ...string) (*Glossary, error) {
	return LoadWith(DefaultOptions, paths...)
}

// LoadWith is [Load] for another language pair. A glossary of
// [CacheMinSize] bytes or more is read from the set-up cache when the same
// files were loaded before (see LoadOptions.CacheDir), and stored there
// otherwise; the glossary is the same either way.
func LoadWith(opts LoadOptions, paths ...string) (*Glossary, error) {
	data := make([][]byte, len(paths))
	size := 0
	for i, p := range paths {
		b, err := readGlossaryFile(opts, p)
		if err != nil {
			return nil, &FileError{Path: p, Err: err}
		}
		data[i], size = b, size+len(b)
	}
	dir := opts.CacheDir
	if dir == "" {
		dir = DefaultCacheDir()
	}
	useCache := !opts.NoCache && dir != "" && size >= CacheMinSize
	var key [32]byte
	if useCache {
		key = cacheKey(opts, paths, data)
		if g := readCache(dir, key, !opts.CacheReadOnly); g != nil {
			return g, nil
		}
	}
	g, err := parseAll(opts, paths, data)
	if err != nil {
		return nil, err
	}
	if useCache && !opts.CacheReadOnly {
		g.matcher = g.Matcher()
		g.fingerprint = g.Fingerprint()
		writeCache(dir, key, g)
	}
	return g, nil
}

// parseAll parses the files' bytes into one glossary, later files winning.
func parseAll(opts LoadOptions, paths []string, data [][]byte) (*Glossary, error) {
	if len(paths) == 1 {
		// one file: its parse is the glossary, with no merge to redo
		g, err := ParseWith(opts, paths[0], data[0])
		if err != nil {
			return nil, &FileError{Path: paths[0], Err: err}
		}
		return g, nil
	}
	g := newGlossary(opts)
	for i, p := range paths {
		one, err := ParseWith(opts, p, data[i])
		if err != nil {
			return nil, &FileError{Path: p, Err: err}
		}
		g.merge(one)
	}
	return g, nil
}

// readGlossaryFile reads one glossary file through opts.Input.
func readGlossaryFile(opts LoadOptions, p string) ([]byte, error) {
	data, err := article.ReadFileLimited(p, opts.Input, article.DefaultMaxGlossarySize)
	if err != nil {
		if _, ok := err.(*article.Error); ok {
			return nil, err
		}
		return nil, fmt.Errorf("glossary: %w", err)
	}
	return data, nil
}

// Parse reads one glossary file's bytes, French to English; name gives the
// format (by extension) and is used in errors.
func Parse(name string, data []byte) (*Glossary, error) {
	return ParseWith(DefaultOptions, name, data)
}

// ParseWith is [Parse] for another language pair.
func ParseWith(opts LoadOptions, name string, data []byte) (*Glossary, error) {
	format, err := FormatOf(name)
	if err != nil {
		return nil, err
	}
	opts = opts.normalised()
	p := &parser{name: name, opts: opts}
	switch format {
	case "tsv", "tab":
		err = p.tsv(data)
	case "csv":
		err = p.csv(data)
	case "tbx":
		err = p.tbx(data)
	case "yaml":
		err = p.yaml(data)
	}
	if err != nil {
		return nil, err
	}
	g := newGlossary(opts)
	g.findings = p.findings
	g.bySource = make(map[string]*Entry, len(p.entries))
	g.dead = make(map[*Entry]bool)
	g.Entries = make([]*Entry, 0, len(p.entries))
	for _, e := range p.entries {
		g.add(e)
	}
	g.compact()
	sum := sha256.Sum256(data)
	g.Files = []File{{Path: name, SHA256: hex.EncodeToString(sum[:]), Format: format,
		Entries: len(p.entries), Skipped: p.skipped}}
	return g, nil
}

// FormatOf returns the glossary format a file name implies: tsv, csv, tab
// (OmegaT's .tab and .utf8, read as TSV), tbx or yaml.
func FormatOf(name string) (string, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tsv", ".txt":
		return "tsv", nil
	case ".tab", ".utf8":
		return "tab", nil
	case ".csv":
		return "csv", nil
	case ".tbx", ".xml":
		return "tbx", nil
	case ".yaml", ".yml":
		return "yaml", nil
	}
	return "", fmt.Errorf("glossary: %s: unknown format (want .tsv, .tab, .utf8, .csv, .tbx or .yaml)", name)
}

func (o LoadOptions) normalised() LoadOptions {
	if o.From == "" {
		o.From = DefaultOptions.From
	}
	if o.To == "" {
		o.To = DefaultOptions.To
	}
	o.From, o.To = primaryTag(o.From), primaryTag(o.To)
	return o
}

// primaryTag returns the lower-cased primary subtag of a language tag.
func primaryTag(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

func newGlossary(opts LoadOptions) *Glossary {
	opts = opts.normalised()
	return &Glossary{From: opts.From, To: opts.To}
}

// merge adds the entries of one parsed file to g; later entries win.
func (g *Glossary) merge(o *Glossary) {
	g.findings = append(g.findings, o.findings...)
	g.Conflicts = append(g.Conflicts, o.Conflicts...)
	for _, e := range o.Entries {
		g.add(e)
	}
	g.compact()
	g.Files = append(g.Files, o.Files...)
}

// add appends e, resolving source forms already defined: the new entry wins.
// An earlier entry with the same target is the same concept and is folded into
// e (a duplicate, reported by Lint); one with another target is a Conflict.
// Call compact once all entries are added.
func (g *Glossary) add(e *Entry) {
	if g.bySource == nil {
		g.bySource = make(map[string]*Entry)
		g.dead = make(map[*Entry]bool)
	}
	forms := e.Sources
	if len(e.Forms) > 0 {
		forms = slices.Concat(e.Sources, e.Forms)
	}
	var keyBuf [4]string
	keys := keyBuf[:0]
	absorbed := false
	for _, src := range forms {
		key := sourceKey(src, e.CaseSensitive)
		keys = append(keys, key)
		old := g.bySource[key]
		if old == nil || old == e || g.dead[old] {
			continue
		}
		if sameTarget(old, e) {
			g.findings = append(g.findings, LintFinding{File: e.File, Line: e.Line, Rule: RuleDuplicate, Entry: e,
				Message: fmt.Sprintf("%q -> %q already defined at %s:%d", src, e.Target, old.File, old.Line)})
			absorb(e, old)
			absorbed = true
			g.dead[old] = true
			continue
		}
		g.Conflicts = append(g.Conflicts, Conflict{Source: src, Kept: e, Dropped: old})
		old.dropSource(key)
		if len(old.Sources) == 0 {
			g.dead[old] = true
		}
	}
	if absorbed { // e took forms of earlier entries: they are e's now
		keys = keys[:0]
		for _, src := range slices.Concat(e.Sources, e.Forms) {
			keys = append(keys, sourceKey(src, e.CaseSensitive))
		}
	}
	for _, key := range keys {
		g.bySource[key] = e
	}
	g.Entries = append(g.Entries, e)
}

// compact removes the entries that add replaced.
func (g *Glossary) compact() {
	if len(g.dead) > 0 {
		g.Entries = slices.DeleteFunc(g.Entries, func(e *Entry) bool { return g.dead[e] })
		clear(g.dead)
	}
}

func sameTarget(a, b *Entry) bool {
	return foldString(a.Target) == foldString(b.Target)
}

// absorb adds to e the forms of old (the same concept defined earlier) that e lacks.
func absorb(e, old *Entry) {
	e.Sources = appendNew(e.Sources, old.Sources...)
	e.Forms = appendNew(e.Forms, old.Forms...)
	e.TargetForms = appendNew(e.TargetForms, old.TargetForms...)
	e.Forbidden = appendNew(e.Forbidden, old.Forbidden...)
	if e.Note == "" {
		e.Note = old.Note
	}
	if e.POS == "" {
		e.POS = old.POS
	}
}

// appendNew appends the strings of add not already in list. Forms that differ
// only as matching ignores (hyphen for space, case) are kept as written.
func appendNew(list []string, add ...string) []string {
	for _, a := range add {
		if !slices.Contains(list, a) {
			list = append(list, a)
		}
	}
	return list
}

func (e *Entry) dropSource(key string) {
	keep := func(s string) bool { return sourceKey(s, e.CaseSensitive) == key }
	e.Sources = slices.DeleteFunc(e.Sources, keep)
	e.Forms = slices.DeleteFunc(e.Forms, keep)
	if len(e.Sources) > 0 {
		e.ID = e.Sources[0]
	}
}

// sourceKey is the identity of a source form: its normalised token sequence,
// case folded unless the form is matched case-sensitively.
func sourceKey(s string, caseSensitive bool) string {
	if caseSensitive || isAcronym(s) {
		return "=" + normalString(s)
	}
	return foldString(s)
}

// appendList appends a fingerprint's list of forms: the tag, then each
// form's normalString followed by 0x1f, then 0x1e.
func appendList(b []byte, tag byte, forms []string) []byte {
	b = append(b, tag)
	for _, f := range forms {
		b = appendJoined(b, f, true)
		b = append(b, 0x1f)
	}
	return append(b, 0x1e)
}

// Fingerprint is a SHA-256 over the normalised entries, in a stable order,
// of everything that changes a translation (not notes or file positions).
// Before [Glossary.TermsFingerprint], the translation memory keyed on it.
func (g *Glossary) Fingerprint() string {
	if g.fingerprint != "" {
		return g.fingerprint
	}
	lines := make([]string, 0, len(g.Entries))
	b := make([]byte, 0, 256)
	for _, e := range g.Entries {
		b = appendEntry(b[:0], e)
		lines = append(lines, string(b))
	}
	return fingerprint("diglot.glossary/v1", g.From, g.To, lines)
}

// TermsVersion begins every [Glossary.TermsFingerprint]: a fingerprint
// made another way has another version, and never equals one of these.
const TermsVersion = "terms/v1:"

// TermsFingerprint identifies the entries of g that ms (the matches of one
// text) found: [TermsVersion] and a SHA-256 over the language pair and
// the canonical content of each entry matched (what [Glossary.Fingerprint]
// takes of it: source forms and variants, inflected forms, target, allowed
// and forbidden target forms, case sensitivity, stemming), each entry once,
// sorted; "" when ms is empty. A text's translation depends on the
// glossary through these entries only: the spans protected, their
// targets, and the repair of the translation after. The translation memory
// keys on it, so that a glossary edit re-translates only the texts whose
// matched entries changed, or that match another entry now.
func (g *Glossary) TermsFingerprint(ms []Match) string {
	if len(ms) == 0 {
		return ""
	}
	lines := make([]string, 0, len(ms))
	seen := make(map[*Entry]bool, len(ms))
	for _, m := range ms {
		if !seen[m.Entry] {
			seen[m.Entry] = true
			lines = append(lines, string(appendEntry(nil, m.Entry)))
		}
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	return TermsVersion + fingerprint("diglot.terms/v1", g.From, g.To, lines)
}

// appendEntry appends the canonical content of e, one line of a
// fingerprint.
func appendEntry(b []byte, e *Entry) []byte {
	target := [1]string{e.Target}
	b = appendList(b, 's', e.Sources)
	b = appendList(b, 'f', e.Forms)
	b = appendList(b, 't', target[:])
	b = appendList(b, 'a', e.TargetForms)
	b = appendList(b, 'x', e.Forbidden)
	b = append(b, 'c')
	b = strconv.AppendBool(b, e.CaseSensitive)
	b = append(b, " k"...)
	return strconv.AppendBool(b, e.Stem)
}

// fingerprint is the hex SHA-256 of a header naming the version and the
// pair, then of lines, sorted, one a line.
func fingerprint(version, from, to string, lines []string) string {
	slices.Sort(lines)
	h := sha256.New()
	fmt.Fprintf(h, "%s %s-%s\n", version, from, to)
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}
