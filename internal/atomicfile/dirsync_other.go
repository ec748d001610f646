//go:build !unix

package atomicfile

// syncDir does nothing where folders cannot be opened for syncing (Windows,
// where a rename is made durable with the file system's own journal).
func syncDir(string) error { return nil }
