package store

import (
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// fileDB is the bbolt file; each transaction it opens calls the read hook
// first, so a test can prove that no screen reads the file outside a
// command.
type fileDB struct{ *bolt.DB }

func (d fileDB) View(fn func(*bolt.Tx) error) error   { touched(); return d.DB.View(fn) }
func (d fileDB) Update(fn func(*bolt.Tx) error) error { touched(); return d.DB.Update(fn) }
func (d fileDB) Batch(fn func(*bolt.Tx) error) error  { touched(); return d.DB.Batch(fn) }
func (d fileDB) Begin(writable bool) (*bolt.Tx, error) {
	touched()
	return d.DB.Begin(writable)
}

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
