// Package bitext holds the aligned bilingual document that every part of diglot
// shares: [translate] produces a [Document], the renderers in package output, the
// QA rules in package check and the word diff consume it, and its JSON form
// (schema [Schema]) is the canonical on-disk record of a run, written as
// NAME.FROM-TO.json beside the other outputs.
package bitext
