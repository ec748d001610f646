package pipeline

import (
	"fmt"
	"slices"
	"strings"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/translate"
)

// Strategy is how the pipeline applies glossary terms with a backend that has
// no native way to keep a span ([translate.SpanProtector]).
type Strategy string

const (
	// Protect sends every term as a placeholder, restores it in the reply,
	// and re-translates without placeholders (then repairs) the segments
	// whose placeholders did not all come back. The default for engines
	// that agree and reorder around an unknown token (LLMs, DeepL, Google).
	Protect Strategy = "protect"
	// VerifyFirst sends every segment as it is, verifies its terms, and
	// re-translates with placeholders only the segments whose terms came
	// out wrong; a re-translation whose placeholders did not all come back
	// is dropped for the first translation, repaired. The default for
	// engines that cannot inflect around a protected token (Apertium,
	// LibreTranslate): protection costs them fluency.
	VerifyFirst Strategy = "verify-first"
)

// Strategies lists the strategies, for flags and their help.
var Strategies = []Strategy{Protect, VerifyFirst}

// ParseStrategy reads a strategy name; "" is [Protect].
func ParseStrategy(s string) (Strategy, error) {
	switch Strategy(s) {
	case "", Protect:
		return Protect, nil
	case VerifyFirst:
		return VerifyFirst, nil
	}
	return "", fmt.Errorf("unknown terms strategy %q (protect or verify-first)", s)
}

// DefaultStrategy is the strategy for a backend described by in.
func DefaultStrategy(in translate.Info) Strategy {
	if in.VerifyTermsFirst {
		return VerifyFirst
	}
	return Protect
}

// protectFirst reports whether the first translation of a paragraph with
// matches is sent with placeholders.
func (p *Pipeline) protectFirst() bool { return p.Terms != VerifyFirst }

// retry decides, as a paragraph's pieces are all back, whether it is
// translated again the other way. A first translation that lost a
// placeholder is redone unprotected; a first unprotected translation whose
// terms came out wrong is redone protected. The first attempt is kept in w
// for the second to fall back on.
func (p *Pipeline) retry(w *pending, mt string, lost []translate.Span, unknown []string) bool {
	if w.round > 0 || len(w.matches) == 0 || p.send.native {
		return false
	}
	again := len(lost) > 0
	if !w.protect {
		_, problems := p.matcher.Enforce("", w.matches, mt)
		again = len(problems) > 0
	}
	if !again {
		return false
	}
	w.first = attempt{mt: mt, lost: lost, unknown: unknown, protected: w.protect}
	w.round++
	w.protect = !w.protect
	return true
}

// attempt is a paragraph's first translation, kept while it is redone.
type attempt struct {
	mt        string
	lost      []translate.Span
	unknown   []string
	protected bool
}

// settle picks, for a paragraph translated twice, the translation to keep
// and says why on notes: the second, unless it was protected and lost a
// placeholder, in which case the first (unprotected, repaired after) stays.
func (w *pending) settle(mt string, lost []translate.Span, unknown []string) (string, []translate.Span, []string, []string) {
	if w.round == 0 {
		return mt, lost, unknown, nil
	}
	if w.first.protected {
		// The placeholders of the first were lost: the second, unprotected,
		// is repaired; a term still missing says what happened.
		return mt, nil, unknown, placeholderNotes(w.first.lost, "re-translated without placeholders and repaired")
	}
	if len(lost) > 0 {
		return w.first.mt, nil, w.first.unknown, placeholderNotes(lost, "kept the translation made without placeholders, repaired")
	}
	return mt, nil, unknown, nil
}

// placeholderNotes says, per term, that the engine lost its placeholder and
// what was done instead.
func placeholderNotes(lost []translate.Span, then string) []string {
	var out []string
	for _, sp := range lost {
		out = append(out, fmt.Sprintf("%q → %q: the engine lost the placeholder that protected it; %s", sp.Source, sp.Replace, then))
	}
	return out
}

// checkSegment records on seg what `diglot check` reports for it: the
// findings of every per-segment rule, with the same ids, severities and
// messages. Notes on lost placeholders complete the term-missing finding of
// their term. The term an issue is about is named when the issue is a term
// rule's.
func (p *Pipeline) checkSegment(seg *bitext.Segment, matches []glossary.Match, notes []string) {
	seg.Issues = seg.Issues[:0]
	for _, f := range p.checker.Check(check.Segment{Source: seg.Source, Target: seg.Target,
		SourceLang: p.From, TargetLang: p.To, Notes: seg.Notes}) {
		seg.Issues = append(seg.Issues, bitext.Issue{Rule: f.Rule, Severity: f.Severity.String(),
			Message: f.Message, Term: termOf(f, matches)})
	}
	for _, n := range notes {
		i := slices.IndexFunc(seg.Issues, func(is bitext.Issue) bool {
			return is.Rule == glossary.RuleTermMissing && strings.Contains(n, fmt.Sprintf("→ %q", termTarget(is.Message)))
		})
		if i >= 0 {
			seg.Issues[i].Message += " (" + n + ")"
		}
	}
	if len(seg.Issues) == 0 {
		seg.Issues = nil
	}
}

// termTarget is the required target a term-missing message names.
func termTarget(msg string) string {
	_, after, ok := strings.Cut(msg, " is not translated as ")
	if !ok {
		return ""
	}
	return strings.Trim(after, `"`)
}

// termOf names the glossary entry a finding is about, if a term rule's.
func termOf(f check.Finding, matches []glossary.Match) string {
	for _, m := range matches {
		switch {
		case f.Rule == glossary.RuleTermMissing && f.Message == fmt.Sprintf("%q is not translated as %q", m.Form, m.Entry.Target),
			f.Rule == check.SourceVariant && strings.HasPrefix(f.Message, fmt.Sprintf("%q is a variant spelling of ", m.Form)),
			f.Rule == glossary.RuleTermForbidden && strings.Contains(f.Message, fmt.Sprintf(" of %q ", m.Entry.ID)):
			return m.Entry.ID
		}
	}
	return ""
}

// Setting is the part of the backend settings ([Config.Settings]) that
// records the strategy: "" for [Protect], so that memories made before
// strategies existed stay valid.
func (s Strategy) Setting() string {
	if s == "" || s == Protect {
		return ""
	}
	return "terms=" + string(s)
}
