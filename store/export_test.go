package store

import (
	"fmt"
	"strconv"
	"strings"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// Test hooks: they write what no action can, to prove that Check finds it.

// PutRawState overwrites the stored projection of id with raw bytes.
func (s *Store) PutRawState(id string, raw []byte) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		sb, err := tx.Bucket(bState).CreateBucketIfNotExists([]byte(model.EntityKind(id)))
		if err != nil {
			return err
		}
		return sb.Put([]byte(id), raw)
	})
}

// PutPackedState stores js as the projection of id in the form this
// build writes (packed, and compressed under the file's dictionary if it
// has one).
func (s *Store) PutPackedState(id string, js []byte) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		sb, err := tx.Bucket(bState).CreateBucketIfNotExists([]byte(model.EntityKind(id)))
		if err != nil {
			return err
		}
		return sb.Put([]byte(id), compressState(packJSON([]byte{tagPacked}, js), currentDict(tx)))
	})
}

// DropFirstState removes the projection of the first record of a kind
// (and nothing else), and returns its id.
func (s *Store) DropFirstState(kind string) (id string, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bState).Bucket([]byte(kind))
		k, _ := sb.Cursor().First()
		id = string(k)
		return sb.Delete(k)
	})
	return id, err
}

// PutRawIndex adds an index entry that no projection asks for.
func (s *Store) PutRawIndex(index string, parts ...string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		ib, err := tx.Bucket(bIdx).CreateBucketIfNotExists([]byte(index))
		if err != nil {
			return err
		}
		return ib.Put(idxKey(parts...), nil)
	})
}

// DeleteRawIndex removes an index entry a projection asks for.
func (s *Store) DeleteRawIndex(index string, parts ...string) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bIdx).Bucket([]byte(index)).Delete(idxKey(parts...)) })
}

// UnlistEvent removes an event from its record's list (and nothing else).
func (s *Store) UnlistEvent(site string, seq uint64) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		e, err := decodeEvent(tx.Bucket(bEvents).Get(evKey(site, seq)))
		if err != nil {
			return err
		}
		return tx.Bucket(bEntityEvents).Delete(entKey(e.Entity, e.Clock, e.Site, e.Seq))
	})
}

// DeleteEvent removes one event from the log (and nothing else): a gap.
func (s *Store) DeleteEvent(site string, seq uint64) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bEvents).Delete(evKey(site, seq)) })
}

// RewriteEvent stores event site/seq again as edit leaves it (its data
// packed but not compressed, as a file before its dictionary holds
// it), and nothing else: damage that leaves the event readable.
func (s *Store) RewriteEvent(site string, seq uint64, edit func(e *model.Event)) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		k := evKey(site, seq)
		e, err := decodeEvent(tx.Bucket(bEvents).Get(k))
		if err != nil {
			return err
		}
		edit(&e)
		return tx.Bucket(bEvents).Put(k, encodeEvent(&e))
	})
}

// LineHashed is how many imported events have had their hash taken
// from their bundle's line.
func LineHashed() int64 { return lineHashed.Load() }

// CheckLogPasses is how many passes over the log Checks have made.
func CheckLogPasses() int64 { return logPasses.Load() }

// SetSchema records another schema version in the file.
func (s *Store) SetSchema(v int) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bMeta).Put([]byte("schema"), []byte(strconv.Itoa(v)))
	})
}

// DropCaches forgets the in-memory caches, as a fresh Open would.
func (s *Store) DropCaches() { s.dropCaches() }

// SetRebuildBatch makes Rebuild sort its keys in runs of n, and every
// pass over the records (rebuild, check, import) fold them in chunks of
// n, so that tests cross those boundaries; it returns the function that
// restores both.
func SetRebuildBatch(n int) func() {
	oldB, oldC := rebuildBatch, foldChunk
	rebuildBatch, foldChunk = n, n
	return func() { rebuildBatch, foldChunk = oldB, oldC }
}

// RebuildsSortedForTest counts the rebuilds whose trusting pass gave way
// to the pass that sorts (rebuildInto).
func RebuildsSortedForTest() int64 { return rebuildsSorted.Load() }

// SetRebuildTrustForTest makes rebuilds skip their trusting pass (false),
// and returns the function that restores it.
// PoisonViewsForTest fills the arena of a record's views with junk once
// its fold is done with it (poisonViews).
func PoisonViewsForTest() func() {
	poisonViews = true
	return func() { poisonViews = false }
}

func SetRebuildTrustForTest(on bool) func() {
	old := rebuildTrusts
	rebuildTrusts = on
	return func() { rebuildTrusts = old }
}

// BucketsForTest lists every key and value of the file, bucket by
// bucket, the clock's and the meta keys a rebuild makes again aside.
func (s *Store) BucketsForTest() string {
	var b strings.Builder
	var walk func(path string, bk *bolt.Bucket)
	walk = func(path string, bk *bolt.Bucket) {
		fmt.Fprintf(&b, "%s seq %d\n", path, bk.Sequence())
		bk.ForEach(func(k, v []byte) error {
			if v == nil {
				walk(path+"/"+string(k), bk.Bucket(k))
			} else {
				fmt.Fprintf(&b, "%s %q %x\n", path, k, v)
			}
			return nil
		})
	}
	s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			walk(string(name), bk)
			return nil
		})
	})
	return b.String()
}

// SetImportBatch makes Import commit every n events, and, if crashAfter
// is 0 or more, stop after that batch as if the process had died; it
// returns the function that restores both.
func SetImportBatch(n, crashAfter int) func() {
	oldN, oldC := importBatch, crashAfterBatch
	importBatch, crashAfterBatch = n, crashAfter
	return func() { importBatch, crashAfterBatch = oldN, oldC }
}

// StoredEvent is the stored form of e, as the log holds it (the damage
// campaign counts the events whose stored bytes a damage left whole).
func StoredEvent(e *model.Event) []byte { return encodeEvent(e) }

// LeaveImportUndoForTest leaves path as a build before imports went to
// a copy of the file left it when killed part-way through an import
// whose committed batches had added evs: listed in bImportUndo.
func LeaveImportUndoForTest(t interface{ Fatal(...any) }, path string, evs []model.Event) {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		undo, err := tx.CreateBucket(bImportUndo)
		if err != nil {
			return err
		}
		for _, e := range evs {
			if err := undo.Put(evKey(e.Site, e.Seq), nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// MarkRebuildPendingForTest leaves path as a rebuild killed right after
// dropping the projections leaves it.
func MarkRebuildPendingForTest(t interface{ Fatal(...any) }, path string) {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bMeta).Put(metaRebuilding, []byte("1")); err != nil {
			return err
		}
		for _, b := range [][]byte{bState, bIdx} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// SealedBuildsForTest counts the full builds of the index of protected
// persons (each unseals every one of them).
func (s *Store) SealedBuildsForTest() int64 { return sealedBuilds.Load() }

// MetaKeysForTest lists the meta keys that start with prefix.
func (s *Store) MetaKeysForTest(prefix string) []string {
	var out []string
	s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bMeta).Cursor()
		for k, _ := c.Seek([]byte(prefix)); k != nil && strings.HasPrefix(string(k), prefix); k, _ = c.Next() {
			out = append(out, string(k))
		}
		return nil
	})
	return out
}
