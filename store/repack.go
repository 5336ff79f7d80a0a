package store

import (
	"bytes"
	"errors"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// bRepack holds a bucket while repack writes it again; it exists only
// in a copy of the file that a large import writes (importCopy), never
// in a file renamed over the data file.
var bRepack = []byte("repack")

// repackBelow is how full, at most, the pages of a bucket a large
// import wrote may stand before it is written again in key order.
const repackBelow = 0.9

// errRepackNested: a bucket repack was given holds a bucket (none of
// those it is given do).
var errRepackNested = errors.New("store: a bucket to repack holds a bucket")

// repackImported writes again, in key order and with pages filled
// whole, each bucket of projections, and the entity lists, that stands
// under repackBelow full after a large import's batches: their keys do
// not arrive in order (ids are numbered in decimal, and a record's
// events come over years), and a page split whole stays part-filled
// once something lands in it again (11 MB of a new parent's 345 after
// an office's decade, split at 90%). Kinds whose records only ever
// arrive (visits, persons) come out over 90% and are left as they are;
// a bucket the desk filled before the import may be written again too,
// at a cost no more than the import's (idxLater.pack). It runs before
// the import's index changes are laid (idxLater.apply), which take the
// pages it frees. db is the import's copy: nothing else reads or
// writes it.
func repackImported(db *bolt.DB) error {
	var paths [][][]byte
	err := db.View(func(tx *bolt.Tx) error {
		ps := tx.DB().Info().PageSize
		if b := tx.Bucket(bEntityEvents); underfilled(b, ps) {
			paths = append(paths, [][]byte{bEntityEvents})
		}
		return tx.Bucket(bState).ForEach(func(kind, _ []byte) error {
			if underfilled(tx.Bucket(bState).Bucket(kind), ps) {
				paths = append(paths, [][]byte{bState, bytes.Clone(kind)})
			}
			return nil
		})
	})
	for _, p := range paths {
		if err != nil {
			break
		}
		err = repack(db, p)
		repacked.Add(1)
	}
	return err
}

// repacked counts the buckets repackImported wrote again (tests).
var repacked atomic.Int64

// underfilled reports whether b's leaves, more than a page's worth,
// hold less than repackBelow of what they could (the last page may be
// part-filled in any case); ps is the file's page size.
func underfilled(b *bolt.Bucket, ps int) bool {
	if b == nil {
		return false
	}
	s := b.Stats()
	room := s.LeafAlloc - ps
	return room > ps && float64(s.LeafInuse) < repackBelow*float64(room)
}

// repack writes the bucket at path (a top-level bucket or one inside
// another) again in key order, in a bucket of its own under bRepack, a
// rewriteChunk a transaction (a commit of keys put in order dirties only
// the pages they fill), then puts the copy in its place. Values are
// put as stored.
func repack(db *bolt.DB, path [][]byte) error {
	leaf := path[len(path)-1]
	parentOf := func(tx *bolt.Tx) *bolt.Bucket {
		if len(path) == 1 {
			return nil // the root
		}
		b := tx.Bucket(path[0])
		for _, p := range path[1 : len(path)-1] {
			b = b.Bucket(p)
		}
		return b
	}
	src := func(tx *bolt.Tx) *bolt.Bucket {
		if p := parentOf(tx); p != nil {
			return p.Bucket(leaf)
		}
		return tx.Bucket(leaf)
	}
	err := inChunks(db, func(tx *bolt.Tx, from []byte) ([]byte, error) {
		tmp, err := tx.CreateBucketIfNotExists(bRepack)
		if err != nil {
			return nil, err
		}
		s := src(tx)
		dst := tmp.Bucket(leaf)
		if dst == nil {
			if dst, err = tmp.CreateBucket(leaf); err != nil {
				return nil, err
			}
			if err := dst.SetSequence(s.Sequence()); err != nil {
				return nil, err
			}
		}
		dst.FillPercent = 1.0
		// k and v point into the file's map, which lasts as long as
		// this transaction (bbolt copies what a node holds before it
		// maps the file again).
		size := 0
		c := s.Cursor()
		for k, v := seekFrom(c, from); k != nil; k, v = c.Next() {
			if size >= rewriteChunk {
				return bytes.Clone(k), nil
			}
			if v == nil {
				return nil, errRepackNested
			}
			if err := dst.Put(k, v); err != nil {
				return nil, err
			}
			size += len(k) + len(v)
		}
		return nil, nil
	})
	if err != nil {
		return err
	}
	// The copy is whole: it takes the bucket's place, in a transaction
	// of its own (MoveBucket moves a bucket as last committed: puts to
	// it in the same transaction would be lost).
	return db.Update(func(tx *bolt.Tx) error {
		tmp := tx.Bucket(bRepack)
		p := parentOf(tx)
		var err error
		if p == nil {
			err = tx.DeleteBucket(leaf)
		} else {
			err = p.DeleteBucket(leaf)
		}
		if err == nil {
			err = tx.MoveBucket(leaf, tmp, p)
		}
		if err == nil {
			err = tx.DeleteBucket(bRepack)
		}
		return err
	})
}

// inChunks runs step in write transactions of db, one after the other,
// until it returns no key to go on from: a walk over a bucket too long
// for one transaction, each step given the key the one before stopped
// at (nil: the first).
func inChunks(db *bolt.DB, step func(tx *bolt.Tx, from []byte) (next []byte, err error)) error {
	var from []byte
	for first := true; first || from != nil; first = false {
		if err := db.Update(func(tx *bolt.Tx) (err error) {
			from, err = step(tx, from)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// seekFrom places c at from, or at its first key if from is nil.
func seekFrom(c *bolt.Cursor, from []byte) ([]byte, []byte) {
	if from == nil {
		return c.First()
	}
	return c.Seek(from)
}
