// Package numbers reads the numbers of a text in its language's conventions
// and compares those of a source and its translation, for check's
// number-mismatch rule.
//
// [Extract] finds numbers in digits (French and English grouping and decimal
// marks, scales such as "6,5 millions", times, ordinals, signs) and, as soft
// numbers that may stand in for digits on the other side, numbers in words
// and roman numerals. [Diff] compares a source's numbers with its
// translation's as multisets of values, trying both readings of a plain space
// between digit groups.
package numbers
