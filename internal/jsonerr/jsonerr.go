// Package jsonerr says what encoding/json's errors mean in the words of
// the JSON a user wrote, without the Go types they name: `"backend" is a
// string, want an object` rather than "cannot unmarshal string into Go
// struct field Document.backend of type bitext.Backend".
package jsonerr

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// TypeText says which field holds a value of the wrong kind, what it is
// and what was expected: `"backend" is a string, want an object`.
func TypeText(te *json.UnmarshalTypeError) string {
	field := "the document"
	if te.Field != "" {
		field = fmt.Sprintf("%q", te.Field)
	}
	want := "another kind of value"
	if te.Type != nil {
		switch te.Type.Kind() {
		case reflect.Struct, reflect.Map:
			want = "an object"
		case reflect.Slice, reflect.Array:
			want = "an array"
		case reflect.String:
			want = "a string"
		case reflect.Bool:
			want = "true or false"
		case reflect.Float32, reflect.Float64:
			want = "a number"
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			want = "a whole number"
		}
	}
	got, ok := map[string]string{"object": "an object", "array": "an array", "string": "a string",
		"number": "a number", "bool": "true or false"}[te.Value]
	if !ok {
		got = te.Value // "number 1.5", "number -1"
	}
	return fmt.Sprintf("%s is %s, want %s", field, got, want)
}
