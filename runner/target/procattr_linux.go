package target

import "syscall"

// procAttr puts the child in its own process group, so that Stop ends its
// children too, and has the kernel kill it should the harness itself be
// killed (SIGKILL leaves no chance to run Stop). Only the direct child
// gets that signal: a shell that forks the command leaves the command
// running, so users are told to write "exec ./server".
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
