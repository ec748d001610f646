package main

import (
	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/internal/progress"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/translate/all"
)

// valueChoices are the values a flag of a command takes, when they are a
// fixed list the script can offer.
func valueChoices(path, flag string) []string {
	switch path + " --" + flag {
	case "translate --backend":
		return all.Backends().Names()
	case "translate --format":
		return output.FormatNames()
	case "translate --progress":
		return progress.ModeNames()
	case "translate --md-layout", "review --md-layout":
		return output.MarkdownLayouts
	case "check --format":
		return check.Formats()
	case "check --fail-on":
		return []string{"error", "warning"}
	case "check --rules":
		return check.RuleIDs()
	case "backends --format":
		return []string{"text", "json"}
	case "diff --format":
		return output.DiffFormats
	}
	return nil
}
