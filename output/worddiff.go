package output

import (
	"strings"
	"time"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Kinds of a [DiffOp].
const (
	OpDelete = -1 // text only in the old version
	OpEqual  = 0  // text in both
	OpInsert = 1  // text only in the new version
)

// DiffOp is one step of a word diff: Text deleted from the old version, kept,
// or inserted into the new one.
type DiffOp struct {
	Kind int    `json:"kind"` // OpDelete, OpEqual or OpInsert
	Text string `json:"text"`
}

// diffTimeout bounds the time go-diff spends on one pair of texts; past it the
// diff is still correct, only less minimal.
const diffTimeout = time.Second

// firstTokenRune is the first rune a token is mapped to. Every rune from here
// to unicode.MaxRune encodes in four UTF-8 bytes, so go-diff's byte-based
// string arithmetic always falls on token boundaries.
const firstTokenRune = 0x10000

// maxTokens is how many distinct tokens fit between firstTokenRune and
// unicode.MaxRune.
const maxTokens = unicode.MaxRune - firstTokenRune + 1

// WordDiff returns the word-level difference between a and b.
//
// Both texts are split into words and the runs of spaces and the punctuation
// marks between them (see [tokenize]); each distinct token is mapped to one
// rune, the rune sequences are diffed with go-diff's DiffMainRunes, cleaned up
// with DiffCleanupSemantic (which folds the single spaces between replaced
// words into the replacement) and mapped back. Adjacent ops never share a
// kind, and concatenating the OpEqual and OpDelete texts gives a back, the
// OpEqual and OpInsert texts b.
func WordDiff(a, b string) []DiffOp {
	if a == b {
		if a == "" {
			return nil
		}
		return []DiffOp{{OpEqual, a}}
	}
	ta, tb := tokenize(a), tokenize(b)
	ids := make(map[string]rune, len(ta)+len(tb))
	tokens := make([]string, 0, len(ta)+len(tb))
	encode := func(toks []string) ([]rune, bool) {
		rs := make([]rune, len(toks))
		for i, t := range toks {
			r, ok := ids[t]
			if !ok {
				if len(tokens) == maxTokens {
					return nil, false
				}
				r = rune(firstTokenRune + len(tokens))
				ids[t] = r
				tokens = append(tokens, t)
			}
			rs[i] = r
		}
		return rs, true
	}
	ra, okA := encode(ta)
	rb, okB := encode(tb)
	if !okA || !okB {
		return replaceAll(a, b)
	}

	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = diffTimeout
	raw := dmp.DiffMainRunes(ra, rb, false)
	ops, ok := decodeDiffs(dmp.DiffCleanupSemantic(cloneDiffs(raw)), tokens)
	if !ok {
		// go-diff's lossless shifting counts runes where it slices bytes; with
		// four-byte runes that could split a token. It has not been seen to
		// happen, but if it does, the uncleaned diff is still exact.
		ops, _ = decodeDiffs(raw, tokens)
	}
	return ops
}

// replaceAll is the diff that deletes all of a and inserts all of b.
func replaceAll(a, b string) []DiffOp {
	var ops []DiffOp
	if a != "" {
		ops = append(ops, DiffOp{OpDelete, a})
	}
	if b != "" {
		ops = append(ops, DiffOp{OpInsert, b})
	}
	return ops
}

func cloneDiffs(d []diffmatchpatch.Diff) []diffmatchpatch.Diff {
	return append([]diffmatchpatch.Diff(nil), d...)
}

// decodeDiffs maps go-diff's token runes back to text, merging neighbours of
// the same kind. It reports false if a diff holds anything but whole token
// runes.
func decodeDiffs(diffs []diffmatchpatch.Diff, tokens []string) ([]DiffOp, bool) {
	ops := make([]DiffOp, 0, len(diffs))
	var sb strings.Builder
	for _, d := range diffs {
		if d.Text == "" {
			continue
		}
		sb.Reset()
		for _, r := range d.Text {
			// A split token decodes as utf8.RuneError, below firstTokenRune.
			n := int(r) - firstTokenRune
			if n < 0 || n >= len(tokens) {
				return nil, false
			}
			sb.WriteString(tokens[n])
		}
		kind := OpEqual
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			kind = OpDelete
		case diffmatchpatch.DiffInsert:
			kind = OpInsert
		}
		if k := len(ops); k > 0 && ops[k-1].Kind == kind {
			ops[k-1].Text += sb.String()
			continue
		}
		ops = append(ops, DiffOp{kind, sb.String()})
	}
	return ops, true
}

// tokenize splits s into the tokens the word diff works on: words (runs of
// letters, digits and combining marks), runs of white space, and every other
// character on its own, so that "l’Arménie," is "l", "’", "Arménie", ",".
// Concatenating the tokens gives s back, invalid UTF-8 included.
func tokenize(s string) []string {
	var toks []string
	start, prev := 0, classNone
	for i, r := range s {
		c := classOf(r)
		if i > start && (c != prev || c == classOther) {
			toks = append(toks, s[start:i])
			start = i
		}
		prev = c
	}
	if start < len(s) {
		toks = append(toks, s[start:])
	}
	return toks
}

type charClass int

const (
	classNone charClass = iota
	classWord
	classSpace
	classOther
)

func classOf(r rune) charClass {
	switch {
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r):
		return classWord
	case unicode.IsSpace(r):
		return classSpace
	default:
		return classOther
	}
}

// HasChanges reports whether ops contain an insertion or a deletion.
func HasChanges(ops []DiffOp) bool {
	for _, op := range ops {
		if op.Kind != OpEqual {
			return true
		}
	}
	return false
}
