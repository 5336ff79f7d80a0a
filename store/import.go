package store

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"sync/atomic"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// ErrImport wraps every refusal of an import; nothing was applied.
var ErrImport = errors.New("store: import refused")

// ImportResult says what an import did.
type ImportResult struct {
	Added       int               // new events applied
	Present     int               // events already held (no change)
	Quarantined []model.Event     // equivocations: same (site, seq), different content
	Conflicts   int               // entities that now carry a conflict
	Heads       map[string]uint64 // highest seq held per site after the import
}

// ImportTx is the part of an import the sync code does inside the same
// transaction: after the events, before the commit.
type ImportTx struct {
	tx *bolt.Tx
}

// importBatch is how many events one transaction of an import reads: a
// bundle of a few thousand events is one transaction, a parent's first
// sync of a million is twenty, each holding a few tens of MB, so memory
// does not grow with the bundle.
var importBatch = 50_000

// bImportUndo listed what an import under way had added (event keys,
// and quarantine keys after a 'q' byte), when builds before this one
// committed a large import's batches in the file itself: a file such a
// build left part-way through an import is taken back at open
// (undoImport). Imports no longer write it.
var bImportUndo = []byte("import_undo")

// EventsOf is an Import source that gives evs in turn.
func EventsOf(evs []model.Event) func() (model.Event, bool, error) {
	i := 0
	return func() (model.Event, bool, error) {
		if i == len(evs) {
			return model.Event{}, false, nil
		}
		i++
		return evs[i-1], true, nil
	}
}

// Import applies events from next (until it returns ok=false), all or
// nothing. finish runs after the last event, in the last transaction: if
// it (or anything else) fails, nothing is applied. Events already held
// change nothing; an event whose (site, seq) is held with other content is
// quarantined, never merged; an event whose predecessor is missing or does
// not chain refuses the whole import. The one exception: another site's
// event addressed to this one (To == this site) may lack its predecessor,
// because an office sends a child only what it addresses to it; its links
// are still checked wherever both ends are held.
//
// An import of up to importBatch events is one transaction. A larger
// one (a parent's first sync: a million events) cannot be, in bounded
// memory: it is applied a batch at a time to a copy of the file, synced,
// and the copy renamed over the file (importCopy). Nothing of it is seen
// before that rename, in this process or after a crash: the file is
// either as it was or holds the whole import. The first batch, begun in
// the file itself, is rolled back and replayed into the copy.
func (s *Store) Import(next func() (model.Event, bool, error), finish func(*ImportTx) error) (ImportResult, error) {
	return s.importSized(0, next, nil, finish)
}

// importSized is Import told that next gives at most n events (0: not
// known). More than a batch go straight into the copy: a bundle's
// manifest says how many it holds, and the first batch begun in the file
// and rolled back was a quarter of a second of a parent's first sync.
func (s *Store) importSized(n int, next func() (model.Event, bool, error), sums lineSums, finish func(*ImportTx) error) (ImportResult, error) {
	defer s.scrubIfSealed() // after the lock is let go (rest.go)
	defer bulkGC()()
	s.mu.Lock()
	defer s.mu.Unlock()
	saved := s.hlc
	large := n > importBatch
	in := &preparer{next: next, sums: sums, keep: !large}
	defer in.stop()
	var res ImportResult
	err := errLargeImport
	if !large {
		res, err = s.importBatches(s.db.Update, in, finish, nil)
	}
	if errors.Is(err, errLargeImport) {
		s.hlc = saved
		in.again()
		res, err = s.importCopy(in, finish, max(n, importBatch+1))
	}
	if err != nil {
		s.hlc = saved
		return ImportResult{Heads: map[string]uint64{}}, err
	}
	s.saw()
	s.dropCaches()
	return res, nil
}

// errLargeImport stops an import's first transaction: the bundle holds
// more than one batch.
var errLargeImport = errors.New("store: more than one batch")

// importCopy applies an import too large for one transaction to a copy
// of the file, a batch a transaction, and renames the copy over the file
// once it is whole and synced. A crash part-way leaves the copy, which
// the next open removes (removeLeftovers). n is how many events the
// import brings, or fewer (idxLater.pack). s.mu is held.
func (s *Store) importCopy(in *preparer, finish func(*ImportTx) error, n int) (res ImportResult, err error) {
	err = s.replaceFile(importSuffix, func(tmp string) error {
		if err := s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(tmp, 0o600) }); err != nil {
			return diskErr(err)
		}
		o := *s.bo
		o.NoSync, o.NoGrowSync = true, true // synced once, whole, before the rename
		db, err := bolt.Open(tmp, 0o600, &o)
		if err != nil {
			return diskErr(err)
		}
		later := newIdxLater(tmp + runsSuffix + "*")
		defer later.close()
		held := int(s.LogMark()) // as the copy holds: writes wait
		later.pack = n >= held
		if err := dictFirst(db, in); err != nil {
			db.Close()
			return diskErr(err)
		}
		// What each transaction wrote goes to the disk while the next
		// is made (writeback.go), not all at the sync below.
		hand := func() {}
		if f, err := os.Open(tmp); err == nil {
			wb := newWriteback(f)
			defer func() {
				wb.end()
				f.Close()
			}()
			hand = func() { wb.hand(0, 0) }
		}
		update := func(fn func(*bolt.Tx) error) error {
			err := db.Update(fn)
			hand()
			return err
		}
		res, err = s.importBatches(update, in, finish, later)
		if err == nil && later.pack && res.Added >= held {
			// (A bundle counts the events the file already held: one
			// that added little leaves the pages as they are.)
			err = diskErr(repackImported(db))
			hand()
		}
		if err == nil {
			err = diskErr(later.apply(db))
			hand()
		}
		if err == nil {
			err = diskErr(db.Update(func(tx *bolt.Tx) error { return s.importEnd(tx, finish, &res) }))
		}
		if err == nil {
			err = diskErr(db.Sync())
		}
		if cerr := db.Close(); err == nil && cerr != nil {
			err = diskErr(cerr)
		}
		return err
	})
	return res, err
}

// importBatches applies what in gives, a batch of importBatch events per
// transaction of update. Without later, the import is begun in the file
// itself, stops with errLargeImport, rolled back, if a batch fills, and
// ends (importEnd) in its one transaction; with it, the index changes
// are held there, and the caller applies them and ends the import.
func (s *Store) importBatches(update func(func(*bolt.Tx) error) error, in *preparer, finish func(*ImportTx) error, later *idxLater) (ImportResult, error) {
	first := later == nil
	res := ImportResult{Heads: map[string]uint64{}}
	// hashes of the newest event per site seen in this import, so a chain
	// can be checked without re-reading what was just written.
	last := map[string]struct {
		seq  uint64
		hash string
	}{}
	conflicted := map[string]bool{}
	// above: per site, the highest seq the file may hold (held before
	// this import, or put by it). An event above it is new, and is not
	// looked up: nearly every event of a first sync.
	above := map[string]uint64{}
	batches := 0
	for more := true; more; batches++ {
		more = false
		err := update(func(tx *bolt.Tx) error {
			touched := map[string][]model.Event{} // record -> its new events
			var listed [][]byte                   // entity list keys of the added events
			evb := tx.Bucket(bEvents)
			held := seek(evb) // the log as the batch has it so far
			var key []byte
			dict := currentDict(tx)
			for n := 0; ; n++ {
				if n == importBatch {
					if first {
						// More than a batch, unless the bundle ends
						// here: the event looked at is kept, and given
						// again in the copy.
						if _, ok, err := in.pull(dict); err != nil {
							return err
						} else if ok {
							return errLargeImport
						}
						break
					}
					more = true
					break
				}
				x, ok, err := in.pull(dict)
				if err != nil {
					return err
				}
				if !ok {
					break
				}
				e := x.e
				if e.Site == "" || e.Seq == 0 || e.Entity == "" || e.Type == "" {
					return importErr("Gói có sự kiện thiếu thông tin bắt buộc (%s)", "The bundle holds an event missing required fields (%s)", e.Key())
				}
				key = appendEvKey(key[:0], e.Site, e.Seq)
				top, seen := above[e.Site]
				if !seen {
					top, _ = newestOf(evb, e.Site)
				}
				above[e.Site] = max(top, e.Seq)
				if e.Seq > top {
					// Not held: nothing to look up.
				} else if old := held(key); old != nil {
					if have, err := decodeHead(old); err == nil && hashOf(old, &have) == x.hash {
						res.Present++
						last[e.Site] = struct {
							seq  uint64
							hash string
						}{e.Seq, x.hash}
						continue
					}
					res.Quarantined = append(res.Quarantined, e)
					b, _ := json.Marshal(e)
					qk := append(evKey(e.Site, e.Seq), []byte(x.hash)...)
					if err := tx.Bucket(bQuarantine).Put(qk, b); err != nil {
						return err
					}
					continue
				}
				// An office sends a child only the events it addresses to that
				// child, so another site's events addressed to this one arrive
				// with gaps in their chain: each link is checked where both
				// ends are held, and the bundle's signature vouches for the rest.
				sparse := e.To == s.site && e.Site != s.site
				var prevHash string
				linked := true
				if l, ok := last[e.Site]; ok && l.seq == e.Seq-1 {
					prevHash = l.hash
				} else if e.Seq > 1 {
					raw := evb.Get(evKey(e.Site, e.Seq-1))
					if raw == nil && !sparse {
						have, _ := lastOf(tx, e.Site)
						return importErr("Thiếu sự kiện của đơn vị %s từ số %d đến %d; cần gói trước đó",
							"Events of site %s from %d to %d are missing; an earlier bundle is needed", e.Site, have+1, e.Seq-1)
					}
					linked = raw != nil
					if linked {
						p, err := decodeHead(raw)
						if err != nil {
							return err
						}
						prevHash = hashOf(raw, &p)
					}
				}
				if linked && e.Prev != prevHash {
					return importErr("Sự kiện %s không khớp chuỗi băm của đơn vị %s: dữ liệu bị sửa hoặc giả mạo",
						"Event %s does not chain to site %s's previous event: altered or forged data", e.Key(), e.Site)
				}
				if sparse {
					if raw := evb.Get(evKey(e.Site, e.Seq+1)); raw != nil {
						n, err := decodeHead(raw)
						if err != nil {
							return err
						}
						if n.Prev != x.hash {
							return importErr("Sự kiện %s không khớp chuỗi băm của đơn vị %s: dữ liệu bị sửa hoặc giả mạo",
								"Event %s does not chain to site %s's previous event: altered or forged data", n.Key(), e.Site)
						}
					}
				}
				val := x.val
				if x.dict != dict {
					val = nil // made under another dictionary
				}
				_, trained, err := putLogValue(tx, &e, val)
				if err != nil {
					return err
				}
				if trained {
					dict = currentDict(tx)
				}
				if k := listKeyOf(&e); k != nil {
					listed = append(listed, k)
				}
				last[e.Site] = struct {
					seq  uint64
					hash string
				}{e.Seq, x.hash}
				s.hlc.Observe(e.Clock)
				touched[e.Entity] = append(touched[e.Entity], e)
				res.Added++
			}
			// List the new events under their entities in key order: bbolt
			// splits nodes only at commit, so puts in random order into one
			// transaction each shift a growing node (seconds for 100,000).
			sort.Slice(listed, func(i, j int) bool { return bytes.Compare(listed[i], listed[j]) < 0 })
			entb := later.fill(tx.Bucket(bEntityEvents))
			for _, l := range listed {
				if err := entb.Put(l, nil); err != nil {
					return err
				}
			}
			var protected []string
			err := refoldImported(tx, touched, later, func(id string, v any) {
				if protectedState(v) {
					protected = append(protected, id)
				}
				if conflictsOf(v) > 0 {
					conflicted[id] = true
				} else {
					delete(conflicted, id)
				}
			})
			if err != nil {
				return err
			}
			if err := s.sealRestImported(tx, touched, protected); err != nil {
				return err
			}
			if more || later != nil {
				return nil
			}
			return s.importEnd(tx, finish, &res)
		})
		if err == nil && batches == crashAfterBatch && !first {
			return res, errCrashed // a test's stand-in for the process dying here
		}
		if err != nil {
			return ImportResult{Heads: map[string]uint64{}}, err
		}
	}
	res.Conflicts = len(conflicted)
	return res, nil
}

// importEnd ends an import in its last transaction: the file's clock,
// the peer's record (finish), and the import is whole.
func (s *Store) importEnd(tx *bolt.Tx, finish func(*ImportTx) error, res *ImportResult) error {
	if err := tx.Bucket(bMeta).Put([]byte("clock"), []byte(strconv.FormatInt(s.hlc.Last(), 10))); err != nil {
		return err
	}
	if finish != nil {
		if err := finish(&ImportTx{tx: tx}); err != nil {
			return err
		}
	}
	res.Heads = headsTx(tx)
	return nil
}

// prepared is an event of an import with what the main loop needs of
// it made beforehand, on every core: its hash, and its value in the log
// (under dict).
type prepared struct {
	e      model.Event
	sum    [32]byte // its hash as its line gave it, if summed
	summed bool
	hash   string
	val    []byte
	dict   *zdict
}

// lineHashed counts the imported events whose hash was their bundle
// line's (tests hold a bundle's import to it).
var lineHashed atomic.Int64

// prepChunk is how many events a preparer reads ahead at a time.
const prepChunk = 256

// preparer reads an import's events ahead, a chunk at a time, and
// hashes and encodes them on every core, in a goroutine of its own
// (run), while the import's transaction applies the chunk before: a
// parent's first sync is a million events, and bbolt (the rest of the
// loop) takes one goroutine. At most prepAhead chunks wait.
type preparer struct {
	next func() (model.Event, bool, error)
	sums lineSums // if set, the hash of an event next gave, as its line gave it
	buf  []prepared
	i    int
	done bool
	err  error

	// The goroutine that prepares: started by the first pull, ended
	// by stop. dict is the dictionary the loop writes under now: the
	// goroutine encodes under it, and the loop encodes again an event
	// encoded under one since replaced.
	ahead chan prepBatch
	quit  chan struct{}
	dict  atomic.Pointer[zdict]

	// keep: every event given is kept in kept, to be given again
	// (replay) if the import moves to a copy of the file.
	keep   bool
	kept   []prepared
	replay []prepared
}

// prepAhead is how many prepared chunks may wait for the loop.
const prepAhead = 4

// prepBatch is a chunk of prepared events; end: the source ended after
// it, with err if it failed.
type prepBatch struct {
	xs  []prepared
	end bool
	err error
}

// run prepares chunks until the source ends or stop is called.
func (p *preparer) run() {
	defer close(p.ahead)
	for {
		b := prepBatch{xs: make([]prepared, 0, prepChunk)}
		for len(b.xs) < prepChunk {
			e, ok, err := p.next()
			if err != nil || !ok {
				b.end, b.err = true, err
				break
			}
			x := prepared{e: e}
			if p.sums != nil {
				x.sum, x.summed = p.sums(&e)
			}
			b.xs = append(b.xs, x)
		}
		dict := p.dict.Load()
		parallel(len(b.xs), func(i int) {
			x := &b.xs[i]
			if x.summed {
				x.hash = hex.EncodeToString(x.sum[:])
				lineHashed.Add(1)
			} else {
				x.hash = eventHash(&x.e)
			}
			x.val, x.dict = logValue(&x.e, dict), dict
		})
		select {
		case p.ahead <- b:
		case <-p.quit:
			return
		}
		if b.end {
			return
		}
	}
}

// stop ends the preparing goroutine and waits for it: it reads at most
// one more chunk from the source.
func (p *preparer) stop() {
	if p.ahead == nil {
		return
	}
	close(p.quit)
	for range p.ahead {
	}
	p.ahead = nil
}

// pull returns the next event, encoded under dict if it was prepared
// under it; ok is false at the end (err: what ended it, if not the end).
func (p *preparer) pull(dict *zdict) (x *prepared, ok bool, err error) {
	if len(p.replay) > 0 {
		x, p.replay = &p.replay[0], p.replay[1:]
		if len(p.replay) == 0 {
			p.replay = nil // the kept events go with the last of them
		}
		return x, true, nil
	}
	p.dict.Store(dict)
	for p.i == len(p.buf) {
		if p.done {
			return nil, false, p.err
		}
		if p.ahead == nil {
			p.ahead, p.quit = make(chan prepBatch, prepAhead), make(chan struct{})
			go p.run()
		}
		b, ok := <-p.ahead
		if !ok {
			p.done = true
			continue
		}
		p.buf, p.i = b.xs, 0
		p.done, p.err = b.end, b.err
	}
	p.i++
	x = &p.buf[p.i-1]
	if p.keep {
		p.kept = append(p.kept, *x)
	}
	return x, true, nil
}

// peek returns up to n of the events to come, which pull gives after
// as if peek had not been called. It stops early at the end of the
// source, or at an error, which pull then returns in its turn.
func (p *preparer) peek(n int) []prepared {
	got := make([]prepared, 0, n)
	rest := p.replay
	p.replay = nil
	k := min(n, len(rest))
	got, rest = append(got, rest[:k]...), rest[k:]
	for len(got) < n {
		x, ok, err := p.pull(nil)
		if err != nil || !ok {
			break
		}
		got = append(got, *x)
	}
	if p.replay = append(slices.Clip(got), rest...); len(p.replay) == 0 {
		p.replay = nil
	}
	return got
}

// dictFirst makes the dictionary of db, the copy a large import is
// applied to, from the import's first events, if it has none: the
// import then compresses every event it writes. Made part-way, when the
// log reached dictMinEvents events, it would leave those before it in
// the clear, and the whole file to be rewritten at the next open
// (packFile): three seconds after a new parent's first sync of an
// office's decade, to gain 1 MB.
func dictFirst(db *bolt.DB, in *preparer) error {
	has := false
	db.View(func(tx *bolt.Tx) error {
		has = tx.Bucket(bMeta).Get(metaDict) != nil
		return nil
	})
	if has {
		return nil
	}
	first := in.peek(int(dictMinEvents))
	if len(first) < int(dictMinEvents) {
		return nil // too few to make one of
	}
	sample := newDictSample(evKey(first[0].e.Site, first[0].e.Seq))
	for i := range first {
		h, ok := parseHeader(encodeEvent(&first[i].e))
		if ok && h.flags&flagRest == 0 && len(h.rest) > 0 {
			sample.add(h.rest, false)
		}
	}
	v := sample.dict()
	if v == nil {
		return nil
	}
	var d *zdict
	if err := db.Update(func(tx *bolt.Tx) (err error) {
		d, err = adoptDict(tx, v)
		return err
	}); err != nil {
		return err
	}
	return compressHeld(db, d)
}

// compressHeld compresses under d the events db holds in the clear
// (those a file keeps before it makes its dictionary: a few thousand at
// most), as the rewrite at the next open would have: a few thousand
// events a transaction, each read in full before any is put.
func compressHeld(db *bolt.DB, d *zdict) error {
	return inChunks(db, func(tx *bolt.Tx, from []byte) ([]byte, error) {
		evb := tx.Bucket(bEvents)
		evb.FillPercent = 1.0
		c := evb.Cursor()
		var keys, vals [][]byte
		var next []byte
		for k, v := seekFrom(c, from); k != nil; k, v = c.Next() {
			if len(keys) == 4096 {
				next = bytes.Clone(k)
				break
			}
			if z := compressEvent(v, d); len(z) < len(v) {
				keys, vals = append(keys, bytes.Clone(k)), append(vals, z)
			}
		}
		for i := range keys {
			if err := evb.Put(keys[i], vals[i]); err != nil {
				return nil, err
			}
		}
		return next, nil
	})
}

// again gives the kept events once more, from the first, and keeps no
// more.
func (p *preparer) again() {
	p.replay, p.kept, p.keep = p.kept, nil, false
}

// undoImport takes back what an interrupted or failed import added (see
// bImportUndo), a batch at a time: the events and their list entries go,
// and the records they touched are folded again from what remains (or
// dropped, with their index entries, if nothing remains). s.mu is held
// (or the store is being opened).
func (s *Store) undoImport() error {
	for {
		done := false
		err := s.db.Update(func(tx *bolt.Tx) error {
			undo := tx.Bucket(bImportUndo)
			if undo == nil {
				done = true
				return nil
			}
			var keys [][]byte
			c := undo.Cursor()
			for k, _ := c.First(); k != nil && len(keys) < importBatch; k, _ = c.Next() {
				keys = append(keys, append([]byte(nil), k...))
			}
			if len(keys) == 0 {
				done = true
				return tx.DeleteBucket(bImportUndo)
			}
			touched := map[string]bool{}
			evb, entb := tx.Bucket(bEvents), tx.Bucket(bEntityEvents)
			for _, k := range keys {
				if err := undo.Delete(k); err != nil {
					return err
				}
				if k[0] == 'q' {
					if err := tx.Bucket(bQuarantine).Delete(k[1:]); err != nil {
						return err
					}
					continue
				}
				raw := evb.Get(k)
				if raw == nil {
					continue
				}
				e, err := decodeHead(raw)
				if err != nil {
					return err
				}
				if err := unref(tx, e.Entity); err != nil {
					return err
				}
				if err := entb.Delete(entKey(e.Entity, e.Clock, e.Site, e.Seq)); err != nil {
					return err
				}
				if err := evb.Delete(k); err != nil {
					return err
				}
				touched[e.Entity] = true
			}
			for id := range touched {
				if err := refoldOrDrop(tx, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return diskErr(err)
		}
		if done {
			return nil
		}
	}
}

// refoldOrDrop folds a record again from its events, or, if it has none
// left, removes its projection and index entries.
func refoldOrDrop(tx *bolt.Tx, id string) error {
	if firstListed(tx, id) != nil {
		_, err := refold(tx, id)
		if !errors.Is(err, ErrRestSealed) {
			return err
		}
		// Its events are sealed at rest and nobody is signed in (the undo
		// of a crashed import, at open): the record is dropped and a
		// rebuild left pending, finished whole at the next sign-in.
		if err := tx.Bucket(bMeta).Put(metaRebuilding, []byte("1")); err != nil {
			return err
		}
	}
	kind := model.EntityKind(id)
	sb := tx.Bucket(bState).Bucket([]byte(kind))
	if sb == nil {
		return nil
	}
	old := sb.Get([]byte(id))
	if old == nil {
		return nil
	}
	prev, err := decodeState(tx, id, old)
	if err != nil {
		return err
	}
	for _, e := range indexEntries(id, prev) {
		if b := tx.Bucket(bIdx).Bucket([]byte(e.index)); b != nil {
			if err := b.Delete(e.key); err != nil {
				return err
			}
		}
	}
	return sb.Delete([]byte(id))
}

// crashAfterBatch, in tests, stops Import after that batch's commit as
// if the process had died there (-1: never).
var (
	crashAfterBatch = -1
	errCrashed      = errors.New("store: import stopped (test)")
)

// importPending reports whether an import was interrupted part-way.
func (s *Store) importPending() bool {
	var p bool
	s.db.View(func(tx *bolt.Tx) error {
		p = tx.Bucket(bImportUndo) != nil
		return nil
	})
	return p
}

func importErr(vi, en string, a ...any) error {
	return model.Wrap(ErrImport, model.NewMsg("", fmt.Sprintf(vi, a...), fmt.Sprintf(en, a...)))
}

func headsTx(tx *bolt.Tx) map[string]uint64 {
	out := map[string]uint64{}
	c := tx.Bucket(bEvents).Cursor()
	// Jump from site to site: seek past the last possible key of each.
	for k, _ := c.First(); k != nil; {
		site, _, ok := parseEvKey(k)
		if !ok {
			k, _ = c.Next()
			continue
		}
		n, _ := lastOf(tx, site)
		out[site] = n
		k, _ = c.Seek(append([]byte(site), 1))
	}
	return out
}

// Heads returns the highest seq this file holds for each site.
func (s *Store) Heads() map[string]uint64 {
	var out map[string]uint64
	s.db.View(func(tx *bolt.Tx) error { out = headsTx(tx); return nil })
	return out
}

// EachEvent calls fn for each event of site with seq > after, in seq
// order, inside one short read transaction per call.
func (s *Store) EachEvent(site string, after uint64, fn func(model.Event) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bEvents).Cursor()
		for k, v := c.Seek(evKey(site, after+1)); k != nil; k, v = c.Next() {
			ks, _, ok := parseEvKey(k)
			if !ok || ks != site {
				return nil
			}
			e, err := decodeEvent(v)
			if errors.Is(err, ErrRestSealed) {
				return errNeedsRestKey(err)
			}
			if err != nil {
				return fmt.Errorf("%w: %v", ErrCorrupt, err)
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// Quarantined returns the equivocating events held apart.
func (s *Store) Quarantined() []model.Event {
	var out []model.Event
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bQuarantine).ForEach(func(_, v []byte) error {
			if e, err := decodeEvent(v); err == nil {
				out = append(out, e)
			}
			return nil
		})
	})
	return out
}
