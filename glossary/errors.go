package glossary

// FileError is a glossary file that cannot be read or parsed: [Load] and
// [LoadWith] return one, so that callers can tell bad input from other
// failures. Its text is Err's, which names the file and line.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }
