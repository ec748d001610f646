package article

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"

	"github.com/diglot/diglot/bitext"
)

// JunkRule removes whole lines that match Pattern: scraped ad markers, share
// buttons, "read also" teasers and the like.
type JunkRule struct {
	Name string // rule id recorded in bitext.Removed.Rule, e.g. "ad-marker"
	// Pattern is matched against the whole trimmed line: a rule removes a line
	// only when the pattern matches all of it, never a part.
	Pattern *regexp.Regexp
}

// defaultJunk is the source of [DefaultJunkRules]: French scraped-news junk.
// Prefix rules such as "Cliquez ici …" only take a short line without a
// sentence break, so that prose that happens to start the same way stays.
var defaultJunk = []struct{ name, pattern string }{
	{"ad-marker", `(?i)\[\s*/?\s*ads?(?:[_ -]?\w+)?\s*\]`},
	{"source-link", `(?i)(?:source\s+link|lien\s+source|lien\s+vers\s+la\s+source)(?:\s*[-–—:]?\s*\d*)`},
	{"read-also", `(?i)(?:à\s+|a\s+)?(?:lire|voir)\s+(?:aussi|également|egalement)(?:\s*[:>»….-].*)?`},
	{"share", `(?i)(?:partager|partagez)(?:\s+(?:sur|via|par)\s+[\p{L} -]{1,30}|\s+(?:cet|l['’])\s*article)?\s*:?`},
	{"share", `(?i)(?:facebook|twitter|x|linkedin|whatsapp|pinterest|messenger|telegram|bluesky|threads|e-?mail|imprimer)(?:\s*[|,•·/]?\s*(?:facebook|twitter|x|linkedin|whatsapp|pinterest|messenger|telegram|bluesky|threads|e-?mail|imprimer))*`},
	{"ad-label", `(?i)(?:publicité|publicite|annonce|contenu\s+sponsorisé|sponsorisé|advertisement|pub)`},
	{"subscribe", `(?i)(?:abonnez-vous|inscrivez-vous|recevez\s+(?:notre|nos|gratuitement))\b[^.!?]*[.!?…]?`},
	{"subscribe", `(?i)(?:newsletter|lettre\s+d['’]information)\s*:?`},
	{"click-here", `(?i)cliquez\s+ici\b[^.!?]*[.!?…]?`},
	{"follow-us", `(?i)(?:suivez|rejoignez|retrouvez)-nous\b[^.!?]*[.!?…]?`},
	{"find-more", `(?i)retrouvez\s+(?:tou(?:te|s|tes)|l['’]|le|la|les|nos|notre)\b[^.!?]*[.!?…]?`},
	{"photo-credit", `(?i)\(?\s*(?:crédits?|credits?)\s+(?:photos?|images?)\s*:?.*\)?`},
	{"photo-credit", `(?i)\(\s*(?:photos?|images?|illustration)\s*:.*\)`},
	{"photo-credit", `(?i)(?:photos?|illustration)\s*:\s*[^.!?]+`},
	{"copyright", `(?i).*tous\s+droits\s+réservés.*`},
	{"copyright", `(?i)(?:©|copyright\b|\(c\)\s*\d{4}).*`},
	{"cookie-banner", `(?i).*(?:utilis\w*\s+des\s+cookies|accept\w*\s+(?:tous\s+)?les\s+cookies|gérer\s+(?:mes|les)\s+cookies|paramétrer\s+(?:mes|les)\s+cookies|paramètres\s+(?:des\s+)?cookies|politique\s+(?:de\s+|des\s+|en\s+matière\s+de\s+)cookies|poursuivant\s+votre\s+navigation).*`},
	{"cookie-banner", `(?i)(?:tout\s+accepter|tout\s+refuser|accepter\s+et\s+(?:fermer|continuer)|continuer\s+sans\s+accepter)`},
}

// DefaultJunkRules returns the built-in junk rules: ad-marker, source-link,
// read-also, share, ad-label, subscribe, click-here, follow-us, find-more,
// photo-credit, copyright and cookie-banner. Several rules may share a name.
func DefaultJunkRules() []JunkRule {
	return slices.Clone(defaultRules())
}

var defaultRules = sync.OnceValue(func() []JunkRule {
	rules := make([]JunkRule, len(defaultJunk))
	for i, d := range defaultJunk {
		rules[i] = JunkRule{Name: d.name, Pattern: regexp.MustCompile(d.pattern)}
	}
	return rules
})

// maxJunkLen is the length in bytes above which a line is never junk: junk
// lines are short, and this bounds the work of the rules on long paragraphs.
const maxJunkLen = 500

// wholeLine caches the anchored form of each rule pattern, by source text.
var wholeLine sync.Map

// anchored returns re anchored at both ends, so that it matches whole lines
// only, whatever match the unanchored pattern would prefer.
func anchored(re *regexp.Regexp) *regexp.Regexp {
	if v, ok := wholeLine.Load(re.String()); ok {
		return v.(*regexp.Regexp)
	}
	// A pattern ending in an open \Q cannot be wrapped as it is written:
	// from its parsed form, which prints every literal escaped (printing a
	// (?i) pattern costs milliseconds, so only then).
	src := re.String()
	if strings.Contains(src, `\Q`) {
		if tree, err := syntax.Parse(src, syntax.Perl); err == nil {
			src = tree.String()
		}
	}
	a := regexp.MustCompile(`^(?:` + src + `)$`)
	wholeLine.Store(re.String(), a)
	return a
}

var ruleName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ParseJunkRule builds a user rule from config text "name=regexp". The name is
// lowercase letters, digits and hyphens; the regexp uses Go syntax and must
// match a whole (trimmed) line to remove it.
func ParseJunkRule(spec string) (JunkRule, error) {
	name, pattern, ok := strings.Cut(spec, "=")
	name = strings.TrimSpace(name)
	switch {
	case !ok:
		return JunkRule{}, fmt.Errorf("junk rule %q: missing \"=\" (want name=regexp)", spec)
	case !ruleName.MatchString(name):
		return JunkRule{}, fmt.Errorf("junk rule %q: bad name %q (want lowercase letters, digits and hyphens)", spec, name)
	case pattern == "":
		return JunkRule{}, fmt.Errorf("junk rule %q: empty regexp", spec)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return JunkRule{}, fmt.Errorf("junk rule %q: %w", name, err)
	}
	return JunkRule{Name: name, Pattern: re}, nil
}

// cleaner applies junk rules to lines and records what it removes.
type cleaner struct {
	names   []string
	whole   []*regexp.Regexp // the rules' patterns anchored at both ends
	filters []prefilter      // the rules' prefilters
	quick   *quickRules      // the rules a line may match, found at once (nil: rule by rule)
	removed []bitext.Removed
	// unfiltered tries every regexp on every line (tests compare with it)
	unfiltered bool
}

func newCleaner(opt Options) *cleaner {
	switch {
	case opt.KeepJunk:
		return &cleaner{}
	case opt.Junk == nil:
		c := *defaultCleaner() // shares the compiled rules, read only
		return &c
	}
	return compileCleaner(opt.Junk)
}

// defaultCleaner is the cleaner of the default rules, compiled once: every
// article read starts from it, and two readers at once wait for one
// compilation.
var defaultCleaner = sync.OnceValue(func() *cleaner { return compileCleaner(defaultRules()) })

// compileCleaner returns a cleaner applying rules.
func compileCleaner(rules []JunkRule) *cleaner {
	c := &cleaner{}
	for _, r := range rules {
		if r.Pattern == nil {
			continue
		}
		c.names = append(c.names, r.Name)
		c.whole = append(c.whole, anchored(r.Pattern))
		c.filters = append(c.filters, filterOf(r.Pattern))
	}
	if q, ok := newQuickRules(c.whole, c.filters); ok {
		c.quick = q
	}
	return c
}

// filters caches the prefilter of each rule pattern, by source text.
var filters sync.Map

func filterOf(re *regexp.Regexp) prefilter {
	if v, ok := filters.Load(re.String()); ok {
		return v.(prefilter)
	}
	f := newPrefilter(re)
	filters.Store(re.String(), f)
	return f
}

// rule returns the name of the first rule matching all of text, or "".
func (c *cleaner) rule(text string) string {
	if text == "" || len(text) > maxJunkLen {
		return ""
	}
	if c.quick != nil && !c.unfiltered {
		mask := c.quick.candidates(text)
		for i, re := range c.whole {
			if mask&(1<<i) != 0 && re.MatchString(text) {
				return c.names[i]
			}
		}
		return ""
	}
	folded := ""
	for i, re := range c.whole {
		if f := c.filters[i]; f.lits != nil && !c.unfiltered {
			if folded == "" {
				folded = caseless(text)
			}
			if !f.mayMatch(folded) {
				continue
			}
		}
		if re.MatchString(text) {
			return c.names[i]
		}
	}
	return ""
}

// remove reports whether line no, whose content is text, is junk, and records
// it when it is. For Markdown, alt is the content with inline markup removed,
// tried when text itself does not match.
func (c *cleaner) remove(no int, text, alt string) bool {
	text = strings.TrimSpace(text)
	name := c.rule(text)
	if name == "" && alt != text {
		name = c.rule(strings.TrimSpace(alt))
	}
	if name == "" {
		return false
	}
	c.removed = append(c.removed, bitext.Removed{Line: no, Text: text, Rule: name})
	return true
}
