package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/edition"
)

// defaultConfigFile is read from the working directory when --config is not given.
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

// loadConfig reads path, or diglot.yaml in the working directory when path
// is empty (a missing default file is no error).
func loadConfig(path string) (*config, error) {
	explicit := path != ""
	if !explicit {
		path = defaultConfigFile
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return &config{}, nil
	}
	if err != nil {
		return nil, &usageError{err}
	}
	var c config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, badUsage("%s: %v", path, err)
	}
	c.path, c.implicit = path, !explicit
	return &c, nil
}

// junkSpecs are the configuration's junk-line rules, as name=regexp.
func (c *config) junkSpecs() []string {
	specs := make([]string, len(c.Junk))
	for i, r := range c.Junk {
		specs[i] = r.Name + "=" + r.Pattern
	}
	return specs
}
