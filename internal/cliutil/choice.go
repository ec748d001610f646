package cliutil

import "github.com/urfave/cli/v2"

// ChoiceFlag is a string flag whose values come from a fixed list (a comma
// list of them, for some), which the completion scripts offer
// ([WriteCompletion]). It is a *cli.StringFlag in every other way.
type ChoiceFlag struct {
	*cli.StringFlag
	Choices []string
}

// Choice makes f a [ChoiceFlag] with choices.
func Choice(f *cli.StringFlag, choices []string) *ChoiceFlag {
	return &ChoiceFlag{StringFlag: f, Choices: choices}
}

// choicesOf are the values the scripts offer for flag f of the command at
// path: a [ChoiceFlag]'s, else what the caller's function gives.
func (t completionTree) choicesOf(path string, f cli.Flag) []string {
	if cf, ok := f.(*ChoiceFlag); ok {
		return cf.Choices
	}
	return t.choice(path, f.Names()[0])
}
