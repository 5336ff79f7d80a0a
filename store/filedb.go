package store

import (
	"errors"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// fileDB is the open bbolt file of a Store. The file can be replaced
// while the interface runs (a restore from the settings screen, the
// compaction after an upgraded file is sealed): reads and writes started
// meanwhile wait for the new file and run on it, instead of failing once
// on the closed one. bbolt's Close itself waits for the transactions
// already open.
type fileDB struct {
	p    atomic.Pointer[bolt.DB]
	swap sync.Mutex // held while the file is closed and opened again
	// gen changes after every write transaction and replacement (and
	// at bump): what was read under one gen is still what the file
	// holds while gen has not changed.
	gen atomic.Uint64
	// reads counts the read transactions under way, each counted before
	// it begins: while none is, no reader holds a page bbolt has freed
	// (scrubFree).
	reads atomic.Int64
	// hold is taken whole while the file is copied to be renamed over
	// (a compaction, a rebuild, a large import): a write to the file
	// meanwhile would be lost with it, so every write waits. Reads go on.
	hold sync.RWMutex
}

// bump marks the file as changed (a cache kept beside it was updated).
func (f *fileDB) bump() { f.gen.Add(1) }

func newFileDB(db *bolt.DB) *fileDB {
	f := &fileDB{}
	f.p.Store(db)
	return f
}

// get is the bbolt handle open now.
func (f *fileDB) get() *bolt.DB { return f.p.Load() }

// View runs a read transaction on the file open now.
func (f *fileDB) View(fn func(*bolt.Tx) error) error {
	f.reads.Add(1)
	defer f.reads.Add(-1)
	return f.do(func(db *bolt.DB) error { return db.View(fn) })
}

// Update runs a write transaction on the file open now, once no copy of
// it is being made (holdWrites).
func (f *fileDB) Update(fn func(*bolt.Tx) error) error {
	f.hold.RLock()
	defer f.hold.RUnlock()
	defer f.bump()
	return f.do(func(db *bolt.DB) error { return db.Update(fn) })
}

// holdWrites keeps every write to the file waiting until the function it
// returns is called: from the moment a copy of the file is begun to the
// moment the copy is renamed over it. The caller must not write to the
// file through f meanwhile. Writes that change records wait on the
// store's lock as well; this holds the others (drafts, preferences,
// settings, caches kept in the file).
func (f *fileDB) holdWrites() func() {
	f.hold.Lock()
	return f.hold.Unlock
}

// do runs op, and once more on the new file when it found the file
// closed by a replacement (bbolt refuses to begin on a closed file, so
// op's function had not run).
func (f *fileDB) do(op func(*bolt.DB) error) error {
	touched()
	db := f.p.Load()
	err := op(db)
	if !errors.Is(err, bolt.ErrDatabaseNotOpen) {
		return err
	}
	f.swap.Lock() // wait for a replacement under way to end
	f.swap.Unlock()
	if now := f.p.Load(); now != db {
		return op(now)
	}
	return err // closed for good
}

// Close closes the file.
func (f *fileDB) Close() error { return f.p.Load().Close() }

// IsReadOnly reports whether the file was opened for reading only.
func (f *fileDB) IsReadOnly() bool { return f.p.Load().IsReadOnly() }

// replace closes the file, lets change work on the closed file, and
// switches to the handle change opens (nil: none could be opened; the
// Store is then unusable, as after Close).
func (f *fileDB) replace(change func() (*bolt.DB, error)) error {
	f.swap.Lock()
	defer f.swap.Unlock()
	defer f.bump()
	if err := f.p.Load().Close(); err != nil {
		return err
	}
	db, err := change()
	if db != nil {
		f.p.Store(db)
	}
	return err
}
