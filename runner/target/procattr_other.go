//go:build unix && !linux

package target

import "syscall"

// procAttr puts the child in its own process group, so that Stop ends its
// children too. Outside Linux there is no parent-death signal: a harness
// killed with SIGKILL leaves its child running.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
