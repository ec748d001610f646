// Package settings is diglot's configuration file, diglot.yaml: finding it
// ([Find], from a folder up to the top of its git working tree, the way git
// finds .git), reading it ([Load], every key checked, a misspelled one
// named with the nearest valid key, no Go type in any message), the
// commented starter file of `diglot init` ([Starter], [WriteStarter]), the
// settings in effect with their origins for `diglot config` ([Effective]),
// and the backend options it gives, with the rule that an address from a
// file found implicitly is never sent a credential ([File.BackendOptions]).
//
// It sits just under cmd/diglot: it knows the shapes of the parts of the
// file that check and edition read (check.Config, edition.Price), and
// nothing of the command line.
package settings
