package main

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/diglot/diglot/internal/jsonerr"
)

// plainError is err's text with what only a Go programmer reads put in
// the user's words: encoding/json's type errors ("cannot unmarshal string
// into Go struct field Document.backend of type bitext.Backend") say which
// field holds what, and what it should hold.
func plainError(err error) string {
	text := err.Error()
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		text = strings.Replace(text, "json: "+te.Error(), te.Error(), 1)
		text = strings.Replace(text, te.Error(), "not a bitext JSON document: "+jsonerr.TypeText(te), 1)
	}
	return text
}
