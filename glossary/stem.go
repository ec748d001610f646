package glossary

// stem is a light French stemmer for gender and number. It takes a folded
// (lower-case) word and removes, in this order:
//
//   - -eaux → -eau (bureaux), then -aux → -al (journaux → journal);
//   - -euse, -euses, -eux → -eu (heureuse, heureuses, heureux → heureu);
//   - -nnes, -nne → -n (arméniennes, arménienne → arménien; européenne → européen);
//   - otherwise a plural -s or -x, then a feminine -e, then an -s the
//     feminine revealed (nationales → national, arméniens → arménien,
//     française, françaises, français → françai; Arménie → arméni).
//
// A stem keeps at least three letters: short words are returned unchanged.
// It conflates the forms of one adjective or noun, and sometimes two words
// ("arménie" and "arménien" stay apart; "canne" and "can" do not), which is
// why an entry opts in with Stem.
func stem(w string) string {
	keep, add := stemCut(w)
	return w[:keep] + add
}

// stemCut is stem without building the result: the stem is w[:keep] + add.
// It works on strings and byte slices alike, so that matching stems the
// words of a text without allocating.
func stemCut[T string | []byte](w T) (keep int, add string) {
	keep = len(w)
	if keep == 0 {
		return 0, ""
	}
	if last := w[keep-1]; last != 's' && last != 'x' && last != 'e' || runeCount(w) <= 3 {
		return keep, "" // every rule removes a final -s, -x or -e
	}
	// cut removes suffix (when present and leaving three letters) and adds repl.
	cut := func(suffix, repl string) bool {
		if !hasSuffix(w[:keep], suffix) || runeCount(w[:keep-len(suffix)])+len(repl) < 3 {
			return false
		}
		keep -= len(suffix)
		add = repl
		return true
	}
	switch {
	case hasSuffix(w, "eaux"): // bureaux
		return keep - 1, ""
	case cut("aux", "al"), cut("euses", "eu"), cut("euse", "eu"), cut("eux", "eu"), cut("nnes", "n"), cut("nne", "n"):
		return keep, add
	}
	if !cut("s", "") {
		cut("x", "")
	}
	cut("e", "")
	cut("s", "")
	return keep, ""
}

func hasSuffix[T string | []byte](w T, suffix string) bool {
	return len(w) >= len(suffix) && string(w[len(w)-len(suffix):]) == suffix
}

// runeCount counts the UTF-8 characters of w (its bytes that do not continue one).
func runeCount[T string | []byte](w T) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if w[i]&0xc0 != 0x80 {
			n++
		}
	}
	return n
}
