package main

import (
	"strings"

	"golang.org/x/text/language"
)

// checkLang refuses a language code that is not a BCP 47 tag (fr, en,
// pt-BR, zh-Hant): the codes name the output files, so `fr/../../x` must not
// get that far. where says where the code came from: the flag, or the
// configuration file and its key.
func checkLang(where, code string) error {
	_, err := language.Parse(code)
	if err != nil || code == "" || strings.Trim(code, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return badUsage("%s %q: not a BCP 47 language tag (such as fr, en or pt-BR)", where, code)
	}
	return nil
}

// langSource says where the language code of flag came from: the command
// line, or the key of the configuration file.
func langSource(flagSet bool, flag string, cfg *config) string {
	if flagSet || cfg.path == "" {
		return "--" + flag
	}
	return cfg.path + ": " + flag + ":"
}
