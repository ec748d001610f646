package translate

import (
	"fmt"
	"strings"
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
			return nil, fmt.Errorf("%w: segment %q has %d characters (%d bytes), over the backend's limits (%s) and has no place to cut it", ErrRequestTooLarge, s.ID, c, b, lim)
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

// CheckLimits reports whether segs fit lim as one request: a segment over the
// per-segment bounds is an [ErrRequestTooLarge] naming it, and so is a
// request that would need more than one batch. Backends call it before
// sending; the pipeline has batched to the limits already.
func CheckLimits(segs []Segment, lim Limits) error {
	batches, err := Batches(segs, lim)
	if err != nil {
		return err
	}
	if len(batches) > 1 {
		chars, bytes := 0, 0
		for _, s := range segs {
			chars += utf8.RuneCountInString(s.Text)
			bytes += len(s.Text)
		}
		return fmt.Errorf("%w: a request of %d segments, %d characters (%d bytes) is over the backend's limits (%s)", ErrRequestTooLarge, len(segs), chars, bytes, lim)
	}
	return nil
}

// String names the limits that are set, e.g. "50 segments, 131072 bytes".
func (l Limits) String() string {
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(l.MaxSegments, "segments")
	add(l.MaxChars, "characters")
	add(l.MaxBytes, "bytes")
	add(l.MaxSegmentChars, "characters a segment")
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
