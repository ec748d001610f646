// Package rule names diglot's QA rules: the ids that findings, bitext issues,
// JSON and SARIF output carry (a contract: outside tools match on them), and
// the default [Severity] of each. It is the one place they are defined;
// package glossary, which reports term-missing and term-forbidden from its
// verification, and package check, which owns the rules' behaviour and
// documentation, both use it.
//
// It imports no diglot package, so that any package may use it without a
// cycle. The ids and their order are listed by [All].
package rule
