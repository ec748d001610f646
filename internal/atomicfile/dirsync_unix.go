//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"syscall"
)

// syncDir makes the entries of folder dir (renames into it, folders made in
// it) durable. File systems that cannot sync a folder say EINVAL or ENOTSUP;
// there is nothing more to do on them.
func syncDir(dir string) error {
	syncs.Add(1)
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	return err
}
