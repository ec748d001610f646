package check

import (
	"regexp"
	"slices"
	"strings"
)

var markupMismatch = Rule{
	ID: MarkupMismatch,
	Doc: "Inline codes, tags, protection markers or quotation marks are lost, added or left behind\n\n" +
		"An inline code of an XLIFF or TMX unit, or the Markdown inline markup of a Markdown article's segment " +
		"(bold, italic, code span, link…), is missing from the target or added to it, an HTML-like tag " +
		"differs between source and target, a diglot protection placeholder (ZxqNqxZ) is left in the target, " +
		"or the target's quotation marks (« », “ ”) are unbalanced where the source's are balanced.",
	Help:  "Restore the codes, tags or quotation marks of the source in the target.",
	Check: checkMarkup,
}

// tag is an HTML or XML tag written in the text.
var tag = regexp.MustCompile(`</?([A-Za-z][A-Za-z0-9:-]*)(?:\s[^<>]*?)?\s*(/?)>`)

// checkMarkup reports inline codes and tags lost or added, protection
// placeholders left in the target, and quotation marks unbalanced in the
// target where the source's balance.
func checkMarkup(p *Pass) {
	s := p.Segment
	if s.HasCodes {
		src, tgt := s.SourceCodes, s.TargetCodes
		if s.CodesByKind {
			src, tgt = codeKinds(src), codeKinds(tgt)
		}
		compareLists(p, "inline code", src, tgt)
	}
	compareLists(p, "tag", tags(s.Source), tags(s.Target))
	if ph := findPlaceholders(s.Target); len(ph) > 0 {
		p.Reportf("protection placeholder %s left in the target", strings.Join(ph, ", "))
	}
	if so, sc := quotes(s.Source); so == sc {
		if to, tc := quotes(s.Target); to != tc {
			p.Reportf("unbalanced quotation marks in the target: %d opening, %d closing", to, tc)
		}
	}
}

// quotes counts the opening (« “) and closing (» ”) quotation marks of s,
// French and English together: a translation changes one into the other.
// A source with unbalanced marks (a quotation that runs over several
// paragraphs) is not compared.
func quotes(s string) (open, closing int) {
	return strings.Count(s, "«") + strings.Count(s, "“"), strings.Count(s, "»") + strings.Count(s, "”")
}

// codeKinds names codes by element alone ("bpt:1" is "bpt").
func codeKinds(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i], _, _ = strings.Cut(c, ":")
	}
	return out
}

// tags returns the tags written in s, normalised: "<b>", "</b>", "<br/>".
func tags(s string) []string {
	if strings.IndexByte(s, '<') < 0 {
		return nil // every tag starts with "<"
	}
	var out []string
	for _, m := range tag.FindAllStringSubmatch(s, -1) {
		t := "<" + strings.ToLower(m[1]) + m[2] + ">"
		if strings.HasPrefix(m[0], "</") {
			t = "</" + t[1:]
		}
		out = append(out, t)
	}
	return out
}

// compareLists reports the elements of src missing from tgt and those of
// tgt not in src, as multisets.
func compareLists(p *Pass, what string, src, tgt []string) {
	missing, added := multisetDiff(src, tgt), multisetDiff(tgt, src)
	if len(missing) > 0 {
		p.Reportf("%s %s missing from the target", plural(what, len(missing)), strings.Join(missing, ", "))
	}
	if len(added) > 0 {
		p.Reportf("%s %s added in the target", plural(what, len(added)), strings.Join(added, ", "))
	}
}

func plural(what string, n int) string {
	if n == 1 {
		return what
	}
	return what + "s"
}

// multisetDiff returns the elements of a not matched in b, in order.
func multisetDiff(a, b []string) []string {
	left := slices.Clone(b)
	var out []string
	for _, x := range a {
		if i := slices.Index(left, x); i >= 0 {
			left = slices.Delete(left, i, i+1)
			continue
		}
		out = append(out, x)
	}
	return out
}
