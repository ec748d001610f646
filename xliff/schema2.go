package xliff

import (
	"encoding/xml"
	"strings"
	"unicode"

	"github.com/diglot/diglot/internal/xmlenc"
)

// attrRule describes the attributes of one XLIFF 2 core element: the names it
// takes in no namespace, and whether attributes of other namespaces are allowed
// (xs:anyAttribute namespace="##other" in xliff_core_2.0.xsd).
type attrRule struct {
	names   string // space-separated
	foreign bool
}

var codeAttrs = "canCopy canDelete canReorder copyOf dir disp equiv id dataRef subFlows subType type "

// coreAttrs transcribes the attribute lists of xliff_core_2.0.xsd.
var coreAttrs = map[string]attrRule{
	"xliff":        {"version srcLang trgLang", true},
	"file":         {"id canResegment original translate srcDir trgDir", true},
	"skeleton":     {"href", false},
	"group":        {"id name canResegment translate srcDir trgDir type", true},
	"unit":         {"id name canResegment translate srcDir trgDir type", true},
	"segment":      {"id canResegment state subState", false},
	"ignorable":    {"id", false},
	"notes":        {"", false},
	"note":         {"id appliesTo category priority", true},
	"originalData": {"", false},
	"data":         {"id dir", false},
	"source":       {"", false},
	"target":       {"order", false},
	"cp":           {"hex", false},
	"ph":           {codeAttrs, true},
	"pc":           {codeAttrs + "canOverlap dispEnd dispStart equivEnd equivStart dataRefEnd dataRefStart subFlowsEnd subFlowsStart", true},
	"sc":           {codeAttrs + "canOverlap isolated", true},
	"ec":           {codeAttrs + "canOverlap isolated startRef", true},
	"mrk":          {"id translate type ref value", true},
	"sm":           {"id translate type ref value", true},
	"em":           {"startRef", false},
}

// enums lists the values an attribute may take wherever it appears.
var enums = map[string]string{
	"translate":    "yes no",
	"canResegment": "yes no",
	"canCopy":      "yes no",
	"canDelete":    "yes no",
	"canOverlap":   "yes no",
	"isolated":     "yes no",
	"canReorder":   "yes firstNo no",
	"srcDir":       "ltr rtl auto",
	"trgDir":       "ltr rtl auto",
	"dir":          "ltr rtl auto",
	"appliesTo":    "source target",
	"state":        "initial translated reviewed final",
	"priority":     "1 2 3 4 5 6 7 8 9 10",
}

// codeTypes are the values of type on ph, pc, sc and ec.
const codeTypes = "fmt ui quote link image other"

// checkAttrs applies the attribute constraints of the core schema to a core
// element: known names, enumerated values, user-defined values of the form
// prefix:value, and subState/subType only beside state/type.
func (p *parser) checkAttrs(se xml.StartElement, line int) error {
	rule, ok := coreAttrs[se.Name.Local]
	if !ok {
		return p.Errorf(line, "unknown XLIFF element <%s>", se.Name.Local)
	}
	for _, a := range se.Attr {
		n := a.Name
		switch {
		case n.Space == "xmlns" || n.Space == "" && n.Local == "xmlns":
			continue
		case n.Space == xmlenc.XMLNS:
			if err := p.checkXMLAttr(se, line, n.Local, a.Value); err != nil {
				return err
			}
			continue
		case n.Space != "" && n.Space != p.ns:
			if !rule.foreign {
				return p.Errorf(line, "attribute %s:%s not allowed on <%s>", n.Space, n.Local, se.Name.Local)
			}
			continue
		}
		if !hasWord(rule.names, n.Local) && !(p.ns == NS22 && se.Name.Local == "note" && n.Local == "ref") {
			return p.Errorf(line, "attribute %s not allowed on <%s>", n.Local, se.Name.Local)
		}
		if hasWord(idAttrs, n.Local) && !nmtoken(a.Value) {
			return p.Errorf(line, "<%s> %s=%q is not an NMTOKEN", se.Name.Local, n.Local, a.Value)
		}
		if vals, ok := enums[n.Local]; ok && !hasWord(vals, a.Value) {
			return p.Errorf(line, "<%s> %s=%q, want one of: %s", se.Name.Local, n.Local, a.Value, vals)
		}
		if err := p.checkType(se, line, n.Local, a.Value); err != nil {
			return err
		}
	}
	for dep, base := range map[string]string{"subState": "state", "subType": "type"} {
		if _, ok := lookup(se, "", dep); ok {
			if _, ok := lookup(se, "", base); !ok {
				return p.Errorf(line, "<%s> has %s without %s", se.Name.Local, dep, base)
			}
		}
	}
	return nil
}

// idAttrs are the attributes of type xs:NMTOKEN.
const idAttrs = "id startRef copyOf dataRef dataRefStart dataRefEnd"

// checkXMLAttr checks xml:lang and xml:space, which the specification allows
// only on some elements.
func (p *parser) checkXMLAttr(se xml.StartElement, line int, local, v string) error {
	el := se.Name.Local
	switch {
	case local == "lang" && !wellFormedLang(v):
		return p.Errorf(line, "<%s> xml:lang=%q is not a language tag", el, v)
	case local == "lang" && hasWord("cp ph sc ec sm em", el):
		return p.Errorf(line, "xml:lang not allowed on <%s>", el)
	case local == "space" && !hasWord("xliff file group unit source target data", el):
		return p.Errorf(line, "xml:space not allowed on <%s>", el)
	case local == "space" && v != "default" && v != "preserve":
		return p.Errorf(line, "<%s> xml:space=%q", el, v)
	}
	return nil
}

// nmtoken reports whether v is an XML name token.
func nmtoken(v string) bool {
	if v == "" {
		return false
	}
	for _, r := range v {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			strings.ContainsRune(".-_:\u00B7", r)
		if !ok {
			return false
		}
	}
	return true
}

// checkType checks the values of type, subType and subState.
func (p *parser) checkType(se xml.StartElement, line int, name, v string) error {
	el := se.Name.Local
	ok := true
	switch {
	case name == "subType" || name == "subState":
		ok = userDefined(v)
	case name != "type":
	case el == "unit" || el == "group":
		ok = userDefined(v)
	case el == "mrk" || el == "sm":
		ok = hasWord("generic comment term", v) || userDefined(v)
	default:
		ok = hasWord(codeTypes, v)
	}
	if !ok {
		return p.Errorf(line, "<%s> %s=%q is not a valid value", el, name, v)
	}
	if el != "unit" && el != "group" && name == "subType" {
		return p.checkSubType(se, line, v)
	}
	return nil
}

// checkSubType applies the reserved xlf: subType values, which fix the type.
func (p *parser) checkSubType(se xml.StartElement, line int, v string) error {
	prefix, rest, _ := strings.Cut(v, ":")
	if prefix != "xlf" {
		return nil
	}
	want := map[string]string{"lb": "fmt", "pb": "fmt", "b": "fmt", "i": "fmt", "u": "fmt", "var": "ui"}[rest]
	if want == "" {
		return p.Errorf(line, "<%s> subType=%q is not a reserved xlf: value", se.Name.Local, v)
	}
	if got := attr(se, "type"); got != want {
		return p.Errorf(line, "<%s> subType=%q needs type=%q, not %q", se.Name.Local, v, want, got)
	}
	return nil
}

// userDefined reports whether v has the form prefix:value.
func userDefined(v string) bool {
	a, b, ok := strings.Cut(v, ":")
	return ok && a != "" && b != "" && !strings.ContainsAny(v, " \t\r\n") && !strings.Contains(b, ":")
}

// hasWord reports whether the space-separated list has w.
func hasWord(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if f == w {
			return true
		}
	}
	return false
}

// wellFormedLang reports whether tag is a well-formed BCP 47 language tag in
// the simplified form the XLIFF suite tests: a 2-8 letter primary subtag, or a
// private-use or grandfathered singleton prefix, followed by 1-8 character
// alphanumeric subtags.
func wellFormedLang(tag string) bool {
	parts := strings.Split(tag, "-")
	first := parts[0]
	singleton := len(parts) > 1 && (strings.EqualFold(first, "x") || strings.EqualFold(first, "i"))
	if !singleton && (len(first) < 2 || len(first) > 8 || !isAlnum(first, true)) {
		return false
	}
	for _, s := range parts[1:] {
		if len(s) < 1 || len(s) > 8 || !isAlnum(s, false) {
			return false
		}
	}
	return true
}

func isAlnum(s string, lettersOnly bool) bool {
	for _, c := range s {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		digit := c >= '0' && c <= '9'
		if !letter && (lettersOnly || !digit) {
			return false
		}
	}
	return true
}
