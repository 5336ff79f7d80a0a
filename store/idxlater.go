package store

import (
	"bytes"
	"encoding/binary"
	"errors"

	bolt "go.etcd.io/bbolt"
)

// A parent's first sync folds a million events in twenty batches, and
// each batch changed the indexes where its records fell: the keys of the
// indexes by person land anywhere in their range, so every batch dirtied
// nearly every page of them, and every commit wrote them all again (2.3
// s of the 11.7 an office's first sync took, the one goroutine that
// writes bbolt its bottleneck). The changes of an import into a copy of
// the file (importCopy) are therefore held until its batches are in,
// sorted in bounded memory beside the copy (keySorter), and applied in
// key order once: each page written once, and filled whole where the
// index was empty. Nothing reads an index while the batches go in: the
// folds take a record's old entries from its projection (refoldImported).
// See docs/architecture.md, "Sync".

// idxLater holds an import's index changes, in the order made.
type idxLater struct {
	keys keySorter
	n    uint64 // changes so far: the later of two changes of a key stands
	rec  []byte
	// pack: the import brings at least as many events as the file held
	// (a new parent's first sync). Its batches split the pages of
	// projections and lists whole, and its end, if it added that many,
	// writes again those left part-filled (repackImported), at a cost
	// in proportion to the import. A smaller one fills them as the desk
	// does.
	pack bool
}

// fill sets how the pages of b, a bucket of projections or the entity
// lists, are split by an import holding its index changes in l (nil:
// one that does not): as a desk write splits them (filled: ids come
// mostly in order), or, if l.pack, whole, since the import's end writes
// again the buckets that stand part-filled (repackImported).
func (l *idxLater) fill(b *bolt.Bucket) *bolt.Bucket {
	filled(b)
	if l != nil && l.pack {
		b.FillPercent = 1.0
	}
	return b
}

func newIdxLater(pattern string) *idxLater {
	return &idxLater{keys: keySorter{pattern: pattern, limit: rebuildBatch}}
}

// A change is held as one sortable key: the index's name, a zero byte,
// the key with each zero byte written as 0 1, then 0 0 (so the changes
// of one key sort together, and keys in their order), the change's
// number (8 bytes, big-endian) and 1 for a put or 0 for a delete.
const laterTail = 2 + 8 + 1

func (l *idxLater) set(e idxEntry, put bool) error {
	r := append(append(l.rec[:0], e.index...), 0)
	for {
		i := bytes.IndexByte(e.key, 0)
		if i < 0 {
			break
		}
		r = append(append(r, e.key[:i]...), 0, 1)
		e.key = e.key[i+1:]
	}
	r = append(append(r, e.key...), 0, 0)
	r = binary.BigEndian.AppendUint64(r, l.n)
	l.n++
	if put {
		r = append(r, 1)
	} else {
		r = append(r, 0)
	}
	l.rec = r
	return l.keys.add(r)
}

// errLaterKey is a held change that does not parse: the sort's runs
// beside the file were damaged while the import ran.
var errLaterKey = errors.New("store: a held index change is damaged")

// apply makes the held changes in db, a rewriter's chunk a transaction
// (rewriteChunk: a commit of sorted changes dirties only the pages they
// fill), and removes the sort's runs.
func (l *idxLater) apply(db *bolt.DB) error {
	defer l.keys.close()
	tx, err := db.Begin(true)
	if err != nil {
		return err
	}
	w := &chunkWriter{db: db, tx: tx}
	defer func() {
		if w.tx != nil {
			w.tx.Rollback()
		}
	}()
	keep := &slab{} // the keys put, until their commit
	var t *target   // the index changed now
	// change makes the last change of a key: the one before the next key.
	change := func(index, key []byte, put bool) error {
		if t == nil || !bytes.Equal(t.path[1], index) {
			t = &target{path: [][]byte{bIdx, bytes.Clone(index)}}
			b, err := w.room(t, 0)
			if err != nil {
				return err
			}
			if k, _ := b.Cursor().First(); k != nil {
				t.fill = filledIndex(b, string(index)).FillPercent // as at the desk
			} // else filled whole in key order, as a rebuild does
		}
		if put {
			return w.put(t, keep.copy(key), nil)
		}
		return w.del(t, key)
	}
	var prev []byte // the sortable part of the change before, if any
	var index, key []byte
	var put bool
	err = l.keys.each(func(r []byte) error {
		if len(r) < laterTail+1 || r[len(r)-laterTail] != 0 || r[len(r)-laterTail+1] != 0 {
			return errLaterKey
		}
		part := r[:len(r)-laterTail+2]
		if prev != nil && !bytes.Equal(prev, part) {
			if err := change(index, key, put); err != nil {
				return err
			}
		}
		prev = append(prev[:0], part...)
		i := bytes.IndexByte(r, 0)
		index = append(index[:0], r[:i]...)
		key = key[:0]
		for p := r[i+1 : len(r)-laterTail]; len(p) > 0; {
			j := bytes.IndexByte(p, 0)
			if j < 0 {
				key = append(key, p...)
				break
			}
			if j+1 >= len(p) || p[j+1] != 1 {
				return errLaterKey
			}
			key = append(append(key, p[:j]...), 0)
			p = p[j+2:]
		}
		put = r[len(r)-1] == 1
		return nil
	})
	if err == nil && prev != nil {
		err = change(index, key, put)
	}
	if err != nil {
		return err
	}
	err = w.tx.Commit()
	w.tx = nil
	return err
}

// close removes the sort's runs.
func (l *idxLater) close() { l.keys.close() }
