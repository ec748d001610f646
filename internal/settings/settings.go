package settings

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/internal/suggest"
)

// FileName is the file [Find] looks for.
const FileName = "diglot.yaml"

// File is the configuration file. Flags given on the command line win over
// it.
//
//	from: fr
//	to: en
//	backend: apertium
//	glossary: [names.tsv]
//	junk:                      # more junk-line rules, after the default set
//	  - name: newsletter
//	    pattern: '^Inscrivez-vous à notre newsletter.*$'
//	backends:                  # backend options by backend name (never credentials)
//	  deepl: {formality: more}
//	check:                     # diglot check: rules disabled, severities changed
//	  disable: [target-inconsistent]
//	  severity: {source-variant: error}
//	prices:                    # for --dry-run's cost estimate, per million characters
//	  openai: {per_million_chars: 4.5, currency: USD}
type File struct {
	From     string                       `yaml:"from"`
	To       string                       `yaml:"to"`
	Backend  string                       `yaml:"backend"`
	Glossary []string                     `yaml:"glossary"`
	Junk     []JunkRule                   `yaml:"junk"`
	Backends map[string]map[string]string `yaml:"backends"`
	Check    check.Config                 `yaml:"check"`
	Prices   map[string]edition.Price     `yaml:"prices"`
	// Path is where the file was read from ("" for none).
	Path string `yaml:"-"`
	// Implicit is true for a file found by [Find], not named: it may come
	// with a cloned repository, so an address in it is not trusted with a
	// credential.
	Implicit bool `yaml:"-"`
}

// JunkRule is one junk-line rule of the file: a name and a regular
// expression.
type JunkRule struct {
	Name    string `yaml:"name"`
	Pattern string `yaml:"pattern"`
}

// Error is a configuration file that cannot be used: unreadable, not YAML,
// or a key or a value diglot does not take. Its text names the file and,
// where known, the line.
type Error struct{ Err error }

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func errorf(format string, args ...any) error { return &Error{fmt.Errorf(format, args...)} }

// Load reads path, or, when path is empty, the file that [Find] finds from
// the working directory up (none is no error: an empty File).
func Load(path string) (*File, error) {
	explicit := path != ""
	if !explicit {
		path = Find(".")
		if path == "" {
			return &File{}, nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{err}
	}
	var c File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, decodeError(path, err)
	}
	c.Path, c.Implicit = path, !explicit
	// Paths in the file are relative to its folder, wherever diglot runs.
	if dir := filepath.Dir(path); dir != "." {
		for i, g := range c.Glossary {
			if !filepath.IsAbs(g) {
				c.Glossary[i] = filepath.Join(dir, g)
			}
		}
	}
	return &c, nil
}

// Find looks for diglot.yaml in dir, then in each parent, the way git
// looks for .git, and returns the first it finds, relative to dir when it
// can ("" for none). It stops at the top of a git working tree (a folder
// holding .git), so that a project never reads a configuration from
// outside itself, and at the root.
func Find(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; d = filepath.Dir(d) {
		p := filepath.Join(d, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			if rel, err := filepath.Rel(abs, p); err == nil {
				return rel
			}
			return p
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil || filepath.Dir(d) == d {
			return ""
		}
	}
}

// JunkSpecs are the file's junk-line rules, as name=regexp.
func (c *File) JunkSpecs() []string {
	specs := make([]string, len(c.Junk))
	for i, r := range c.Junk {
		specs[i] = r.Name + "=" + r.Pattern
	}
	return specs
}

// LangSource says where the language code of flag came from: the command
// line (flagSet, or no file says it), or the key of the file.
func (c *File) LangSource(flagSet bool, flag string) string {
	if flagSet || c.Path == "" {
		return "--" + flag
	}
	return c.Path + ": " + flag + ":"
}

// CheckLang refuses a language code that is not a BCP 47 tag (fr, en,
// pt-BR, zh-Hant): the codes name the output files, so `fr/../../x` must not
// get that far. where says where the code came from ([File.LangSource]).
func CheckLang(where, code string) error {
	_, err := language.Parse(code)
	if err != nil || code == "" || strings.Trim(code, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return errorf("%s %q: not a BCP 47 language tag (such as fr, en or pt-BR)", where, code)
	}
	return nil
}

// yamlLine finds "line N: " in the YAML decoder's messages.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// yamlUnknownField is the decoder's message for a key the file lacks.
var yamlUnknownField = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)

// yamlCannot is the decoder's message for a value of the wrong kind.
var yamlCannot = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `([^`]*)`)? into (\\S+)$")

// decodeError says what is wrong in the file, where, and what is
// expected, in the user's words: the first problem the YAML decoder found,
// without its Go type names.
func decodeError(path string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) || len(te.Errors) == 0 {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return errorf("%s:%s: %s", path, m[1], m[2])
		}
		return errorf("%s: %s", path, msg)
	}
	m := yamlLine.FindStringSubmatch(te.Errors[0])
	if m == nil {
		return errorf("%s: %s", path, te.Errors[0])
	}
	line, msg := m[1], m[2]
	if f := yamlUnknownField.FindStringSubmatch(msg); f != nil {
		keys := keysOf(f[2])
		if keys == nil {
			return errorf("%s:%s: unknown key %q", path, line, f[1])
		}
		return errorf("%s:%s: unknown key %q%s", path, line, f[1], suggest.DidYouMean(f[1], keys, suggest.Quoted))
	}
	if f := yamlCannot.FindStringSubmatch(msg); f != nil {
		return errorf("%s:%s: %s is not %s", path, line, yamlKind(f[1], f[2]), goKind(f[3]))
	}
	return errorf("%s:%s: %s", path, line, msg)
}

// keysOf are the keys of the part of the file that the Go type named typ
// (as the decoder names it) reads.
func keysOf(typ string) []string {
	for _, t := range []reflect.Type{reflect.TypeFor[File](), reflect.TypeFor[check.Config](),
		reflect.TypeFor[edition.Price](), reflect.TypeFor[JunkRule]()} {
		if t.String() != typ {
			continue
		}
		var keys []string
		for i := range t.NumField() {
			if k, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); k != "" && k != "-" {
				keys = append(keys, k)
			}
		}
		return keys
	}
	return nil
}

func yamlKind(tag, value string) string {
	switch tag {
	case "str":
		return fmt.Sprintf("the text %q", value)
	case "seq":
		return "a list"
	case "map":
		return "a mapping"
	case "int", "float":
		return "the number " + value
	case "bool":
		return "the value " + value
	}
	return value
}

// goKind says in words what a Go type the decoder named expects.
func goKind(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list, as expected here (write [a, b] or one item per line under the key)"
	case strings.HasPrefix(t, "map["):
		return "a mapping, as expected here (key: value lines, indented under the key)"
	case t == "string":
		return "text, as expected here"
	case t == "int", t == "float64":
		return "a number, as expected here"
	case t == "bool":
		return "true or false, as expected here"
	case strings.Contains(t, "."):
		return "a mapping, as expected here (key: value lines, indented under the key)"
	}
	return "what is expected here (see diglot init for a commented example)"
}

// Announce says on w which file is used when it was found in a parent
// folder, not in the working directory nor named (a surprise otherwise);
// nothing when quiet.
func (c *File) Announce(w io.Writer, quiet bool) {
	if c.Implicit && c.Path != "" && filepath.Dir(c.Path) != "." && !quiet {
		fmt.Fprintf(w, "diglot: using the configuration %s\n", c.Path)
	}
}
