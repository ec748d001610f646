package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// start is when this process began, near enough: package variables are set
// before main runs.
var start = time.Now()

// owner names this process in its temporary files: its PID and its start
// time, so that a later process with the same PID is not mistaken for it.
var owner = strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(start.UnixNano(), 36)

// maxTempBase bounds the part of a final name kept in its temporary file's
// name, so that the latter stays within the 255 bytes most file systems
// allow for a name.
const maxTempBase = 200

// tempPattern is the os.CreateTemp pattern for a temporary file beside a
// file named base: ".BASE.diglot-PID-START.*.tmp".
func tempPattern(base string) string {
	if len(base) > maxTempBase {
		cut := maxTempBase
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut]
	}
	return "." + base + ".diglot-" + owner + ".*.tmp"
}

// tempOwner returns the PID and owner of a temporary file's name, and
// whether name is one that [tempPattern] makes at all.
func tempOwner(name string) (pid int, who string, ok bool) {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
		return 0, "", false
	}
	i := strings.LastIndex(name, ".diglot-")
	if i < 1 {
		return 0, "", false
	}
	rest := strings.TrimSuffix(name[i+len(".diglot-"):], ".tmp")
	who, random, ok := strings.Cut(rest, ".")
	if !ok || !allDigits(random) {
		return 0, "", false
	}
	p, t, ok := strings.Cut(who, "-")
	if !ok || !allDigits(p) || t == "" || strings.Trim(t, "0123456789abcdefghijklmnopqrstuvwxyz") != "" {
		return 0, "", false
	}
	pid, err := strconv.Atoi(p)
	if err != nil || pid <= 0 {
		return 0, "", false
	}
	return pid, who, true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Clean removes, anywhere under dir, the temporary files that a diglot
// process which has ended left behind (killed while it wrote): regular
// files named as this package names them, last modified before this
// process started, whose process is not running. It removes nothing else,
// follows no symbolic link, and returns the paths it removed. A dir that
// does not exist holds nothing to clean.
//
// A batch calls it on its output folder before it writes anything.
func Clean(dir string) (removed []string, err error) {
	var errs []error
	walkErr := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			errs = append(errs, err) // an unreadable folder: clean the rest
			return nil
		}
		if !d.Type().IsRegular() || !stale(d) {
			return nil
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			return nil
		}
		removed = append(removed, path)
		return nil
	})
	if errors.Is(walkErr, fs.ErrNotExist) {
		walkErr = nil
	}
	return removed, errors.Join(append([]error{walkErr}, errs...)...)
}

// stale reports whether d is a temporary file of an ended process.
func stale(d fs.DirEntry) bool {
	pid, who, ok := tempOwner(d.Name())
	if !ok || who == owner {
		return false
	}
	info, err := d.Info()
	if err != nil || !info.ModTime().Before(start) {
		return false
	}
	if pid == os.Getpid() {
		return true // an earlier process with this process's PID
	}
	// A process with that PID may be another diglot writing into the same
	// folder, or an unrelated process that reused the PID: either way the
	// file stays, for a later run to remove.
	return !running(pid)
}
