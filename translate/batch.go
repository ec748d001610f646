package translate

import (
	"fmt"
	"unicode/utf8"
)

// Batches splits segs into consecutive runs that each fit lim, keeping order.
// A single segment over lim's per-request or per-segment bounds is an
// [ErrRequestTooLarge] error naming it: callers split long paragraphs into
// sentences before batching.
func Batches(segs []Segment, lim Limits) ([][]Segment, error) {
	var out [][]Segment
	start, chars, bytes := 0, 0, 0
	for i, s := range segs {
		c, b := utf8.RuneCountInString(s.Text), len(s.Text)
		if over(c, lim.MaxChars) || over(b, lim.MaxBytes) || over(c, lim.MaxSegmentChars) {
			return nil, fmt.Errorf("%w: segment %q has %d characters (%d bytes), over the backend's limit", ErrRequestTooLarge, s.ID, c, b)
		}
		n := i - start
		if n > 0 && (over(n+1, lim.MaxSegments) || over(chars+c, lim.MaxChars) || over(bytes+b, lim.MaxBytes)) {
			out = append(out, segs[start:i:i])
			start, chars, bytes = i, 0, 0
		}
		chars += c
		bytes += b
	}
	if start < len(segs) {
		out = append(out, segs[start:len(segs):len(segs)])
	}
	return out, nil
}

// over reports whether n exceeds limit, where a zero limit is no limit.
func over(n, limit int) bool { return limit > 0 && n > limit }
