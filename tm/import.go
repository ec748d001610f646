package tm

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/xliff"
)

// ImportOptions are the settings of [Memory.Import].
type ImportOptions struct {
	From, To string // the language pair the user says; "fr" and "en" when empty
	// AllowCopies takes a target equal to its source. Without it such a unit
	// is refused when its source has letters: CAT tools keep the source in
	// the target of what nobody translated, and pseudo-translation copies
	// it, so a copy is almost never an editor's translation.
	AllowCopies bool
}

// ImportReport says what [Memory.Import] did with a file.
type ImportReport struct {
	Path   string
	Format string // "xliff 2.1", "xliff 1.2", "tmx 1.4"…
	// Taken counts the translations that became approved (new or changed).
	Taken int
	// Unchanged counts the translations equal to what the memory holds.
	Unchanged int
	// Skipped counts the units without a target.
	Skipped int
	// Refused lists the units the memory cannot take, with the reason.
	Refused []Refusal
}

// Refusal is a unit [Memory.Import] did not take.
type Refusal struct {
	Unit   string // the unit id (XLIFF) or tuid or position (TMX)
	Source string // the unit's source text, cut to [RefusalSourceLen] runes
	Reason string
}

// RefusalSourceLen is how much of a refused unit's source [Refusal] keeps.
const RefusalSourceLen = 60

// Reasons of a [Refusal].
const (
	ReasonNotHeld = "its source is not in the translation memory, neither as a paragraph nor as a sentence of one"
	ReasonCopy    = "its target is a copy of its source (left untranslated or pseudo-translated; --allow-copies takes it)"
)

// cut shortens s to n runes, with an ellipsis when it cut, on one line.
func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// isCopy reports whether target repeats a source that has letters.
func isCopy(source, target string) bool {
	return Normalize(source) == Normalize(target) && strings.IndexFunc(source, unicode.IsLetter) >= 0
}

// RefusedError is the error of [Memory.Import] for a file it refuses as a
// whole: a file for another language pair or another article. The memory
// is left as it was.
type RefusedError struct {
	Path   string
	Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("tm: import %s: refused: %s", e.Path, e.Reason)
}

// importUnit is a translation read from an imported file.
type importUnit struct {
	id, source, target string
	hasTarget          bool
	reviewed           bool // the editor marked it reviewed or final
	path, segmentID    string
	state              string   // the memory's state ([State]) of the unit
	notes              []string // the editor's notes (not those diglot wrote)
	sentences          []bitext.Sentence
}

// part is the units of one article in an imported file: an XLIFF <file>,
// or a whole TMX document.
type part struct {
	path, sha string // the diglot metadata (source-path, source-sha256); "" when absent
	units     []importUnit
}

// Import reads an edited XLIFF (2.x or 1.2) or TMX file (through
// [bitext.Open]) and stores as
// approved the translations an editor made: a target that differs from the
// machine translations the memory holds for its source, or one marked
// reviewed or final (XLIFF state), or approved in a diglot TMX export. A
// target equal to the approved translation already held is unchanged, and so
// is the machine translation where an approved one exists, unless reviewed.
//
// Import refuses, with a [*RefusedError] and without writing, a file whose
// language pair (XLIFF srcLang and trgLang; TMX srclang and the other
// variants' language) is not opt's, compared by primary subtag; a file none
// of whose sources the memory holds for the pair; and an XLIFF file that
// diglot wrote for an article (its source-path and source-sha256 metadata)
// the memory did not translate those segments from. Units whose source the
// memory does not hold are refused one by one, in the report: the memory
// only takes corrections of what it translated.
func (m *Memory) Import(ctx context.Context, path string, opt ImportOptions) (ImportReport, error) {
	from, to := lang(cmp.Or(opt.From, "fr")), lang(cmp.Or(opt.To, "en"))
	rep := ImportReport{Path: path}
	refuse := func(format string, args ...any) (ImportReport, error) {
		return rep, &RefusedError{Path: path, Reason: fmt.Sprintf(format, args...)}
	}
	in, err := readImport(path, from, to)
	if err != nil {
		return rep, fmt.Errorf("tm: import: %w", err)
	}
	rep.Format = in.format
	if primary(in.from) != primary(from) || (in.to != "" && primary(in.to) != primary(to)) {
		return refuse("it translates %s into %s, not %s into %s (see --from and --to)", cmp.Or(in.from, "?"), cmp.Or(in.to, "?"), from, to)
	}
	var sources []string
	for _, a := range in.articles {
		for _, u := range a.units {
			sources = append(sources, u.source)
			for _, sn := range u.sentences {
				sources = append(sources, sn.Source)
			}
		}
	}
	held, err := m.recall(ctx, from, to, sources)
	if err != nil {
		return rep, fmt.Errorf("tm: import %s: %w", path, err)
	}
	// A source the memory does not hold may be a sentence of a paragraph
	// it holds.
	var loose []string
	for _, a := range in.articles {
		for _, u := range a.units {
			if _, ok := held[Normalize(u.source)]; !ok && u.hasTarget {
				loose = append(loose, u.source)
			}
		}
	}
	if err := m.recallSentences(ctx, from, to, loose, held); err != nil {
		return rep, fmt.Errorf("tm: import %s: %w", path, err)
	}
	var approve []Entry
	for _, a := range in.articles {
		if reason := a.foreign(held, from, to); reason != "" {
			return refuse("%s", reason)
		}
		for _, u := range a.units {
			h, ok := held[Normalize(u.source)]
			entry := func(u importUnit) Entry {
				return Entry{
					Source: u.source, Target: strings.TrimSpace(u.target),
					Path: u.path, SegmentID: u.segmentID, SHA256: a.sha,
					State: u.state, Notes: u.notes,
				}
			}
			switch {
			case !u.hasTarget:
				rep.Skipped++
			case !opt.AllowCopies && isCopy(u.source, u.target):
				rep.Refused = append(rep.Refused, Refusal{Unit: u.id, Source: cut(u.source, RefusalSourceLen), Reason: ReasonCopy})
			case !ok:
				rep.Refused = append(rep.Refused, Refusal{Unit: u.id, Source: cut(u.source, RefusalSourceLen), Reason: ReasonNotHeld})
			case !h.takes(u):
				rep.Unchanged++
			default:
				if ss, ok := h.sentenceEdits(u, held); ok {
					// One sentence edited in a segmented unit: that
					// sentence is approved, not the whole paragraph.
					if len(ss) == 0 {
						rep.Unchanged++
					}
					for _, su := range ss {
						approve = append(approve, entry(su))
					}
					continue
				}
				approve = append(approve, entry(u))
			}
		}
	}
	n, err := m.Approve(ctx, from, to, approve)
	if err != nil {
		return rep, fmt.Errorf("tm: import %s: %w", path, err)
	}
	rep.Taken, rep.Unchanged = n, rep.Unchanged+len(approve)-n
	return rep, nil
}

// importFile is what an imported file holds.
type importFile struct {
	format   string // "xliff 2.1", "tmx 1.4"…
	from, to string // its language pair
	articles []part
}

// readImport reads an XLIFF or TMX file for the pair from, to through
// [bitext.Open]: the articles are its parts (XLIFF <file> elements), with
// the translatable units that have a source.
func readImport(path, from, to string) (*importFile, error) {
	f, err := bitext.Open(path, bitext.Options{From: from, To: to})
	if err != nil {
		return nil, err
	}
	if f.Format != bitext.FormatXLIFF && f.Format != bitext.FormatTMX {
		// A bitext JSON record is what diglot wrote, not an editor's work.
		return nil, &bitext.ParseError{File: path, Msg: "a bitext JSON record, not an XLIFF or TMX file an editor sent back"}
	}
	in := &importFile{format: f.Format + " " + f.Version, from: f.From, to: f.To}
	for _, p := range f.Parts {
		a := part{path: p.Metadata["source-path"], sha: p.Metadata["source-sha256"]}
		for _, u := range p.Units {
			if !u.Translate || u.Metadata["origin"] == "copy" || strings.TrimSpace(u.Source) == "" {
				continue
			}
			state := u.State
			if f.Format == bitext.FormatTMX {
				state = u.Metadata["state"] // x-diglot-state, as Export writes it
			}
			iu := importUnit{
				id: u.ID, source: u.Source, target: u.Target,
				hasTarget: u.HasTarget && strings.TrimSpace(u.Target) != "",
				reviewed:  reviewed(State(state)) || f.Format == bitext.FormatTMX && u.Metadata["origin"] == OriginApproved,
				path:      cmp.Or(u.Metadata["source-path"], a.path), segmentID: cmp.Or(u.Metadata["segment"], u.ID),
				state: State(state), notes: editorNotes(u), sentences: u.Sentences,
			}
			if iu.state == "" && iu.hasTarget {
				iu.state = StateTranslated
			}
			a.units = append(a.units, iu)
		}
		in.articles = append(in.articles, a)
	}
	return in, nil
}

// reviewed reports whether an XLIFF state (2.x or 1.2) says an editor
// checked the target.
func reviewed(state string) bool {
	return state == StateReviewed || state == StateFinal
}

// editorNotes returns the notes of u an editor wrote: not the glossary
// note and the problem notes diglot writes in its XLIFF.
func editorNotes(u bitext.Unit) []string {
	var out []string
	for i, n := range u.Notes {
		from := ""
		if i < len(u.NoteFrom) {
			from = u.NoteFrom[i]
		}
		if from == xliff.NoteGlossary || strings.HasPrefix(from, xliff.NotePrefix) || strings.TrimSpace(n) == "" {
			continue
		}
		out = append(out, n)
	}
	return out
}

// held is what the memory holds for a source and pair.
type held struct {
	machine  []string // machine translations under any key
	approved *string
	state    string              // the approved translation's state and notes
	notes    string              // (joinNotes)
	shas     map[string][]string // source paths it was seen in, with the file checksums
	// sentence is true for a source held as a sentence of paragraphs the
	// memory holds (and not as a paragraph); machine then holds the
	// sentence's share of their machine translations, where they split
	// into as many sentences as their source.
	sentence bool
}

// takes reports whether u's target is an editor's translation the memory
// should approve.
func (h *held) takes(u importUnit) bool {
	target := Normalize(u.target)
	if h.approved != nil && Normalize(*h.approved) == target {
		// The same translation is news when its state advanced (a stale
		// file does not set it back) or it brings other notes.
		return stateRank(u.state) > stateRank(h.state) && (u.reviewed || h.state != "") ||
			len(u.notes) > 0 && joinNotes(u.notes) != h.notes
	}
	if u.reviewed {
		return true
	}
	// The machine translation comes back unchanged: nothing to approve, and
	// an approved translation is not replaced by what it corrected.
	return !slices.ContainsFunc(h.machine, func(t string) bool { return Normalize(t) == target })
}

// recall returns what the memory holds for each of sources, by normalised
// source; sources it does not hold are absent.
func (m *Memory) recall(ctx context.Context, from, to string, sources []string) (map[string]*held, error) {
	return m.d.recall(ctx, from, to, sources)
}

// foreign returns why the memory cannot take a's units, or "": none of its
// sources is held, or diglot wrote it for an article whose segments the
// memory holds from other articles, or from another version of it.
func (a *part) foreign(held map[string]*held, from, to string) string {
	paths := map[string]bool{}
	shas := map[string]bool{}
	known := 0
	for _, u := range a.units {
		h, ok := held[Normalize(u.source)]
		if !ok {
			continue
		}
		known++
		for p, ss := range h.shas {
			paths[p] = true
			if p == a.path {
				for _, s := range ss {
					if s != "" {
						shas[s] = true
					}
				}
			}
		}
	}
	name := ""
	if a.path != "" {
		name = " of " + a.path
	}
	switch {
	case len(a.units) == 0:
		return ""
	case known == 0:
		return fmt.Sprintf("none of its %d segments%s is in the translation memory for %s-%s: the memory takes corrections of its own translations only (translate the article first)",
			len(a.units), name, from, to)
	case a.path == "" || len(paths) == 0:
		return ""
	case !paths[a.path]:
		return fmt.Sprintf("it is for article %s, but the memory holds its segments from %s", a.path, strings.Join(slices.Sorted(maps.Keys(paths)), ", "))
	case a.sha != "" && len(shas) > 0 && !shas[a.sha]:
		return fmt.Sprintf("it is for a version of %s (sha256 %s) the memory did not translate", a.path, short(a.sha))
	}
	return ""
}

// short abbreviates a checksum for messages.
func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12] + "…"
	}
	return sha
}
