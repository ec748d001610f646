package tm

import "strings"

// States of an approved translation, as the memory keeps them: the XLIFF 2
// names, which [State] maps the other formats' onto.
const (
	StateTranslated = "translated" // an editor's translation, not reviewed yet
	StateReviewed   = "reviewed"   // checked by a reviewer (XLIFF 1.2 signed-off)
	StateFinal      = "final"      // done: nothing more to change
)

// State maps the state a file gives a unit onto the memory's: XLIFF 2
// translated, reviewed and final as they are; XLIFF 1.2 translated,
// signed-off (reviewed) and final, and its needs-review-… and
// needs-l10n states as translated; a TMX unit's x-diglot-state prop (which
// [Memory.Export] writes) as it is. Anything else, and no state, is "":
// OmegaT's TMX carries no state (a unit it saved is the translator's,
// taken as translated by [Memory.Import]).
func State(state string) string {
	switch s := strings.ToLower(strings.TrimSpace(state)); s {
	case StateTranslated, StateReviewed, StateFinal:
		return s
	case "signed-off":
		return StateReviewed
	case "needs-review-translation", "needs-review-adaptation", "needs-review-l10n", "needs-l10n", "needs-adaptation":
		return StateTranslated
	}
	return ""
}

// State12 returns the XLIFF 1.2 target state of a memory state: translated,
// signed-off or final; "" for none.
func State12(state string) string {
	if state == StateReviewed {
		return "signed-off"
	}
	return State(state)
}

// stateRank orders the states: translated before reviewed before final;
// 0 for none.
func stateRank(state string) int {
	return map[string]int{StateTranslated: 1, StateReviewed: 2, StateFinal: 3}[state]
}

// leastState returns the least advanced of states; "" when one is unknown.
func leastState(states []string) string {
	least := ""
	for i, s := range states {
		if stateRank(s) == 0 {
			return ""
		}
		if i == 0 || stateRank(s) < stateRank(least) {
			least = s
		}
	}
	return least
}
