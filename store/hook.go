package store

// The read hook: every transaction on the file (fileDB.do) and every
// read of the in-memory caches calls it first, so a test can prove that no
// screen reads the file outside a command.

import "sync/atomic"

var readHook atomic.Pointer[func()]

// SetReadHook makes every read and write of any open store, of the file
// or of its in-memory caches, call fn first; nil removes it. It is for
// tests only: the interface's tests use it to fail when a screen reads
// the store in Update or View instead of in a tea.Cmd.
func SetReadHook(fn func()) {
	if fn == nil {
		readHook.Store(nil)
		return
	}
	readHook.Store(&fn)
}

func touched() {
	if h := readHook.Load(); h != nil {
		(*h)()
	}
}
