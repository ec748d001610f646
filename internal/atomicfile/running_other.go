//go:build !unix

package atomicfile

// running cannot tell where signals do not exist, and says no: a file older
// than this process's start is then taken as stale.
func running(int) bool { return false }
