package jsonerr

import (
	"encoding/json"
	"errors"
	"strings"
)

// Plain is err's text with encoding/json's type error in it, if any, put
// in the user's words ([TypeText]): which field holds what, and what it
// should hold, said of a bitext JSON document.
func Plain(err error) string {
	text := err.Error()
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		// te.Error() begins "json: "; a file name ending in .json
		// before it must not be taken for that prefix.
		text = strings.Replace(text, te.Error(), "not a bitext JSON document: "+TypeText(te), 1)
	}
	return text
}
