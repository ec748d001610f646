package main

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

	"gopkg.in/yaml.v3"

	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/internal/suggest"
)

// defaultConfigFile is looked for from the working directory up when
// --config is not given.
const defaultConfigFile = "diglot.yaml"

// config is the optional YAML configuration file. Flags given on the command
// line win over it.
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
type config struct {
	From     string                       `yaml:"from"`
	To       string                       `yaml:"to"`
	Backend  string                       `yaml:"backend"`
	Glossary []string                     `yaml:"glossary"`
	Junk     []junkRuleConfig             `yaml:"junk"`
	Backends map[string]map[string]string `yaml:"backends"`
	Check    check.Config                 `yaml:"check"`
	Prices   map[string]edition.Price     `yaml:"prices"`
	path     string
	// implicit is true for diglot.yaml found in the working directory, not
	// named with --config: it may come with a cloned repository, so an
	// address in it is not trusted with a credential.
	implicit bool
}

type junkRuleConfig struct {
	Name    string `yaml:"name"`
	Pattern string `yaml:"pattern"`
}

// loadConfig reads path, or, when path is empty, the diglot.yaml that
// [findConfig] finds from the working directory up (none is no error).
func loadConfig(path string) (*config, error) {
	explicit := path != ""
	if !explicit {
		path = findConfig(".")
		if path == "" {
			return &config{}, nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &usageError{Err: err}
	}
	var c config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, configError(path, err)
	}
	c.path, c.implicit = path, !explicit
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

// findConfig looks for diglot.yaml in dir, then in each parent, the way git
// looks for .git, and returns the first it finds ("" for none). It stops at
// the top of a git working tree (a folder holding .git), so that a project
// never reads a configuration from outside itself, and at the root.
func findConfig(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; d = filepath.Dir(d) {
		p := filepath.Join(d, defaultConfigFile)
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

// yamlLine finds "line N: " in the YAML decoder's messages.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// yamlUnknownField is the decoder's message for a key the config lacks.
var yamlUnknownField = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)

// yamlCannot is the decoder's message for a value of the wrong kind.
var yamlCannot = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `([^`]*)`)? into (\\S+)$")

// configError says what is wrong in the configuration file, where, and
// what is expected, in the user's words: the first problem the YAML
// decoder found, without its Go type names.
func configError(path string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) || len(te.Errors) == 0 {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return badUsage("%s:%s: %s", path, m[1], m[2])
		}
		return badUsage("%s: %s", path, msg)
	}
	m := yamlLine.FindStringSubmatch(te.Errors[0])
	if m == nil {
		return badUsage("%s: %s", path, te.Errors[0])
	}
	line, msg := m[1], m[2]
	if f := yamlUnknownField.FindStringSubmatch(msg); f != nil {
		keys := configKeys(f[2])
		if keys == nil {
			return badUsage("%s:%s: unknown key %q", path, line, f[1])
		}
		return badUsage("%s:%s: unknown key %q%s", path, line, f[1], suggest.DidYouMean(f[1], keys, suggest.Quoted))
	}
	if f := yamlCannot.FindStringSubmatch(msg); f != nil {
		return badUsage("%s:%s: %s is not %s", path, line, yamlKind(f[1], f[2]), goKind(f[3]))
	}
	return badUsage("%s:%s: %s", path, line, msg)
}

// configKeys are the keys of the part of diglot.yaml that the Go type
// named typ (as the decoder names it) reads.
func configKeys(typ string) []string {
	for _, t := range []reflect.Type{reflect.TypeFor[config](), reflect.TypeFor[check.Config](),
		reflect.TypeFor[edition.Price](), reflect.TypeFor[junkRuleConfig]()} {
		if t.String() != typ {
			continue
		}
		var keys []string
		for i := range t.NumField() {
			if k, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); k != "" {
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

// junkSpecs are the configuration's junk-line rules, as name=regexp.
func (c *config) junkSpecs() []string {
	specs := make([]string, len(c.Junk))
	for i, r := range c.Junk {
		specs[i] = r.Name + "=" + r.Pattern
	}
	return specs
}
