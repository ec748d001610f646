//go:build !unix

package apertium

import (
	"errors"
	"os/exec"
)

// errLocal is why local mode cannot run here: a mode file is a shell
// pipeline, and stopping it cleanly needs Unix process groups.
var errLocal = errors.New("apertium: local pipelines need a Unix system; use --endpoint with APY")

func ownGroup(*exec.Cmd) error { return errLocal }

func killGroup(cmd *exec.Cmd) { _ = cmd.Process.Kill() }
