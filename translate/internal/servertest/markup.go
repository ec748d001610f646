package servertest

import (
	"regexp"
	"strings"
	"unicode"
)

// TranslateMarkup translates the text of an HTML or XML fragment with
// [Translate], leaving tags and entities alone and the content of every
// element opened by keepOpen (e.g. `<span translate="no">`) verbatim up to
// keepClose. It reports false if the markup is not well formed: a tag or an
// entity not closed, a closing tag that does not close the element open, an
// element left open.
//
// Like a real engine it moves elements with the words they wrap, by two
// rules tests can predict:
//
//   - a French adjective of nationality after its noun goes before it in
//     English, and the noun takes its markup with it: "le <b>gouvernement</b>
//     français" gives "the French <b>government</b>" (the noun is a word or
//     one element, kept or translated);
//   - an element that wraps one of these words is broken as engines
//     sometimes break markup: around "oublié" it loses its tags
//     ("<b>oublié</b>" gives "oublié"), around "cassé" its closing tag,
//     around "répété" it comes twice, and around "inconnu" its id becomes
//     99.
func TranslateMarkup(s, keepOpen, keepClose string) (string, bool) {
	p := markupParser{s: s, keepOpen: keepOpen, keepClose: keepClose}
	nodes, ok := p.parse("")
	if !ok {
		return "", false
	}
	var b strings.Builder
	render(&b, nodes)
	return b.String(), true
}

// node is a piece of a fragment: text, a verbatim piece (an entity, a kept
// element, a void or self-closing tag), or an element with its children.
type node struct {
	text     string // text to translate, or verbatim markup
	verbatim bool
	open     string // an element's tags and children
	close    string
	children []node
}

type markupParser struct {
	s                   string
	keepOpen, keepClose string
}

// parse reads nodes up to the closing tag of the element named name (or
// the end, for name "") and consumes that tag.
func (p *markupParser) parse(name string) ([]node, bool) {
	var out []node
	for len(p.s) > 0 {
		i := strings.IndexAny(p.s, "<&")
		if i < 0 {
			i = len(p.s)
		}
		if i > 0 {
			out = append(out, node{text: p.s[:i]})
			p.s = p.s[i:]
			continue
		}
		switch {
		case p.keepOpen != "" && strings.HasPrefix(p.s, p.keepOpen):
			end := strings.Index(p.s, p.keepClose)
			if end < 0 {
				return nil, false
			}
			end += len(p.keepClose)
			out = append(out, node{text: p.s[:end], verbatim: true})
			p.s = p.s[end:]
		case p.s[0] == '&':
			end := strings.IndexByte(p.s, ';')
			if end < 0 || strings.ContainsAny(p.s[1:end], " <&") {
				return nil, false
			}
			out = append(out, node{text: p.s[:end+1], verbatim: true})
			p.s = p.s[end+1:]
		default:
			end := strings.IndexByte(p.s, '>')
			if end < 0 {
				return nil, false
			}
			tag := p.s[:end+1]
			p.s = p.s[end+1:]
			tagName := tagNameOf(tag)
			switch {
			case strings.HasPrefix(tag, "</"):
				if name == "" || !strings.EqualFold(tagName, name) {
					return nil, false
				}
				return out, true
			case strings.HasSuffix(tag, "/>") || voidElements[strings.ToLower(tagName)] || strings.HasPrefix(tag, "<!"):
				out = append(out, node{text: tag, verbatim: true})
			case tagName == "":
				return nil, false
			default:
				children, ok := p.parse(tagName)
				if !ok {
					return nil, false
				}
				out = append(out, node{open: tag, close: "</" + tagName + ">", children: children})
			}
		}
	}
	return out, name == ""
}

func tagNameOf(tag string) string {
	t := strings.TrimLeft(tag[1:], "/")
	end := strings.IndexFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == '>' || r == '/' })
	if end < 0 {
		end = len(t)
	}
	return t[:end]
}

// voidElements are the HTML elements that have no closing tag.
var voidElements = map[string]bool{"br": true, "hr": true, "img": true, "wbr": true, "input": true, "meta": true}

// nationalities are the adjectives the reordering rule moves.
var nationalities = map[string]bool{
	"français": true, "française": true, "françaises": true,
	"arménien": true, "arménienne": true, "azerbaïdjanais": true,
}

// unit is one item of a level's sequence: a word, the text between words
// (or an entity), or a node.
type unit struct {
	word string
	sep  string
	node *node
}

func render(b *strings.Builder, nodes []node) {
	var units []unit
	for i := range nodes {
		n := &nodes[i]
		if n.open == "" && !n.verbatim {
			units = append(units, cutWords(n.text)...)
			continue
		}
		if n.verbatim && !strings.HasPrefix(n.text, "<") {
			units = append(units, unit{sep: n.text}) // an entity
			continue
		}
		units = append(units, unit{node: n})
	}
	// A nationality after its noun goes before it.
	for i := 2; i < len(units); i++ {
		if !nationalities[strings.ToLower(units[i].word)] || strings.TrimSpace(units[i-1].sep) != "" || units[i-1].sep == "" || units[i-2].sep != "" {
			continue
		}
		units[i-2], units[i] = units[i], units[i-2]
	}
	for _, u := range units {
		switch {
		case u.node == nil && u.word != "":
			b.WriteString(translateWord(u.word))
		case u.node == nil:
			b.WriteString(u.sep)
		case u.node.open == "":
			b.WriteString(u.node.text)
		default:
			renderElement(b, u.node)
		}
	}
}

// renderElement writes an element, broken as the word it wraps says.
func renderElement(b *strings.Builder, n *node) {
	switch quirk(n) {
	case "oublié":
		render(b, n.children)
	case "cassé":
		b.WriteString(n.open)
		render(b, n.children)
	case "répété":
		for i := range 2 {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(n.open)
			render(b, n.children)
			b.WriteString(n.close)
		}
	case "inconnu":
		b.WriteString(idValue.ReplaceAllString(n.open, `${1}99$2`))
		render(b, n.children)
		b.WriteString(n.close)
	default:
		b.WriteString(n.open)
		render(b, n.children)
		b.WriteString(n.close)
	}
}

var idValue = regexp.MustCompile(`(\sid=")[^"]*(")`)

// quirk returns the word of n's own text that breaks it, or "".
func quirk(n *node) string {
	for _, c := range n.children {
		if c.open != "" || c.verbatim {
			continue
		}
		for _, w := range []string{"oublié", "cassé", "répété", "inconnu"} {
			if strings.Contains(c.text, w) {
				return w
			}
		}
	}
	return ""
}

// cutWords cuts text into words and what is between them.
func cutWords(text string) []unit {
	var out []unit
	for len(text) > 0 {
		i := strings.IndexFunc(text, isWord)
		if i != 0 {
			if i < 0 {
				i = len(text)
			}
			out = append(out, unit{sep: text[:i]})
			text = text[i:]
			continue
		}
		j := strings.IndexFunc(text, func(r rune) bool { return !isWord(r) })
		if j < 0 {
			j = len(text)
		}
		out = append(out, unit{word: text[:j]})
		text = text[j:]
	}
	return out
}
