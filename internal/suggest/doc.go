// Package suggest finds, for a name the user mistyped, the valid name they
// most likely meant: [Nearest] by edit distance (case ignored), and
// [DidYouMean], the " (did you mean X?)" that error messages end with.
//
// It imports nothing but the standard library, so that any package that
// checks a name (a configuration key, a flag, a command) can use it.
package suggest
