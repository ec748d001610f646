package settings

import (
	_ "embed"
	"os"
)

// Starter is the file `diglot init` writes: the defaults, set, and every
// other key, commented out, with what it does.
//
//go:embed starter.yaml
var Starter string

// WriteStarter creates path with [Starter], never over a file that is
// there (the error, an [*Error] as every failure to create the file, then
// wraps fs.ErrExist), and never leaving half a file.
func WriteStarter(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return &Error{err}
	}
	if _, err := f.WriteString(Starter); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}
