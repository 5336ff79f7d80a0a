//go:build unix

package main

import (
	"os/signal"
	"syscall"
)

// A write past the file-size limit (ulimit -f, a full quota) sends
// SIGXFSZ, whose default kills the process mid-write with no message.
// Ignored, the write fails with EFBIG instead, and the person is told.
func init() { signal.Ignore(syscall.SIGXFSZ) }
