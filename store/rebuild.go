package store

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// A rebuild writes a new file beside the data file and renames it over
// the data file, as Compact does: the log, the users, the peers and the
// rest of meta are copied; the entity lists, every projection and every
// index are made again from the log alone. Every bucket of the new file
// is written in key order, so its pages are full and nothing is freed,
// and the file is never half rebuilt: a crash, a full disk or a damaged
// event leaves the data file as it was. Rebuilding in place dropped
// every projection, wrote them again in random order, then compacted
// the file, which wrote everything a second time (21 to 30 s for the
// office demo's million events, against 15 to 18 s). See docs/architecture.md, "Check and
// rebuild".

// rebuildBatch is how many keys (the entity lists' or the indexes')
// a rebuild sorts in memory at once; past that it sorts them in runs
// kept in files beside the data file, and merges the runs (keySorter).
// A quarter of a million keys are 10 to 20 MB, whatever the size of the
// file, and a sorter holds two such buffers while a run is written.
var rebuildBatch = 250_000

// metaRebuilding is set while a file's projections are incomplete and
// a rebuild is owed: a salvage, or taking back an import an older build
// left part-way, dropped records whose events are sealed at rest before
// anyone signed in. The next Open that can write, and the next sign-in,
// rebuild.
var metaRebuilding = []byte("rebuilding")

// rebuildInto writes at path a copy of the file src with its entity
// lists, projections and indexes made again from its log. partial:
// records whose events are sealed at rest and cannot be opened are left
// out (skipped says how many) and the copy stays marked metaRebuilding.
// hlc observes the clock of every event, and the copy keeps the highest
// as the file's clock. A panic inside bbolt (a damaged page) reaches the
// caller, which recovers it (Guard), after the copy is closed and the
// goroutine beside it has ended; the caller removes the copy.
//
// It first trusts the file's entity lists and indexes, as long as they
// prove to be what the log makes (rebuildPass, trust); where they are
// not, or anything else is amiss, it makes them again from the log
// alone, in a second pass.
func rebuildInto(src *bolt.DB, path string, partial bool, hlc *model.HLC) (skipped int, err error) {
	err = errUntrusted
	if rebuildTrusts {
		skipped, err = trustingPass(src, path, partial, hlc)
	}
	if errors.Is(err, errUntrusted) {
		rebuildsSorted.Add(1)
		skipped, err = rebuildPass(src, path, partial, hlc, false)
	}
	return skipped, err
}

// trustingPass is rebuildPass with trust, where a panic (a damaged page
// met in the lists, the projections or the indexes, which the pass that
// sorts does not read) is one more reason not to trust them. The pass's
// own deferred calls have closed the copy and waited for its
// goroutines. Damage in the log is met again by the pass that sorts,
// which says it.
func trustingPass(src *bolt.DB, path string, partial bool, hlc *model.HLC) (skipped int, err error) {
	defer func() {
		if r := recover(); r != nil {
			skipped, err = 0, errUntrusted
		}
	}()
	return rebuildPass(src, path, partial, hlc, true)
}

// errUntrusted ends a rebuild's trusting pass: the entity lists or the
// indexes are not what the log makes, or a record could not be read or
// folded. The pass that sorts says what, if anything, is wrong.
var errUntrusted = errors.New("store: the lists or indexes are not what the log makes")

// rebuildTrusts: a rebuild tries its trusting pass first (tests compare
// it with the pass that sorts).
var rebuildTrusts = true

// rebuildsSorted counts the rebuilds that sorted the lists and indexes
// again (tests hold a whole file to none).
var rebuildsSorted atomic.Int64

// rebuildPass is one pass of rebuildInto. With trust, the records are
// walked by the file's entity lists and projections, as check walks
// them (recordIDs), and the indexes are copied as they are, while the
// keys of both are summed (idxSum) on either side: the lists' keys
// against those the log's events make, the indexes' against those the
// fresh projections make. If every sum is equal, the copy is what the
// sorting pass would write, sooner: no sort, and the records are folded
// from the start, not after a pass over the log. If not, it returns
// errUntrusted. Without trust, the log is read for its list keys, which
// are sorted, and the index keys the fold makes are sorted too.
func rebuildPass(src *bolt.DB, path string, partial bool, hlc *model.HLC, trust bool) (skipped int, err error) {
	w, err := newRewriter(path, false)
	if err != nil {
		return 0, err
	}
	finished := false
	defer func() {
		if !finished { // a panic: close what finish would have
			w.finish(errPanicked)
		}
	}()
	// The sort's runs are named after the new file: what a killed
	// rebuild left of them is removed with it (removeLeftovers).
	runs := path + runsSuffix + "*"
	lists, idx := &keySorter{pattern: runs, limit: rebuildBatch}, &keySorter{pattern: runs, limit: rebuildBatch}
	defer lists.close()
	defer idx.close()
	// Every event listed under its entity: a pass over the log in a
	// read of its own, beside the copy below, that sorts the keys or,
	// with trust, sums them. It has ended before this function returns,
	// however it returns (the runs are removed after).
	seed := maphash.MakeSeed()
	var logged, listSum idxSum
	listing := inBackground(src.Path(), func() error {
		return src.View(func(tx *bolt.Tx) error {
			var key, buf []byte
			var e model.Event
			c := tx.Bucket(bEvents).Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				var err error
				if buf, err = decodeHeadView(&e, v, buf); err != nil {
					return fmt.Errorf("%w: event %q: %v", ErrCorrupt, k, err)
				}
				if !partial && !restOpens(v) {
					return errSealedNoKey()
				}
				hlc.Observe(e.Clock)
				key = appendEntKey(key[:0], e.Entity, e.Clock, e.Site, e.Seq)
				if trust {
					logged.add(seed, key)
				} else if err := lists.add(key); err != nil {
					return err
				}
			}
			return nil
		})
	})
	defer listing.wait()
	err = src.View(func(stx *bolt.Tx) error {
		w.src, w.dict = stx, currentDict(stx)
		// What is kept as it is: peers, quarantine, and meta (at the
		// end, with the clock); and the log, copied a few events at a
		// time (logCopy) while this goroutine would otherwise wait: for
		// the pass that sorts the lists, then for the cores folding the
		// records.
		root := w.out.root
		stateB, err := root.bucket(bState)
		if err != nil {
			return err
		}
		idxB, err := root.bucket(bIdx)
		if err != nil {
			return err
		}
		listB, err := root.bucket(bEntityEvents)
		if err != nil {
			return err
		}
		err = stx.ForEach(func(name []byte, b *bolt.Bucket) error {
			switch string(name) {
			case string(bState), string(bIdx), string(bEntityEvents), string(bEvents), string(bMeta):
				return nil // made again, copied a step at a time, or at the end
			}
			return w.bucketAt(root, b, [][]byte{bytes.Clone(name)})
		})
		if err != nil {
			return err
		}
		log, err := newLogCopy(w, stx.Bucket(bEvents))
		if err != nil {
			return err
		}
		// With trust, the file's indexes are copied, and their keys
		// summed, by a goroutine of its own, in a read of its own; it
		// has ended before this read does.
		var haveIdx map[string]idxSum
		var idxOdd bool
		var copying *background
		if trust {
			copying = inBackground(src.Path(), func() error {
				return src.View(func(tx *bolt.Tx) error {
					var err error
					haveIdx, idxOdd, err = copyIndexes(tx.Bucket(bIdx), idxB, seed)
					return err
				})
			})
			defer copying.wait()
		} else {
			for !listing.ready() && log.step(logStep) {
			}
			if err := listing.wait(); err != nil {
				return err
			}
		}
		// One pass over the lists in order: each key written, each
		// record folded from its events once its last key is read.
		states := map[string]*bulkBucket{}
		// Records are gathered a chunk at a time; a chunk is folded on
		// every core while this goroutine gathers the next and writes
		// the lists, then its projections are written in id order.
		var cur []byte // the id of the record being gathered; nil: none (or stateless)
		keep := &slab{}
		wantIdx := idxWant{} // with trust: the index keys the fold makes
		pipe := newFoldPipe(foldChunk, func(js []recordJob) error {
			for i := range js {
				j := &js[i]
				listSum.merge(j.listed)
				if partial && errors.Is(j.err, ErrRestSealed) {
					skipped++
					continue
				}
				if j.err != nil && trust {
					return errUntrusted
				}
				if j.err != nil {
					return j.err
				}
				if trust && len(j.keys) == 0 {
					continue // a projection with no event behind it
				}
				kind := model.EntityKind(j.id)
				b := states[kind]
				if b == nil {
					var err error
					if b, err = stateB.bucket([]byte(kind)); err != nil {
						return err
					}
					states[kind] = b
				}
				if err := b.put([]byte(j.id), j.encoded); err != nil {
					return err
				}
				if trust {
					wantIdx.add(seed, j.entries)
					continue
				}
				for _, e := range j.entries {
					if err := idx.add2(e.index, e.key); err != nil {
						return err
					}
				}
			}
			return nil
		})
		defer pipe.stop()
		pipe.idle = func() bool { return log.step(logStep) }
		// Each core reads the events of the records it folds, in a read
		// of the file of its own: this goroutine, the new file's only
		// writer, which the others wait for, only lists their keys.
		pipe.path = src.Path()
		pipe.open = func() (func(k []byte) []byte, func(), error) {
			rtx, err := src.Begin(false)
			if err != nil {
				return nil, nil, err
			}
			return seekRead(rtx.Bucket(bEvents)), func() { rtx.Rollback() }, nil
		}
		// done ends the record being gathered.
		done := func() error {
			if cur == nil {
				return nil
			}
			cur = nil
			return pipe.gathered()
		}
		dict := currentDict(stx)
		if trust {
			err = trustLists(stx, listB, pipe, dict, seed, &listSum, listing)
		} else {
			err = lists.each(func(k []byte) error {
				k = keep.copy(k)
				i := bytes.IndexByte(k, 0)
				if i < 0 {
					return fmt.Errorf("%w: entity list key %q", ErrCorrupt, k)
				}
				// Every event is folded; the one that made its record is not
				// listed (lists.go).
				if !unlistedKey(k) {
					if err := listB.put(k, nil); err != nil {
						return err
					}
				}
				if cur != nil && bytes.Equal(cur, k[:i]) {
					j := pipe.job()
					j.keys = append(j.keys, k)
					return nil
				}
				if err := done(); err != nil {
					return err
				}
				id := string(k[:i])
				if model.Stateless(id) { // the audit folds into no state
					return nil
				}
				cur = k[:i]
				j := pipe.job()
				j.begin(id)
				j.dict, j.fetch = dict, true
				j.keys = append(j.keys, k)
				return nil
			})
			if err == nil {
				err = done()
			}
		}
		if err == nil {
			err = pipe.finish()
		}
		if err != nil {
			return err
		}
		for log.step(1 << 16) {
		}
		if log.err != nil {
			return log.err
		}
		if trust {
			// Every sum compared.
			if err := listing.wait(); err != nil {
				return err
			}
			if copying.wait() != nil {
				return errUntrusted // a damaged page among them: made again from the log
			}
			if idxOdd || !sameIndexes(haveIdx, wantIdx) || listSum != logged {
				return errUntrusted
			}
		} else {
			// The indexes, each in key order.
			var b *bulkBucket
			var name []byte
			err = idx.each(func(k []byte) error {
				i := bytes.IndexByte(k, 0)
				if i < 0 {
					return fmt.Errorf("%w: index key %q", ErrCorrupt, k)
				}
				if b == nil || !bytes.Equal(name, k[:i]) {
					name = bytes.Clone(k[:i])
					var err error
					if b, err = idxB.bucket(name); err != nil {
						return err
					}
				}
				return b.put(k[i+1:], nil)
			})
			if err != nil {
				return err
			}
		}
		meta, err := root.bucket(bMeta)
		if err != nil {
			return err
		}
		over := map[string][]byte{
			"clock":                []byte(strconv.FormatInt(hlc.Last(), 10)),
			string(metaRebuilding): nil,
		}
		if skipped > 0 {
			over[string(metaRebuilding)] = []byte("1") // still owed: see partial
		}
		return w.bucket(stx.Bucket(bMeta), meta, [][]byte{bMeta}, over)
	})
	if errors.Is(err, errUntrusted) {
		// What ended the pass over the log (a damaged event, a key not
		// held) is what the pass that sorts would meet first.
		if lerr := listing.wait(); lerr != nil {
			err = lerr
		}
	}
	finished = true
	return skipped, w.finish(err)
}

// errSealedNoKey refuses a rebuild of a file with events sealed at rest
// whose key is not held (nobody signed in).
func errSealedNoKey() error {
	return userErr(ErrRestSealed,
		"Tệp có sự kiện được niêm phong (danh tính người tố cáo): cần đăng nhập để dựng lại. Chạy lại với --user TÊN_ĐĂNG_NHẬP",
		"The file has events sealed at rest (a denouncer's identity): a sign-in is needed to rebuild. Run again with --user LOGIN")
}

// logStep is how many events a logCopy step copies: well under a
// millisecond, so a folded chunk waits no longer than that to land.
const logStep = 256

// logCopy copies the log of the file a rebuild reads into the new file,
// in key order, a step at a time.
type logCopy struct {
	w    *rewriter
	src  *bolt.Bucket
	c    *bolt.Cursor
	dst  *bulkBucket
	k, v []byte
	err  error
}

func newLogCopy(w *rewriter, src *bolt.Bucket) (*logCopy, error) {
	dst, err := w.out.root.bucket(bEvents)
	if err != nil {
		return nil, err
	}
	l := &logCopy{w: w, src: src, dst: dst}
	if src == nil {
		return l, nil
	}
	dst.seq = src.Sequence()
	l.c = src.Cursor()
	l.k, l.v = l.c.First()
	return l, nil
}

var logPath = [][]byte{bEvents}

// step copies up to n events, as rewriter.bucket copies them, and
// reports whether any are left to copy (none once it has failed: err).
func (l *logCopy) step(n int) bool {
	for ; n > 0 && l.k != nil && l.err == nil; n-- {
		l.err = l.w.entry(l.src, l.dst, logPath, l.k, l.v)
		l.k, l.v = l.c.Next()
	}
	return l.k != nil && l.err == nil
}

// errPanicked stands for a panic on its way up, for cleanups.
var errPanicked = errors.New("store: panicked")

// slab keeps copies of many small byte strings in large blocks: the list
// keys a rebuild hands to the cores, and those an import's index changes
// put, until bbolt commits them.
type slab struct{ b []byte }

func (s *slab) copy(p []byte) []byte {
	if len(s.b)+len(p) > cap(s.b) {
		s.b = make([]byte, 0, max(1<<20, len(p)))
	}
	s.b = append(s.b, p...)
	return s.b[len(s.b)-len(p):]
}

// keySorter gives back the keys added to it in byte order, each once.
// It holds at most limit keys in memory; past that it writes each
// sorted run to a file and merges the runs as it gives them back,
// so a rebuild sorts the keys of a file of any size in bounded memory.
//
// A run is sorted and written by a goroutine of its own while keys go
// on being added into a second buffer: the goroutine that adds them is
// a rebuild's or an import's only writer, which the other cores wait
// for. At most one run is in flight, so memory stays within two
// buffers of limit keys.
type keySorter struct {
	pattern string // where runs go: a file pattern for os.CreateTemp
	limit   int
	keyBuf
	spare    keyBuf     // the buffer of the run last written, for the next
	spilling chan error // the run in flight, if any: its result
	runs     []*os.File
}

// keyBuf is keys held in memory.
type keyBuf struct {
	buf  []byte
	offs []int // where each key starts in buf
}

func (s *keySorter) add(k []byte) error {
	s.offs = append(s.offs, len(s.buf))
	s.buf = append(s.buf, k...)
	if len(s.offs) >= s.limit {
		return s.spill()
	}
	return nil
}

// add2 adds the key a, a zero byte, b.
func (s *keySorter) add2(a string, b []byte) error {
	s.offs = append(s.offs, len(s.buf))
	s.buf = append(append(append(s.buf, a...), 0), b...)
	if len(s.offs) >= s.limit {
		return s.spill()
	}
	return nil
}

// sorted returns the keys of b, sorted.
func (b *keyBuf) sorted() [][]byte {
	keys := make([][]byte, len(b.offs))
	for i, o := range b.offs {
		end := len(b.buf)
		if i+1 < len(b.offs) {
			end = b.offs[i+1]
		}
		keys[i] = b.buf[o:end:end]
	}
	slices.SortFunc(keys, bytes.Compare)
	return keys
}

// spill starts writing the keys in memory to a new run, once the run
// before is written, and goes on with the other buffer.
func (s *keySorter) spill() error {
	if err := s.written(); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(s.pattern), filepath.Base(s.pattern))
	if err != nil {
		return err
	}
	s.runs = append(s.runs, f)
	held := s.keyBuf
	s.keyBuf = keyBuf{buf: s.spare.buf[:0], offs: s.spare.offs[:0]}
	s.spare = held
	done := make(chan error, 1)
	s.spilling = done
	go func() { done <- writeRun(f, &held) }()
	return nil
}

// written waits for the run in flight, if any, and returns its error.
func (s *keySorter) written() error {
	if s.spilling == nil {
		return nil
	}
	err := <-s.spilling
	s.spilling = nil
	return err
}

// writeRun writes the keys of b to f, sorted, and rewinds f.
func writeRun(f *os.File, b *keyBuf) error {
	bw := bufio.NewWriterSize(f, 256<<10)
	var n [10]byte
	for _, k := range b.sorted() {
		bw.Write(n[:binary.PutUvarint(n[:], uint64(len(k)))])
		bw.Write(k)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err := f.Seek(0, io.SeekStart)
	return err
}

// each calls fn with every key in order, once. The key is valid only
// until fn returns.
func (s *keySorter) each(fn func(k []byte) error) error {
	var prev []byte
	first := true
	once := func(k []byte) error {
		if !first && bytes.Equal(prev, k) {
			return nil
		}
		first, prev = false, append(prev[:0], k...)
		return fn(k)
	}
	if len(s.runs) == 0 {
		for _, k := range s.sorted() {
			if err := once(k); err != nil {
				return err
			}
		}
		return nil
	}
	if len(s.offs) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	if err := s.written(); err != nil {
		return err
	}
	h := &runHeap{}
	for _, f := range s.runs {
		r := &run{r: bufio.NewReaderSize(f, 256<<10)}
		if ok, err := r.next(); err != nil {
			return err
		} else if ok {
			h.rs = append(h.rs, r)
		}
	}
	heap.Init(h)
	for len(h.rs) > 0 {
		r := h.rs[0]
		if err := once(r.key); err != nil {
			return err
		}
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return nil
}

// close removes the runs (once the one in flight is written).
func (s *keySorter) close() {
	s.written()
	for _, f := range s.runs {
		f.Close()
		os.Remove(f.Name())
	}
	s.runs = nil
}

// run is one sorted run being merged, at its current key.
type run struct {
	r   *bufio.Reader
	key []byte
}

func (r *run) next() (bool, error) {
	n, err := binary.ReadUvarint(r.r)
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	r.key = slices.Grow(r.key[:0], int(n))[:n]
	if _, err := io.ReadFull(r.r, r.key); err != nil {
		return false, err
	}
	return true, nil
}

type runHeap struct{ rs []*run }

func (h *runHeap) Len() int           { return len(h.rs) }
func (h *runHeap) Less(i, j int) bool { return bytes.Compare(h.rs[i].key, h.rs[j].key) < 0 }
func (h *runHeap) Swap(i, j int)      { h.rs[i], h.rs[j] = h.rs[j], h.rs[i] }
func (h *runHeap) Push(x any)         { h.rs = append(h.rs, x.(*run)) }
func (h *runHeap) Pop() any {
	r := h.rs[len(h.rs)-1]
	h.rs = h.rs[:len(h.rs)-1]
	return r
}

// trustLists is the gathering of a trusting rebuild (rebuildPass): each
// record the entity lists or the projections name, in id order, its
// listed keys written to lists and summed into sum where its events are
// not folded (the audit), and its job given to the pipe, whose core
// places the made event's key, reads the events and sums the keys
// (fetchRecord); its projection is compressed under dict. A pass over
// the log (listing) that ends early has met an event it cannot read, or
// one sealed without its key: that ends this walk too.
func trustLists(tx *bolt.Tx, lists *bulkBucket, pipe *foldPipe, dict *zdict, seed maphash.Seed, sum *idxSum, listing *background) error {
	damaged := false
	recs := newRecordIDs(tx, func([]byte) { damaged = true })
	events := seekRead(tx.Bucket(bEvents))
	prev := ""
	for id, stored, keys, ok := recs.next(nil); ok; id, stored, keys, ok = recs.next(keys[:0]) {
		if damaged || id <= prev && prev != "" {
			return errUntrusted // a damaged key, or a projection in another kind's bucket
		}
		prev = id
		if listing.ready() && listing.err != nil {
			return listing.err
		}
		for _, k := range keys {
			if unlistedKey(k) {
				continue // the id says it (lists.go)
			}
			if err := lists.put(k, nil); err != nil {
				return err
			}
		}
		if model.Stateless(id) { // the audit folds into no state
			made, _ := madeListed(events, id)
			for _, k := range placeMade(keys, made) {
				sum.add(seed, k)
			}
			continue
		}
		j := pipe.job()
		j.begin(id)
		j.keys = append(j.keys, keys...) // in the file's map: valid while tx is
		j.dict, j.fetch, j.made, j.seed, j.was = dict, true, true, seed, stored
		if err := pipe.gathered(); err != nil {
			return err
		}
	}
	if damaged {
		return errUntrusted
	}
	return nil
}

// copyIndexes copies the indexes of a file (src) into dst, and returns
// the sum of each one's keys; odd: src holds something not an index.
func copyIndexes(src *bolt.Bucket, dst *bulkBucket, seed maphash.Seed) (have map[string]idxSum, odd bool, err error) {
	have = map[string]idxSum{}
	err = src.ForEach(func(name, v []byte) error {
		ib := src.Bucket(name)
		if v != nil || ib == nil {
			odd = true
			return nil
		}
		var b *bulkBucket // made at its first key: the pass that sorts makes no empty index
		var sum idxSum
		err := ib.ForEach(func(k, v []byte) error {
			if v == nil || len(v) > 0 {
				odd = true // an index holds keys alone
				return nil
			}
			sum.add(seed, k)
			if b == nil {
				var err error
				if b, err = dst.bucket(name); err != nil {
					return err
				}
			}
			return b.put(k, nil)
		})
		have[string(name)] = sum
		return err
	})
	return have, odd, err
}

// sameIndexes reports whether the indexes a file holds (have) are those
// its records want.
func sameIndexes(have map[string]idxSum, want idxWant) bool {
	for name, w := range want {
		if have[name] != *w {
			return false
		}
	}
	for name, h := range have {
		if h != want.of(name) {
			return false
		}
	}
	return true
}

// A background is work on a goroutine of its own, read of the file at
// path (a damaged page is said as damage of it: Guard), whose error is
// waited for once and then kept.
type background struct {
	done  chan error
	err   error
	ended bool
}

func inBackground(path string, work func() error) *background {
	b := &background{done: make(chan error, 1)}
	go func() {
		var err error
		defer func() { b.done <- err }()
		defer Guard(&err, path)()
		err = work()
	}()
	return b
}

// wait waits for the work to end, and returns its error.
func (b *background) wait() error {
	if !b.ended {
		b.err, b.ended = <-b.done, true
	}
	return b.err
}

// ready reports, without waiting, whether the work has ended (then err
// is its error).
func (b *background) ready() bool {
	if !b.ended {
		select {
		case b.err = <-b.done:
			b.ended = true
		default:
		}
	}
	return b.ended
}
