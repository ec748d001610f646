package bitext

import "time"

// PostEdit is an editor's version of a segment's target: the text, who wrote
// it and when. The machine translation it replaces stays in the segment's
// Machine field (and the raw backend output in MT).
type PostEdit struct {
	Text string    `json:"text"`
	By   string    `json:"by,omitempty"`
	At   time.Time `json:"at"`
}
