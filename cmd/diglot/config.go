package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/check"
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
	Prices   map[string]price             `yaml:"prices"`
	path     string
}

// prices is the price table for cost estimates: the defaults, overridden by
// the configuration.
func (c *config) prices() map[string]price {
	out := make(map[string]price, len(defaultPrices)+len(c.Prices))
	for k, v := range defaultPrices {
		out[k] = v
	}
	for k, v := range c.Prices {
		out[k] = v
	}
	return out
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
		return nil, err
	}
	var c config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	c.path = path
	return &c, nil
}

// junkRules builds the junk-line rules: the default set, then the config's.
func (c *config) junkRules() ([]article.JunkRule, error) {
	rules := article.DefaultJunkRules()
	for i, r := range c.Junk {
		rule, err := article.ParseJunkRule(r.Name + "=" + r.Pattern)
		if err != nil {
			return nil, fmt.Errorf("%s: junk rule %d: %w", c.path, i+1, err)
		}
		rules = append(rules, rule)
	}
	return rules, nil
}
