//go:build unix

package apertium

import (
	"os/exec"
	"syscall"
)

// errLocal is nil: local pipelines run on every Unix system.
var errLocal error

// ownGroup makes cmd the leader of a process group of its own, so that
// killGroup ends every program of the shell pipeline, not only the shell.
func ownGroup(cmd *exec.Cmd) error {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return nil
}

// killGroup ends cmd's process group at once.
func killGroup(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
