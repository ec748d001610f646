//go:build !linux

package atomicfile

// isTmpfs reports whether dir is on a memory file system; outside Linux it
// cannot tell and says no.
func isTmpfs(string) bool { return false }
