package glossary

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The native YAML format, for glossaries edited by hand:
//
//	# diglot glossary
//	from: fr
//	to: en
//	entries:
//	  - source: Haut-Karabakh
//	    variants: [Haut Karabakh, Haut-Karabagh]
//	    forms: []
//	    target: Nagorno-Karabakh
//	    target_forms: []
//	    forbidden: [Upper Karabakh, Tall Karabakh, Height-Karabakh]
//	    case: insensitive   # or sensitive
//	    stem: false
//	    note: "..."
//	    pos: noun
//
// Only source and target are required. It holds everything an [Entry] does.

type yamlFile struct {
	From    string      `yaml:"from,omitempty"`
	To      string      `yaml:"to,omitempty"`
	Entries []yamlEntry `yaml:"entries"`
}

type yamlEntry struct {
	Source      string   `yaml:"source"`
	Variants    []string `yaml:"variants,flow,omitempty"`
	Forms       []string `yaml:"forms,flow,omitempty"`
	Target      string   `yaml:"target"`
	TargetForms []string `yaml:"target_forms,flow,omitempty"`
	Forbidden   []string `yaml:"forbidden,flow,omitempty"`
	Case        string   `yaml:"case,omitempty"`
	Stem        bool     `yaml:"stem,omitempty"`
	Note        string   `yaml:"note,omitempty"`
	POS         string   `yaml:"pos,omitempty"`
}

const (
	caseSensitive   = "sensitive"
	caseInsensitive = "insensitive"
)

var (
	yamlFileKeys  = []string{"from", "to", "entries"}
	yamlEntryKeys = []string{"source", "variants", "forms", "target", "target_forms", "forbidden", "case", "stem", "note", "pos"}
	yamlLineError = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
)

// yaml reads the native YAML format.
func (p *parser) yaml(data []byte) error {
	data = stripBOM(data)
	if err := p.checkUTF8(data); err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return p.yamlError(err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil // an empty file
	}
	root := doc.Content[0]
	if err := p.knownKeys(root, yamlFileKeys); err != nil {
		return err
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "from", "to":
			want := p.opts.From
			if key.Value == "to" {
				want = p.opts.To
			}
			if got := primaryTag(val.Value); got != want {
				return p.errorf(val.Line, "%s: %q, but the run is %s to %s", key.Value, val.Value, p.opts.From, p.opts.To)
			}
		case "entries":
			if val.Kind != yaml.SequenceNode {
				return p.errorf(val.Line, "entries: want a list of entries")
			}
			for _, n := range val.Content {
				if err := p.yamlEntry(n); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (p *parser) yamlEntry(n *yaml.Node) error {
	if err := p.knownKeys(n, yamlEntryKeys); err != nil {
		return err
	}
	var y yamlEntry
	if err := n.Decode(&y); err != nil {
		return p.yamlError(err)
	}
	src := p.term(y.Source, n.Line, "source")
	tgt := p.term(y.Target, n.Line, "target")
	switch {
	case src == "":
		return p.errorf(n.Line, "entry has no source")
	case tgt == "":
		return p.errorf(n.Line, "entry %q has no target", src)
	}
	e := p.newEntry(n.Line, appendNew([]string{src}, p.terms(y.Variants, n.Line, "variant")...), tgt)
	e.Forms = p.terms(y.Forms, n.Line, "form")
	e.TargetForms = p.terms(y.TargetForms, n.Line, "target form")
	e.Forbidden = p.terms(y.Forbidden, n.Line, "forbidden form")
	switch strings.ToLower(strings.TrimSpace(y.Case)) {
	case "", caseInsensitive:
	case caseSensitive:
		e.CaseSensitive = true
	default:
		return p.errorf(n.Line, "case: %q, want sensitive or insensitive", y.Case)
	}
	e.Stem = y.Stem
	e.Note = collapseSpace(y.Note)
	e.POS = collapseSpace(y.POS)
	p.entries = append(p.entries, e)
	return nil
}

// knownKeys refuses a mapping with a key not in keys (a misspelt field would
// otherwise be silently ignored).
func (p *parser) knownKeys(n *yaml.Node, keys []string) error {
	if n.Kind != yaml.MappingNode {
		return p.errorf(n.Line, "want a mapping of %s", strings.Join(keys, ", "))
	}
	for i := 0; i < len(n.Content); i += 2 {
		if k := n.Content[i]; !slices.Contains(keys, k.Value) {
			return p.errorf(k.Line, "unknown field %q (want %s)", k.Value, strings.Join(keys, ", "))
		}
	}
	return nil
}

// yamlError turns a yaml.v3 error ("yaml: line 7: …") into "file:7: …".
func (p *parser) yamlError(err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLineError.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return p.errorf(line, "%s", m[2])
	}
	return p.errorf(0, "%s", strings.TrimPrefix(msg, "yaml: "))
}
