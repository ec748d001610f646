package output

import (
	"encoding/json"
	"strconv"
)

// jsonUnmarshal decodes the JSON text that a page script returned as a
// string through chromedp.
func jsonUnmarshal(raw []byte, v any) error {
	s, err := strconv.Unquote(string(raw))
	if err != nil {
		// Not a JSON string: the value itself.
		return json.Unmarshal(raw, v)
	}
	return json.Unmarshal([]byte(s), v)
}
