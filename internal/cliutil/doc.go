// Package cliutil holds what any urfave/cli/v2 application can use and
// diglot's commands share, none of it about translation:
//
//   - [ReorderArgs]: flags allowed after the arguments, as people type them;
//   - [UsageError] and its makers ([Usagef], [UnknownName], [CheckNames],
//     [UnknownCommand], [OnUsageError]): one-line usage errors that name the
//     nearest valid name (see package suggest);
//   - [WriteCompletion]: bash, zsh and fish completion scripts generated from
//     the command tree.
//
// The caller maps [UsageError] to its exit code.
package cliutil
