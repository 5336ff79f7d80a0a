package store

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// bulkGC makes the garbage collector run less often during a pass over
// the whole file (rebuild, check, import), which allocates a great deal
// of short-lived memory and keeps little: at the default it spent a
// third of the CPU time collecting. A check keeps 13 MB live: at 400%
// it collected about every 55 MB allocated, at 1000% every 140 (check
// of an office's decade 2.97 s against 3.11, own memory 130 MB against
// 68); rebuild and import reach the soft limit either way, which keeps
// the heap bounded all the same. It returns the function that restores the
// settings; passes that overlap (a check beside an import) share them,
// and the last to end restores them.
func bulkGC() func() {
	bulk.mu.Lock()
	defer bulk.mu.Unlock()
	if bulk.n == 0 {
		bulk.gc = debug.SetGCPercent(1000)
		bulk.limit = debug.SetMemoryLimit(512 << 20)
	}
	bulk.n++
	return func() {
		bulk.mu.Lock()
		defer bulk.mu.Unlock()
		if bulk.n--; bulk.n == 0 {
			debug.SetGCPercent(bulk.gc)
			debug.SetMemoryLimit(bulk.limit)
		}
	}
}

var bulk struct {
	mu    sync.Mutex
	n     int
	gc    int
	limit int64
}

// DeskGC sets the garbage collector for a process a person works in (the
// interface): after each collection, the next is set to come when the
// heap has grown by at least deskHeadroom past what was left live, or
// doubled, whichever is more (GOGC = max(100, deskHeadroom/live)); and
// its memory is held under a soft limit of deskMemory, raised when the
// live heap needs more (deskLimit). GOGC or GOMEMLIMIT, when set, wins.
//
// A desk write allocates about 70 KB and keeps little. At the default a
// process whose live heap is a few MB collected every thirty writes, and
// the writes a collection overlapped were nearly all the slow ones: over
// 1,000 writes on the office's decade, p99 1.6 to 1.8 ms with the
// default, 0.7 to 1.1 ms with collections every 64 MB (the floor, a
// commit's two syncs, 0.2 to 0.3 ms). A fixed GOGC of 400 under a soft
// limit of 128 MiB did as well at the desk, but the report screen holds
// more than that live (a year's records), and every step of its periods
// then ran three times slower, collecting without end. A limit that
// follows the live heap never does that.
//
// The report screen holds a year's records live (80 MB at an office,
// with the session's). Let grow to double, or even by 64 MB, the heap
// took the interface's own memory to 150 to 190 MB as a person stepped
// through the years: the runtime keeps the pages a heap grew into until
// it is over its goal. Under the limit it stays at 130 to 140 MB.
func DeskGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	desk.Do(armDeskGC)
}

// deskHeadroom is the least the heap grows by between two collections of
// the interface's process; deskMemory is its soft memory limit while its
// live heap is small enough (deskLimit).
const (
	deskHeadroom = 64 << 20
	deskMemory   = 140 << 20
)

var desk sync.Once

// gcSentinel is garbage from its making: its finalizer runs after the
// next collection, and arms another. It is 64 bytes: the finalizer of an
// object under 16 bytes without pointers may never run (the runtime
// packs such objects together).
type gcSentinel struct{ _ [64]byte }

func armDeskGC() {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		tuneDeskGC()
		armDeskGC()
	})
}

// tuneDeskGC sets GOGC for the heap the last collection left live,
// unless a pass over the whole file has its own setting (bulkGC).
func tuneDeskGC() {
	bulk.mu.Lock()
	defer bulk.mu.Unlock()
	if bulk.n > 0 {
		return
	}
	live := heapLive()
	debug.SetGCPercent(deskPercent(live))
	debug.SetMemoryLimit(deskLimit(live))
}

// deskLimit is the interface's soft memory limit for a heap of live
// bytes: deskMemory, or 1.5 times the live heap when that is more, so
// that it is never collected without end. The collector comes at the
// limit, and the runtime gives the pages above it back to the system.
func deskLimit(live uint64) int64 {
	return int64(max(deskMemory, live*3/2))
}

// deskPercent is the GOGC that lets a heap of live bytes grow by
// deskHeadroom, and never less than the default's 100.
func deskPercent(live uint64) int {
	if live == 0 || live >= deskHeadroom {
		return 100
	}
	return max(100, int(deskHeadroom*100/live))
}

// heapLive is the heap the last collection left live.
func heapLive() uint64 {
	m := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(m)
	if m[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return m[0].Value.Uint64()
}

// Rebuild makes every projection and index (and the entity lists) again
// from the event log alone, in a new file renamed over the data file
// (rebuildInto): the data file is never half rebuilt, and memory does
// not grow with the file. A damaged page (bbolt panics or faults mid-read) or
// a damaged event is said with the way out: donthu salvage.
func (s *Store) Rebuild() (err error) {
	defer Guard(&err, s.path)()
	err = s.rebuild(false)
	if errors.Is(err, ErrCorrupt) {
		err = userErr(err,
			fmt.Sprintf("Không dựng lại được vì nhật ký có chỗ hỏng (%v). Hãy cứu dữ liệu sang tệp mới: donthu salvage %s -o TỆP_MỚI", short(errors.Unwrap(err)), s.path),
			fmt.Sprintf("Cannot rebuild: the log is damaged (%v). Recover the data into a new file: donthu salvage %s -o NEW_FILE", short(errors.Unwrap(err)), s.path))
	}
	return err
}

// rebuild is Rebuild. partial: a rebuild left half-way is finished at
// Open, before anyone signs in; records whose events are sealed at rest
// are left out, and the rebuild stays pending until a sign-in runs it
// again with their key (users and the site are never sealed, so a
// sign-in is possible).
func (s *Store) rebuild(partial bool) error {
	defer bulkGC()()
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.dropCaches()
	// Every record is folded again, those with events sealed at rest
	// too: without their key the rebuild is refused, by the first pass
	// over the log (rebuildPass), before a record is written.
	s.ensureDict() // the events copied are compressed under it, as Compact does
	tmp := s.path + rebuildSuffix
	defer os.Remove(tmp) // a panic inside bbolt (Guard) skips replaceFile's removal
	err := s.replaceFile(rebuildSuffix, func(tmp string) error {
		_, err := rebuildInto(s.db.get(), tmp, partial, &s.hlc)
		return err
	})
	if err != nil {
		return diskErr(err)
	}
	s.saw()
	return nil
}

// rebuildPending reports whether a rebuild was left half-way.
func (s *Store) rebuildPending() bool {
	var p bool
	s.db.View(func(tx *bolt.Tx) error {
		p = tx.Bucket(bMeta).Get(metaRebuilding) != nil
		return nil
	})
	return p
}

// CheckSealed returns how many records the last Check could not fold
// because their events are sealed at rest and nobody signed in: their
// events' chain was checked, their content was not.
func (s *Store) CheckSealed() int { return s.checkSealed }

// Problem is one thing Check found wrong, in both languages.
type Problem = model.Label

// Check verifies the file: bbolt's own consistency, no gap in any site's
// seq, every chain link, and every projection and index equal to a fresh
// fold of the log. It returns nothing when all is well. It streams: one
// pass over the log, one over the records (each folded from its events
// and compared), one over the indexes counting entries; memory does not
// grow with the file (only a damaged index makes it look for the stray
// entries one by one).
func (s *Store) Check() (out []Problem) {
	add := func(vi, en string, a ...any) {
		out = append(out, Problem{VI: fmt.Sprintf(vi, a...), EN: fmt.Sprintf(en, a...)})
	}
	// damagedTree says what is wrong with the file's structure, and the
	// way out: reading on through it could crash or loop.
	damagedTree := func(problems []string) {
		for _, p := range problems {
			add("Lỗi cấu trúc tệp: %s", "File structure error: %s", p)
		}
		add("Tệp bị hỏng cấu trúc. Hãy khôi phục bản sao lưu gần nhất, hoặc cứu những gì còn nguyên: donthu salvage %s -o TỆP_MỚI",
			"The file's structure is damaged. Restore the newest backup, or recover what is intact: donthu salvage %s -o NEW_FILE", s.path)
	}
	// The command meant to diagnose damage must never crash on it: a
	// panic or fault inside bbolt becomes one more problem, with the way
	// out.
	var damage error
	// bbolt's own check of the tree (the order of its keys, its free
	// pages) runs beside the passes below, once structureProblems has
	// ruled out what could make them fault or loop; what it finds
	// replaces whatever they found.
	var structure []string
	var structureDone chan struct{}
	base := 0
	defer func() {
		if structureDone != nil {
			<-structureDone
		}
		if len(structure) > 0 {
			out, s.checkSealed = out[:base], 0
			damagedTree(structure)
			return
		}
		if damage != nil {
			out = append(out, Problem{VI: Message(damage, model.VI), EN: Message(damage, model.EN)})
		}
	}()
	defer Guard(&damage, s.path)()
	defer bulkGC()()
	s.checkSealed = 0
	for _, q := range s.Quarantined() {
		add("Đơn vị %s đã gửi hai sự kiện khác nhau cùng số %d (%s, %s): bản thứ hai được giữ riêng, không áp dụng. Đơn vị đó có thể đã được khôi phục từ bản sao lưu cũ; hãy báo quản trị viên.",
			"Site %s sent two different events numbered %d (%s, %s): the second is held apart, not applied. That site may have been restored from an old backup; tell an administrator.",
			q.Site, q.Seq, q.Type, q.At.In(model.VN).Format("2006-01-02 15:04"))
	}
	if probs := structureProblems(s.path); len(probs) > 0 {
		damagedTree(probs)
		return out
	}
	// bbolt (v1.5) reads a read-only file's free pages in its Check,
	// unguarded against transactions begun meanwhile: they are read
	// first, alone, by a check of no page at all.
	s.db.View(func(tx *bolt.Tx) error {
		for range tx.Check(bolt.WithPageId(math.MaxUint64)) {
		}
		return nil
	})
	base, structureDone = len(out), make(chan struct{})
	go func() {
		defer close(structureDone)
		s.db.View(func(tx *bolt.Tx) error {
			for err := range tx.Check() {
				structure = append(structure, err.Error())
			}
			return nil
		})
	}()
	s.db.View(func(tx *bolt.Tx) error {
		// The log, in its own transaction beside the records' pass:
		// every event readable, no gap, every chain link. That every
		// event is listed under its record is seen from a sum, like the
		// indexes below.
		var logProbs []Problem
		var logged logSums
		var listSum, chainSum idxSum
		var logDamage error
		seed := maphash.MakeSeed()
		logDone := make(chan struct{})
		go func() {
			defer close(logDone)
			defer Guard(&logDamage, s.path)()
			s.db.View(func(tx *bolt.Tx) error {
				logProbs, logged = s.checkLog(tx, seed, logHeads)
				return nil
			})
		}()
		at := len(out)
		defer func() {
			<-logDone
			if logDamage == nil {
				// Every link holds if the hashes the records' pass found
				// are what the links name, with the hashes of the events
				// no link names.
				links, get := logged.links, seekRead(tx.Bucket(bEvents))
				var room []byte
				for _, k := range logged.ends {
					raw := get(k)
					var e model.Event
					_, err := decodeInto(&e, raw, nil, nil, false)
					if err != nil && !errors.Is(err, ErrRestSealed) {
						continue
					}
					var hash [32]byte
					var ok bool
					if hash, room, ok = chainHash(&e, raw, err != nil, room); ok {
						links.term(chainTerm(seed, k, hash[:], false))
					}
				}
				if chainSum != links || listSum != logged.listed {
					// Some link is broken, some event unreadable or not
					// listed under its record: read the log again to say
					// which.
					pass := logFull
					if listSum != logged.listed {
						pass = logPrecise
					}
					logProbs, _ = s.checkLog(tx, seed, pass)
				}
			}
			out = append(out[:at], append(logProbs, out[at:]...)...)
			if damage == nil {
				damage = logDamage
			}
		}()
		// Each record, folded from its events (a chunk at a time, on
		// every core), against its projection and its index entries. The
		// entries are not looked up one by one: each index's entries are
		// counted and summed (a hash of each key) on both sides, and only
		// an index whose sums differ is searched for what is wrong.
		wantIdx := idxWant{}
		// A chunk is folded on every core while this goroutine gathers
		// the next.
		pipe := newFoldPipe(foldChunk, func(js []recordJob) error {
			for i := range js {
				j := &js[i]
				chainSum.merge(j.chain)
				switch {
				case j.hashOnly:
					continue
				case j.err != nil && !j.folded && errors.Is(j.err, ErrCorrupt):
					add("Không đọc được sự kiện của %s: %v", "Cannot read the events of %s: %v", j.id, j.err)
					continue
				case j.err != nil:
					add("Không dựng lại được %s: %v", "Cannot fold %s: %v", j.id, j.err)
					continue
				}
				if j.sealed {
					s.checkSealed++
				}
				same := j.same
				switch {
				case j.sealed:
					same = true // a sealed record's stored projection stands for its fold
				case j.unread != nil:
					// Said so, and its record's index entries are still
					// wanted below.
					add("Không đọc được dữ liệu hiện hành của %s: %v", "Cannot read the state of %s: %v", j.id, j.unread)
					same = true // said as unreadable, not as differing
				}
				if !same {
					add("Dữ liệu hiện hành của %s khác với nhật ký; hãy chạy: donthu rebuild", "The state of %s differs from the log; run: donthu rebuild", j.id)
				}
				wantIdx.add(seed, j.entries)
			}
			return nil
		})
		defer pipe.stop()
		// Every record: those listed and those with a projection, in id
		// order. Most are both; one whose only event made it has no
		// list (lists.go), and a projection with no event behind it is
		// as wrong as one that differs: the queue would show a case the
		// log never had.
		recs := newRecordIDs(tx, func(k []byte) {
			add("Danh mục sự kiện có khóa hỏng %q", "The event lists hold a damaged key %q", k)
		})
		events := seekRead(tx.Bucket(bEvents))
		for id, stored, keys, ok := recs.next(nil); ok; id, stored, keys, ok = recs.next(keys[:0]) {
			j := pipe.job()
			j.begin(id)
			gatherListed(events, j, keys)
			j.check, j.seed = true, seed
			for _, k := range j.keys {
				listSum.add(seed, k)
			}
			if model.Stateless(id) {
				// The audit folds into no state: its events are read
				// for their links alone.
				j.hashOnly = true
				pipe.gathered()
				continue
			}
			if len(j.keys) == 0 && j.err == nil {
				add("Dữ liệu hiện hành có %s nhưng nhật ký không có; hãy chạy: donthu rebuild", "The state holds %s, which the log does not; run: donthu rebuild", id)
				continue
			}
			j.setStored(tx, stored)
			pipe.gathered()
		}
		pipe.finish()
		missing := 0
		// Each index holds exactly the entries the records want; if
		// not, find the strays (entries no record wants): the rest of
		// the difference is entries missing.
		schema, _ := strconv.Atoi(string(tx.Bucket(bMeta).Get([]byte("schema"))))
		tx.Bucket(bIdx).ForEach(func(name, _ []byte) error {
			if v, ok := droppedIndexes[string(name)]; ok && schema < v {
				return nil // an older file (a backup checked before a restore): its step drops it
			}
			ib := tx.Bucket(bIdx).Bucket(name)
			var have idxSum
			rekey := rekeyedIndexes[string(name)]
			old := rekey != nil && schema < 7 // its keys as its step will write them
			ib.ForEach(func(k, _ []byte) error {
				if old {
					k = rekey(k)
				}
				have.add(seed, k)
				return nil
			})
			w := wantIdx.of(string(name))
			if have == w {
				return nil
			}
			stray := 0
			wanted := map[string]map[string]bool{} // id -> its keys in this index
			ib.ForEach(func(k, _ []byte) error {
				id := entryID(string(name), k)
				keys, ok := wanted[id]
				if !ok {
					keys = map[string]bool{}
					var evs []model.Event
					if evs, _ = entityEvents(tx, id); len(evs) > 0 {
						if v, err := model.FoldEntity(id, evs); err == nil {
							for _, e := range indexEntries(id, v) {
								if e.index == string(name) {
									keys[string(e.key)] = true
								}
							}
						}
					}
					if len(wanted) > 10_000 {
						clear(wanted)
					}
					wanted[id] = keys
				}
				if old {
					k = rekey(k)
				}
				if !keys[string(k)] {
					stray++
					add("Chỉ mục %s có mục thừa %q; hãy chạy: donthu rebuild", "Index %s has a stray entry %q; run: donthu rebuild", name, k)
				}
				return nil
			})
			missing += w.n - (have.n - stray)
			return nil
		})
		for name, w := range wantIdx {
			if tx.Bucket(bIdx).Bucket([]byte(name)) == nil {
				missing += w.n
			}
		}
		if missing > 0 {
			add("Chỉ mục thiếu %d mục; hãy chạy: donthu rebuild", "Indexes lack %d entries; run: donthu rebuild", missing)
		}
		return nil
	})
	return out
}

// logPass is how much checkLog reads of each event.
type logPass int

const (
	// logHeads reads each event's header only: its data is decoded, and
	// hashed, where its record is folded (chainSum). Each chain link is
	// then a term of a sum (chain), checked against the hashes the
	// records' pass found.
	logHeads logPass = iota
	// logFull reads and hashes each event, and names each broken link.
	logFull
	// logPrecise is logFull, and also looks up each event's list entry.
	logPrecise
)

// logSums is what checkLog's pass over the headers leaves to be checked
// against the records' pass: the sum of the list keys the events want
// (see idxSum), and the chain.
type logSums struct {
	listed idxSum
	// links has a term chainTerm(key of p, e's prev) for each event e
	// linked to the event p before it; ends are the events with no
	// linked event after them (each site's last). Adding the ends'
	// hashes, links is the sum of every event's chainTerm: what the
	// records' pass adds up when every link holds.
	links idxSum
	ends  [][]byte
}

// logPasses counts checkLog's passes over the log: one for a whole
// file (tests hold Check to it).
var logPasses atomic.Int64

// chainTerm is the term of an event's link in a chain sum: its key in
// the log and the hash of it that the next event names (hash, 32 bytes)
// or, where that is not a hash, what it names instead (text).
func chainTerm(seed maphash.Seed, key, hash []byte, text bool) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	h.Write(key)
	if text {
		h.WriteByte(1)
	} else {
		h.WriteByte(0)
	}
	h.Write(hash)
	return h.Sum64()
}

// chainHash is the hash of a stored event that the next event of its
// site names: that of its canonical JSON (e, as decoded from raw), or,
// for an event sealed at rest whose key is not held here (sealed), the
// hash stored with it. ok is false when that cannot be told: sealed
// with no hash stored, or opened and not matching the hash stored.
// out is room for the canonical JSON, returned grown.
func chainHash(e *model.Event, raw []byte, sealed bool, out []byte) (hash [32]byte, _ []byte, ok bool) {
	stored := storedHash(raw)
	if sealed {
		copy(hash[:], stored)
		return hash, out, stored != nil
	}
	// As stored (appendEventAsIs): the links' sums tell an event whose
	// canonical form differs. One with its hash stored is held to it at
	// once.
	out = appendEventAsIs(out[:0], e)
	hash = sha256.Sum256(out)
	if stored != nil && !bytes.Equal(stored, hash[:]) {
		out = appendEventJSON(out[:0], e)
		hash = sha256.Sum256(out)
	}
	return hash, out, stored == nil || bytes.Equal(stored, hash[:])
}

// checkLog reads the whole log: every event readable, no gap in a
// site's seq, every chain link (as pass says). It returns the problems
// and the sums the records' pass is checked against (see logSums).
func (s *Store) checkLog(tx *bolt.Tx, seed maphash.Seed, pass logPass) ([]Problem, logSums) {
	logPasses.Add(1)
	var out []Problem
	var sums logSums
	add := func(vi, en string, a ...any) {
		out = append(out, Problem{VI: fmt.Sprintf(vi, a...), EN: fmt.Sprintf(en, a...)})
	}
	var site string
	var want uint64
	var prevHash [64]byte // the hash of the site's event before, in hex; "" before its first
	prevLen := 0
	var last []byte // the key of the event before (logHeads)
	lists := tx.Bucket(bEntityEvents)
	var key []byte
	// Each event is read in place (no copy of its header or data kept)
	// and hashed from its canonical JSON in a buffer used again.
	var conv jsonConv
	tx.Bucket(bEvents).ForEach(func(k, v []byte) error {
		var hash [32]byte
		e := &conv.e
		if pass == logHeads {
			var err error
			if conv.buf, err = decodeHeadView(e, v, conv.buf); err != nil {
				add("Sự kiện %q không đọc được: %v", "Event %q is unreadable: %v", k, err)
				return nil
			}
		} else if len(v) > 0 && v[0] == '{' {
			// Schema 1's JSON: hashed as decoded.
			ev, err := decodeHead(v)
			if err != nil {
				add("Sự kiện %q không đọc được: %v", "Event %q is unreadable: %v", k, err)
				return nil
			}
			conv.e = ev
			hash = sha256.Sum256(appendEventJSON(conv.out[:0], e))
		} else {
			js, err := conv.convert(v)
			sealed := errors.Is(err, ErrRestSealed) // its key is not held here: its header is read, its data not
			if err != nil && !sealed {
				add("Sự kiện %q không đọc được: %v", "Event %q is unreadable: %v", k, err)
				return nil
			}
			if sum := storedHash(v); sum != nil {
				copy(hash[:], sum)
				if !sealed && sha256.Sum256(js) != hash {
					// Opened with its key: what it says must be what it hashed.
					add("Sự kiện %s được niêm phong không khớp mã băm đã lưu", "Event %s, sealed at rest, does not match its stored hash", e.Key())
				}
			} else {
				hash = sha256.Sum256(js)
			}
		}
		if e.Site != site {
			site, want, prevLen = e.Site, 1, 0
		}
		link := false
		switch {
		case e.Seq != want && e.Site != s.site && e.To == s.site:
			// A child holds only the parent's events addressed to it:
			// gaps there are by design; links are checked where both
			// neighbours are held.
		case e.Seq != want:
			add("Đơn vị %s: thiếu sự kiện số %d (gặp số %d)", "Site %s: event %d is missing (found %d)", site, want, e.Seq)
		case pass == logHeads && want > 1:
			link = true
			var prev [32]byte
			if lowerHex(&prev, e.Prev) {
				sums.links.term(chainTerm(seed, last, prev[:], false))
			} else {
				sums.links.term(chainTerm(seed, last, []byte(e.Prev), true))
			}
		case pass == logHeads && e.Prev != "":
			add("Đơn vị %s: chuỗi băm đứt ở sự kiện %d", "Site %s: hash chain broken at event %d", site, e.Seq)
		case pass != logHeads && e.Prev != string(prevHash[:prevLen]):
			add("Đơn vị %s: chuỗi băm đứt ở sự kiện %d", "Site %s: hash chain broken at event %d", site, e.Seq)
		}
		if pass == logHeads {
			if last != nil && !link {
				sums.ends = append(sums.ends, bytes.Clone(last))
			}
			last = k
		}
		want = e.Seq + 1
		hex.Encode(prevHash[:], hash[:])
		prevLen = len(prevHash)
		key = appendEntKey(key[:0], e.Entity, e.Clock, e.Site, e.Seq)
		sums.listed.add(seed, key)
		switch {
		case pass != logPrecise:
		case unlisted(e.Entity, k):
			// Not listed: its record is read from its id, which must
			// then have a projection or a list (checked from them).
			if sb := tx.Bucket(bState).Bucket([]byte(model.EntityKind(e.Entity))); (sb == nil || sb.Get([]byte(e.Entity)) == nil) && firstListedOnly(lists, e.Entity) == nil {
				add("Nhật ký có %s nhưng dữ liệu hiện hành không có; hãy chạy: donthu rebuild", "The log holds %s, which the state does not; run: donthu rebuild", e.Entity)
			}
		case !listed(lists, key):
			add("Danh mục sự kiện của %s thiếu %s", "The event list of %s lacks %s", e.Entity, e.Key())
		}
		return nil
	})
	if last != nil {
		sums.ends = append(sums.ends, bytes.Clone(last))
	}
	return out, sums
}

// listed reports whether the entity lists hold key. Their values are
// empty, and bbolt's Get gives nil for an empty value put in the same
// transaction: a cursor tells.
func listed(lists *bolt.Bucket, key []byte) bool {
	k, _ := lists.Cursor().Seek(key)
	return bytes.Equal(k, key)
}

// idxSum is a count of index keys and the sum of their hashes: two
// sets of keys with the same sum are the same set, but for a chance of
// one in 2^64.
type idxSum struct {
	n   int
	sum uint64
}

func (x *idxSum) add(seed maphash.Seed, k []byte) { x.term(maphash.Bytes(seed, k)) }

// term adds one key whose hash is h.
func (x *idxSum) term(h uint64) {
	x.n++
	x.sum += h
}

// merge adds the keys of y.
func (x *idxSum) merge(y idxSum) {
	x.n += y.n
	x.sum += y.sum
}

// idxWant sums, index by index, the keys records want (check, rebuild).
type idxWant map[string]*idxSum

// add adds the index entries of one record.
func (w idxWant) add(seed maphash.Seed, entries []idxEntry) {
	for _, e := range entries {
		x := w[e.index]
		if x == nil {
			x = &idxSum{}
			w[e.index] = x
		}
		x.add(seed, e.key)
	}
}

// of returns the sum of index name (none wanted: zero).
func (w idxWant) of(name string) idxSum {
	if x := w[name]; x != nil {
		return *x
	}
	return idxSum{}
}

// evLabel names an event key for a person: SITE#seq.
func evLabel(k []byte) string {
	if site, n, ok := parseEvKey(k); ok {
		return model.EventKey(site, n)
	}
	return fmt.Sprintf("%q", k)
}

// DumpEvents writes every event as JSON Lines, by site then seq: a stable
// order, so two replicas can be compared with diff.
func (s *Store) DumpEvents(w io.Writer) error {
	bw := bufio.NewWriter(w)
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bEvents).ForEach(func(k, v []byte) error {
			if _, sealed := restIDOf(v); sealed {
				// Shown sealed whoever runs it (a dump is for checking
				// and comparing): its header and its hash.
				e, _ := decodeEvent(v)
				e.Data = json.RawMessage(`{"sealed_at_rest":"` + hashOf(v, &e) + `"}`)
				bw.Write(appendEventJSON(nil, &e))
				return bw.WriteByte('\n')
			}
			js, err := eventJSON(v)
			if err != nil {
				return fmt.Errorf("%w: event %q: %v", ErrCorrupt, k, err)
			}
			bw.Write(js)
			return bw.WriteByte('\n')
		})
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// DumpState writes the folded state of every entity as JSON Lines, one
// {"id":…,"state":…} per line, by kind then id.
func (s *Store) DumpState(w io.Writer) error {
	bw := bufio.NewWriter(w)
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bState).ForEach(func(kind, _ []byte) error {
			return tx.Bucket(bState).Bucket(kind).ForEach(func(k, v []byte) error {
				js, err := stateJSON(tx, string(k), v)
				if err != nil {
					return fmt.Errorf("%w: state %q: %v", ErrCorrupt, k, err)
				}
				fmt.Fprintf(bw, "{\"id\":%q,\"state\":%s}\n", k, js)
				return nil
			})
		})
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// Backup writes a consistent copy of the file while it is in use. The
// copy is written to a temporary file, synced to disk, and only then
// renamed into place: a crash leaves the old copy or the new one whole.
func (s *Store) Backup(path string) error {
	return s.backup(context.Background(), path)
}

func (s *Store) backup(ctx context.Context, path string) error {
	fail := func(err error) error {
		w := model.SystemWords(err)
		if errors.Is(err, context.Canceled) {
			w = model.Label{VI: "đã dừng khi đóng chương trình", EN: "stopped as the program closed"}
		}
		return userErr(err, "Không sao lưu được vào "+path+": "+w.VI+".", "Cannot back up to "+path+": "+w.EN+".")
	}
	tmp := path + ".part"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fail(err)
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(ctxWriter{ctx, f})
		return err
	})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// A copy opened one day as the live file must know it is one.
		err = markCopy(tmp, s.now())
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// Stopped says whether err is a backup stopped on purpose (the program
// closing), not a failure.
func Stopped(err error) bool { return errors.Is(err, context.Canceled) }

// ctxWriter stops a copy when its context ends: quitting does not wait
// for a backup of a large file.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// BackupDir is the folder of automatic backups beside the data file.
func (s *Store) BackupDir() string { return filepath.Join(filepath.Dir(s.path), "backups") }

// LogMark is how far the log has come: the sum over sites of the highest
// seq held. It only grows, whatever the clock says, and costs one seek
// per site.
func (s *Store) LogMark() uint64 {
	var n uint64
	for _, h := range s.Heads() {
		n += h
	}
	return n
}

// RotateBackup writes an automatic backup into BackupDir, named by
// LogMark, when the log has grown since the newest one, and keeps the
// newest keep of them. Backups are ordered by how much of the log they
// hold, never by the wall clock: a clock set years back must not make the
// newest backup look oldest. It returns "" when nothing had changed.
func (s *Store) RotateBackup(keep int) (string, error) {
	return s.AutoBackup(context.Background(), keep)
}

// AutoBackup is RotateBackup that stops, leaving no partial file, when
// ctx ends.
func (s *Store) AutoBackup(ctx context.Context, keep int) (string, error) {
	dir := s.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", userErr(err, "Không tạo được thư mục sao lưu "+dir+": "+model.SystemWords(err).VI,
			"Cannot create the backup folder "+dir+": "+model.SystemWords(err).EN)
	}
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	// A copy stopped by a crash or a kill left its temporary file.
	if parts, _ := filepath.Glob(filepath.Join(dir, base+"-n*.db.part")); len(parts) > 0 {
		for _, p := range parts {
			os.Remove(p)
		}
	}
	have := autoBackups(dir, base)
	mark := s.LogMark()
	if len(have) > 0 && have[len(have)-1].mark >= mark {
		return "", nil
	}
	name := filepath.Join(dir, fmt.Sprintf("%s-n%012d.db", base, mark))
	if err := s.backup(ctx, name); err != nil {
		return "", err
	}
	have = autoBackups(dir, base)
	for len(have) > keep {
		os.Remove(have[0].path)
		have = have[1:]
	}
	return name, nil
}

type autoBackup struct {
	path string
	mark uint64
}

// autoBackups lists the automatic backups of base in dir, by LogMark.
func autoBackups(dir, base string) []autoBackup {
	matches, _ := filepath.Glob(filepath.Join(dir, base+"-n*.db"))
	var out []autoBackup
	for _, m := range matches {
		num := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), base+"-n"), ".db")
		if n, err := strconv.ParseUint(num, 10, 64); err == nil {
			out = append(out, autoBackup{m, n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].mark < out[j].mark })
	return out
}

// Stats is a short description of the file, for `donthu check` and the
// settings screen.
type Stats struct {
	Site     string
	Events   int
	Sites    map[string]uint64 // highest seq held per site
	Entities map[string]int
	Size     int64
	Schema   int
	Modified time.Time
}

// Stats counts what the file holds.
func (s *Store) Stats() Stats {
	st := Stats{Site: s.site, Sites: map[string]uint64{}, Entities: map[string]int{}, Schema: s.Schema()}
	s.db.View(func(tx *bolt.Tx) error {
		st.Size = tx.Size()
		c := tx.Bucket(bEvents).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if site, n, ok := parseEvKey(k); ok {
				st.Events++
				st.Sites[site] = n
			}
		}
		return tx.Bucket(bState).ForEach(func(kind, _ []byte) error {
			st.Entities[string(kind)] = tx.Bucket(bState).Bucket(kind).Stats().KeyN
			return nil
		})
	})
	return st
}
