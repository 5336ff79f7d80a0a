package store

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// Folding many records (rebuild, check, a large import) is decoding and
// folding each one's events and encoding its projection: work on bytes
// alone, done on every core. bbolt is read and written by one goroutine
// only: it gathers the stored bytes of a chunk of records (valid while
// its transaction lasts), the cores fold them, and it takes the results
// back in id order.

// foldChunk is how many records are gathered before they are folded.
const foldChunk = 1024

// recordJob is one record of such a pass.
type recordJob struct {
	id     string
	keys   [][]byte // its list keys
	raws   [][]byte // its events as stored, in list (fold) order
	stored []byte   // its projection as stored; nil if none

	// Set by the fold.
	err     error // its events could not be read or folded
	state   any   // the fresh projection
	encoded []byte
	entries []idxEntry
}

// gatherRecord reads the stored events of id from its list.
func gatherRecord(tx *bolt.Tx, id string, j *recordJob) {
	j.id, j.keys, j.raws, j.err, j.state, j.encoded, j.entries = id, j.keys[:0], j.raws[:0], nil, nil, nil, nil
	p := prefix(id)
	evb := tx.Bucket(bEvents)
	c := tx.Bucket(bEntityEvents).Cursor()
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		raw := evb.Get(v)
		if raw == nil {
			j.err = fmt.Errorf("%w: entity %s lists a missing event", ErrCorrupt, id)
			return
		}
		j.keys = append(j.keys, k)
		j.raws = append(j.raws, raw)
	}
}

// foldRecord decodes and folds one gathered record, and encodes its
// projection and index entries.
func foldRecord(j *recordJob) {
	if j.err != nil {
		return
	}
	evs := make([]model.Event, len(j.raws))
	for i, raw := range j.raws {
		e, err := decodeEvent(raw)
		if err != nil {
			j.err = fmt.Errorf("%w: %v", ErrCorrupt, err)
			return
		}
		evs[i] = e
	}
	v, err := model.FoldEntity(j.id, evs)
	if err != nil {
		j.err = err
		return
	}
	j.state = v
	if j.encoded, err = encodeState(v); err != nil {
		j.err = err
		return
	}
	j.entries = indexEntries(j.id, v)
}

// foldAll runs foldRecord on every job, on every core, and returns when
// all are done.
func foldAll(jobs []recordJob) {
	n := min(runtime.GOMAXPROCS(0), len(jobs)/64+1)
	if n <= 1 {
		for i := range jobs {
			foldRecord(&jobs[i])
		}
		return
	}
	var wg sync.WaitGroup
	per := (len(jobs) + n - 1) / n
	for w := 1; w < n; w++ {
		part := jobs[min(w*per, len(jobs)):min((w+1)*per, len(jobs))]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range part {
				foldRecord(&part[i])
			}
		}()
	}
	for i := range jobs[:min(per, len(jobs))] {
		foldRecord(&jobs[i])
	}
	wg.Wait()
}
