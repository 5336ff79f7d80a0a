package store

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// Folding many records (rebuild, check, a large import) is decoding and
// folding each one's events and encoding its projection: work on bytes
// alone, done on every core. bbolt is read and written by one goroutine
// only: it gathers the stored bytes of a chunk of records (valid while
// its transaction lasts), the cores fold them, and it takes the results
// back in id order.

// poisonViews, set by a test, fills a scratch's arena with junk once a
// record's fold is done with it: whatever is kept of a view then shows.
var poisonViews bool

// foldChunk is how many records are gathered before they are folded
// (a variable for tests: SetRebuildBatch).
var foldChunk = 1024

// recordJob is one record of such a pass.
type recordJob struct {
	id     string
	keys   [][]byte      // its list keys
	raws   [][]byte      // its events as stored, in list (fold) order
	stored []byte        // its projection as stored; nil if none
	refRaw []byte        // if stored is a reference, the event it names
	onto   []model.Event // if set, fold only these onto stored, not raws
	evs    []model.Event // if set, a new record: fold these, its only events, not raws
	ref    []byte        // the log key of its only event, if its projection may be kept by it (refTo)
	dict   *zdict        // if set, the projection is stored compressed under it
	// was is, for a rebuild, the projection as the file stores it: written
	// again as it is if it holds what the fold packs to (storedAsPacked).
	was []byte

	// check: the fold is compared with stored (Check). A record with
	// events sealed at rest and no key to open them is then taken as
	// stored (sealed is set): its chain was still checked.
	check, sealed bool
	// With check, each event's link in its chain is added to chain as
	// its data is decoded (see logSums): the pass over the log then reads
	// headers alone. hashOnly marks a record that folds into no state
	// (the audit): its events are read for the chain alone.
	seed     maphash.Seed
	chain    idxSum
	hashOnly bool

	// fetch: keys are its list keys, whose events the core that folds
	// it reads (foldPipe.open), not the goroutine that gathers. made:
	// as listed, without the made event's (gatherListed), which that
	// core places among them; then it adds every key to listed (seed).
	fetch, made bool
	listed      idxSum

	// replace: stored is to be replaced, and old are its index entries.
	replace bool
	old     []idxEntry

	// Set by the fold.
	err error // its events could not be read or folded
	// state is the fresh projection; folded says there was a fold.
	// Folded from views (check, fetch: model.FoldView), its strings are
	// the bytes of a buffer the next record's fold uses again, so it is
	// not kept: nil once foldRecord returns.
	state   any
	folded  bool
	encoded []byte
	entries []idxEntry
	// For a check: whether the fold is the stored projection, or why
	// that could not be read (compareStored).
	same   bool
	unread error
}

// gatherRecord reads the stored events of j's record from its list, into
// j (begun).
func gatherRecord(tx *bolt.Tx, j *recordJob) {
	var listed [][]byte
	p := prefix(j.id)
	c := tx.Bucket(bEntityEvents).Cursor()
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		listed = append(listed, k)
	}
	gatherListed(tx.Bucket(bEvents).Get, j, listed)
}

// gatherListed is gatherRecord for a record whose list keys, as listed,
// are at hand: the made event's key is put in its place (listKeys), and
// that event, read to know its place, is not read again. get reads an
// event by its key in the log.
func gatherListed(get func(k []byte) []byte, j *recordJob, listed [][]byte) {
	made, madeRaw := madeListed(get, j.id)
	j.readEvents(get, placeMade(listed, made), made, madeRaw)
}

// readEvents reads into j the event of each of its list keys, in order
// (made's, if set, is madeRaw, read already), keeps the keys, and lets
// its projection be kept by reference where it may (soleRef).
func (j *recordJob) readEvents(get func(k []byte) []byte, keys [][]byte, made, madeRaw []byte) {
	j.keys = append(j.keys[:0], keys...)
	for i, k := range j.keys {
		raw := madeRaw
		if !bytes.Equal(k, made) {
			raw = get(listedKey(k))
		}
		if raw == nil {
			j.keys, j.err = j.keys[:i], fmt.Errorf("%w: entity %s lists a missing event", ErrCorrupt, j.id)
			return
		}
		j.raws = append(j.raws, raw)
	}
	if len(j.raws) == 1 && soleRef(j.id, 1, j.raws[0]) {
		j.ref = listedKey(j.keys[0])
	}
}

// begin makes j the job of record id, with nothing gathered yet.
func (j *recordJob) begin(id string) {
	*j = recordJob{id: id, keys: j.keys[:0], raws: j.raws[:0]} // the lists' room is kept
}

// setStored sets the stored projection of a job (and, for one kept by
// reference, the event it names, read while tx lasts).
func (j *recordJob) setStored(tx *bolt.Tx, b []byte) {
	j.stored, j.refRaw = b, nil
	if !isRef(b) {
		return
	}
	if j.ref != nil && refNames(j.id, b, j.ref) {
		j.refRaw = j.raws[0] // gathered already
	} else {
		j.refRaw = tx.Bucket(bEvents).Get(refKey(j.id, b))
	}
}

// storedState decodes the stored projection of a job.
func (j *recordJob) storedState() (any, error) {
	if isRef(j.stored) {
		return refFold(j.id, j.refRaw)
	}
	return decodeState(nil, j.id, j.stored)
}

// foldRecord decodes and folds one gathered record, and encodes its
// projection and index entries.
func foldRecord(j *recordJob) {
	if j.err != nil || j.made && len(j.keys) == 0 {
		return // nothing to fold: a projection with no event behind it
	}
	var v any
	var err error
	view := false // folded from views (model.FoldView): its state is not kept
	if j.onto != nil {
		// The stored projection, and the new events on top.
		state, err := j.storedState()
		if err != nil {
			j.err = err
			return
		}
		j.old = indexEntries(j.id, state)
		if v, err = model.FoldOnto(j.id, state, j.onto); err != nil {
			j.err = err
			return
		}
	} else if j.evs != nil {
		if v, err = model.FoldEntity(j.id, j.evs); err != nil {
			j.err = err
			return
		}
	} else {
		sc := scratches.Get().(*jsonScratch) // each event's data, decompressed before it is unpacked (a copy)
		defer func() {
			if poisonViews {
				clear(sc.evs[:cap(sc.evs)])
				arena := sc.arena[:cap(sc.arena)]
				for i := range arena {
					arena[i] = 'Z'
				}
			}
			scratches.Put(sc)
		}()
		if cap(sc.evs) < len(j.raws) {
			sc.evs = make([]model.Event, len(j.raws))
		}
		evs := sc.evs[:len(j.raws)]
		// Check and rebuild read the events as views, their data one
		// after the other in the scratch's arena, and fold them as views
		// (the state's strings are the arena's bytes): the projection is
		// encoded (or, for check, compared) and its index keys made
		// before this returns. An import's folded records outlive its
		// transaction (the caches), so it reads copies.
		view = j.check || j.fetch
		sc.arena = sc.arena[:0]
		sealed := false
		for i, raw := range j.raws {
			e := &evs[i]
			var err error
			if view {
				err = sc.decodeView(e, raw)
			} else {
				_, err = decodeInto(e, raw, nil, &sc.packed, false)
			}
			rest := errors.Is(err, ErrRestSealed)
			if err != nil && !rest {
				j.err = fmt.Errorf("%w: %v", ErrCorrupt, err)
				return
			}
			if j.check {
				var hash [32]byte
				var ok bool
				if hash, sc.canon, ok = chainHash(e, raw, rest, sc.canon); ok {
					j.chain.term(chainTerm(j.seed, listedKey(j.keys[i]), hash[:], false))
				}
			}
			if rest && !(j.check && (j.stored != nil || j.hashOnly)) {
				j.err = errNeedsRestKey(err)
				return
			}
			sealed = sealed || rest
		}
		if j.hashOnly {
			return
		}
		if sealed {
			// Sealed at rest and no key (check without a sign-in): the
			// stored projection stands for the fold.
			j.sealed = true
			state, err := j.storedState()
			if err != nil {
				j.err = err
				return
			}
			j.state, j.encoded, j.entries, j.folded = state, j.stored, indexEntries(j.id, state), true
			return
		}
		if j.replace && j.stored != nil {
			state, err := j.storedState()
			if err != nil {
				j.err = err
				return
			}
			j.old = indexEntries(j.id, state)
		}
		fold := model.FoldEntity
		if view {
			fold = model.FoldView // done with before sc's arena is used again
		}
		if v, err = fold(j.id, evs); err != nil {
			j.err = err
			return
		}
	}
	j.state, j.folded = v, true
	if view {
		// Its strings are the arena's, which the next record's fold
		// uses again: it is done with here.
		defer func() { j.state = nil }()
	}
	if j.ref != nil && j.onto == nil {
		j.encoded = refValue(j.id, j.ref)
	} else if j.check {
		// Compared below with the stored projection's JSON (its packing
		// is a function of its JSON): no packing to do.
	} else if j.encoded, err = encodeState(v); err != nil {
		j.err = err
		return
	} else if storedAsPacked(j.was, j.encoded, j.dict) {
		j.encoded = j.was
	} else {
		j.encoded = compressState(j.encoded, j.dict)
	}
	j.entries = indexEntries(j.id, v)
	if j.check {
		j.same, j.unread, j.err = j.compareStored(v)
	}
}

// compareStored reports, for a check, whether the fold v is the stored
// projection; one that cannot be read is said so (unread), not as
// differing, and a fold not kept by reference whose JSON cannot be
// written is one that failed (err). It is done here, on the cores, not
// by the goroutine that gathers the records, which the cores would
// otherwise wait for.
func (j *recordJob) compareStored(v any) (same bool, unread, err error) {
	sc := scratches.Get().(*jsonScratch)
	defer scratches.Put(sc)
	byRef := isRef(j.encoded)
	if !byRef {
		if sc.canon, err = model.AppendJSON(sc.canon[:0], v); err != nil {
			return false, nil, err
		}
	}
	if isRef(j.stored) {
		// Schema 5 wrote the key a bare reference implies.
		return byRef && sameRef(j.id, j.encoded, j.stored), nil, nil
	}
	// Packed, compressed, or schema 1's JSON; where this build keeps a
	// reference, stored in full by a file not compacted since schema 5:
	// the same projection is as good.
	stored, unread := sc.stateJSON(j.stored)
	if unread != nil {
		return true, unread, nil
	}
	if byRef {
		// Its JSON (what could be written of it, if it cannot all be,
		// which then differs).
		sc.canon, _ = model.AppendJSON(sc.canon[:0], v)
	}
	return bytes.Equal(sc.canon, stored), nil, nil
}

// seek returns a reader of the keys of bucket b through one cursor,
// sought again for each: bbolt's Get makes a cursor, and its stack, for
// every key, and a pass over the records (or an import) reads every
// event. Each seek starts from the bucket's root, so puts between two
// reads of a write transaction are seen.
func seek(b *bolt.Bucket) func(k []byte) []byte {
	c := b.Cursor()
	return func(k []byte) []byte {
		if ck, v := c.Seek(k); bytes.Equal(ck, k) {
			return v
		}
		return nil
	}
}

// seekRead is seek for a read transaction, whose cursor nothing moves
// under it: a key a few after the one read before is reached by stepping
// the cursor on, not by a search from the root. Check and rebuild read
// the events of records in id order, and the events that made two
// visits one after the other in that order are most often a few keys
// apart in the log.
func seekRead(b *bolt.Bucket) func(k []byte) []byte {
	c := b.Cursor()
	var at []byte // the key the cursor is on; nil: none
	return func(k []byte) []byte {
		if at != nil && bytes.Compare(at, k) < 0 {
			for range seekSteps {
				ck, v := c.Next()
				if ck == nil {
					break // the last key is before k: sought below, which says so
				}
				at = ck
				if d := bytes.Compare(ck, k); d >= 0 {
					if d > 0 {
						return nil // k is not there
					}
					return v
				}
			}
		}
		ck, v := c.Seek(k)
		at = ck
		if bytes.Equal(ck, k) {
			return v
		}
		return nil
	}
}

// seekSteps is how far seekRead steps before it searches.
const seekSteps = 4

// foldAll runs foldRecord on every job, on every core, and returns when
// all are done.
func foldAll(jobs []recordJob) {
	parallel(len(jobs), func(i int) { foldRecord(&jobs[i]) })
}

// eventReader opens a reading of the log for one core: get reads an
// event by its key (nil if there is none) until end is called.
type eventReader func() (get func(k []byte) []byte, end func(), err error)

// fetchRecord reads the events of a job gathered with fetch set (its
// list keys). A damaged page met there is said as damage of that
// record, as the gathering goroutine would say it.
func fetchRecord(get func(k []byte) []byte, j *recordJob, path string) {
	if !j.fetch || j.err != nil {
		return
	}
	var err error
	defer func() {
		if err != nil {
			j.err = err
		}
	}()
	defer Guard(&err, path)()
	if !j.made {
		j.readEvents(get, j.keys, nil, nil)
		return
	}
	gatherListed(get, j, j.keys)
	for _, k := range j.keys {
		j.listed.add(j.seed, k)
	}
}

// foldPipe folds records a chunk at a time on every core while the
// goroutine that reads bbolt lands the chunk before and gathers the
// next: gathering and landing (bbolt's reads and writes) are then no
// longer time the other cores wait. land takes each folded chunk back,
// in the order gathered.
type foldPipe struct {
	jobs, other []recordJob
	n           int
	inflight    []recordJob   // the chunk being folded
	folding     chan struct{} // closed when inflight is folded; nil: none
	land        func([]recordJob) error
	// idle, if set, is work of the gathering goroutine's own, done a
	// step at a time while a chunk is folded; it reports whether any is
	// left.
	idle func() bool
	// open, if set, gives each core its own reading of the log, for the
	// jobs gathered with fetch (a rebuild, whose gathering goroutine is
	// also the new file's only writer); path names the file in what a
	// damaged page is said as.
	open eventReader
	path string
}

// foldAll folds the jobs of a chunk, each core reading the events of
// those gathered with fetch.
func (p *foldPipe) foldAll(js []recordJob) {
	if p.open == nil {
		foldAll(js)
		return
	}
	parallelEach(len(js), func() (func(i int), func()) {
		get, end, err := p.open()
		if err != nil {
			return func(i int) {
				if js[i].fetch && js[i].err == nil {
					js[i].err = err
				}
				foldRecord(&js[i])
			}, nil
		}
		return func(i int) {
			fetchRecord(get, &js[i], p.path)
			foldRecord(&js[i])
		}, end
	})
}

func newFoldPipe(chunk int, land func([]recordJob) error) *foldPipe {
	return &foldPipe{jobs: make([]recordJob, chunk), other: make([]recordJob, chunk), land: land}
}

// job is the job to gather the next record into.
func (p *foldPipe) job() *recordJob { return &p.jobs[p.n] }

// gathered ends the job: once the chunk is full, it goes to be folded.
func (p *foldPipe) gathered() error {
	if p.n++; p.n < len(p.jobs) {
		return nil
	}
	// The chunk before, folded, lands while this one is folded (a fold
	// reads only the bytes gathered for it, and no record is in two
	// chunks); the next is gathered into its room once it has landed.
	before := p.folded()
	p.jobs, p.other = p.other, p.jobs
	p.launch(p.other[:p.n])
	p.n = 0
	if before == nil {
		return nil
	}
	return p.land(before)
}

// launch starts folding a chunk on every core.
func (p *foldPipe) launch(js []recordJob) {
	p.inflight, p.folding = js, make(chan struct{})
	go func(done chan struct{}) {
		p.foldAll(js)
		close(done)
	}(p.folding)
}

// folded waits for the chunk in flight, doing the idle work meanwhile,
// and returns it (nil if none).
func (p *foldPipe) folded() []recordJob {
	if p.folding == nil {
		return nil
	}
idle:
	for p.idle != nil {
		select {
		case <-p.folding:
			break idle
		default:
			if !p.idle() {
				p.idle = nil
			}
		}
	}
	<-p.folding // closed: at once, if the loop saw it
	p.folding = nil
	return p.inflight
}

// landed waits for the chunk in flight and lands it.
func (p *foldPipe) landed() error {
	if js := p.folded(); js != nil {
		return p.land(js)
	}
	return nil
}

// finish lands the chunk in flight, then folds and lands the rest.
func (p *foldPipe) finish() error {
	if err := p.landed(); err != nil {
		return err
	}
	p.foldAll(p.jobs[:p.n])
	err := p.land(p.jobs[:p.n])
	p.n = 0
	return err
}

// stop waits for a chunk in flight without landing it (the pass failed):
// its fold reads what the caller's transaction maps.
func (p *foldPipe) stop() {
	if p.folding != nil {
		<-p.folding
		p.folding = nil
	}
}

// parallel calls fn(i) for every i < n on every core (the calling
// goroutine is one), and returns when all are done. The range is taken
// a few at a time, not split in equal parts: records differ a hundred
// times in their cost (a visit of one event, a case of two hundred), and
// a core given the heavy half of a chunk kept the others waiting.
func parallel(n int, fn func(i int)) {
	parallelEach(n, func() (func(i int), func()) { return fn, nil })
}

// parallelEach is parallel where each core first sets up what its calls
// share: worker returns its fn, and what ends it (nil: nothing).
func parallelEach(n int, worker func() (fn func(i int), end func())) {
	w := min(runtime.GOMAXPROCS(0), n/64+1)
	const take = 8
	var next atomic.Int64
	work := func() {
		fn, end := worker()
		if end != nil {
			defer end()
		}
		for {
			lo := int(next.Add(take)) - take
			if lo >= n {
				return
			}
			for i := lo; i < min(lo+take, n); i++ {
				fn(i)
			}
		}
	}
	if w <= 1 {
		work()
		return
	}
	var wg sync.WaitGroup
	for k := 1; k < w; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}

// refoldImported brings up to date, in one transaction, the records an
// import added events to (added: per record, its new events, already
// listed). A record whose new events all come after every event it
// already held in fold order (a parent receiving a child's history in
// order: nearly always) has them applied to its stored projection, as
// a desk write does; any other is folded again from all its events.
// Projections are written in id order, every index change in key order
// (bbolt splits nodes only at commit, so puts in random order into one
// transaction each shift a growing node), or, given later, held there
// for the end of a large import (idxlater.go).
func refoldImported(tx *bolt.Tx, added map[string][]model.Event, later *idxLater, folded func(id string, v any)) error {
	ids := make([]string, 0, len(added))
	for id := range added {
		if !model.Stateless(id) { // the audit folds into no state
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	batch := idxBatch{}
	set := func(e idxEntry, put bool) error {
		if later != nil {
			return later.set(e, put)
		}
		batch.set(e, put)
		return nil
	}
	states := map[string]*bolt.Bucket{}
	dict := currentDict(tx)
	pipe := newFoldPipe(foldChunk, func(js []recordJob) error {
		for i := range js {
			j := &js[i]
			if j.err != nil {
				return j.err
			}
			sb := states[model.EntityKind(j.id)]
			gone, come := changedEntries(j.old, j.entries)
			for _, e := range gone {
				if err := set(e, false); err != nil {
					return err
				}
			}
			if err := sb.Put([]byte(j.id), j.encoded); err != nil {
				return err
			}
			for _, e := range come {
				if err := set(e, true); err != nil {
					return err
				}
			}
			folded(j.id, j.state)
		}
		return nil
	})
	defer pipe.stop()
	lists := listWalk{c: tx.Bucket(bEntityEvents).Cursor()}
	for _, id := range ids {
		kind := model.EntityKind(id)
		sb := states[kind]
		if sb == nil {
			var err error
			if sb, err = tx.Bucket(bState).CreateBucketIfNotExists([]byte(kind)); err != nil {
				return err
			}
			states[kind] = later.fill(sb)
		}
		j := pipe.job()
		j.begin(id)
		j.replace, j.dict = true, dict
		j.setStored(tx, sb.Get([]byte(id)))
		if j.stored != nil && !isRef(j.stored) && onlyNewAfter(tx, id, added[id]) {
			j.onto = added[id]
		} else if evs := added[id]; j.stored == nil && lists.only(tx, id, evs) {
			// A new record (a parent's first sync: nearly all of them):
			// its events are at hand as the bundle gave them, and are
			// never sealed at rest before sealRestImported.
			j.evs = evs
			if len(evs) == 1 && refKind(kind) {
				j.ref = evKey(evs[0].Site, evs[0].Seq)
			}
		} else {
			gatherRecord(tx, j)
		}
		if err := pipe.gathered(); err != nil {
			return err
		}
	}
	if err := pipe.finish(); err != nil {
		return err
	}
	return batch.apply(tx)
}

// onlyNewAfter reports whether every event listed for id from the
// first of its new ones on is new: the new ones come after all it held.
func onlyNewAfter(tx *bolt.Tx, id string, evs []model.Event) bool {
	first := &evs[0]
	for i := range evs {
		if model.Less(&evs[i], first) {
			first = &evs[i]
		}
	}
	return listedFrom(tx, id, entKey(id, first.Clock, first.Site, first.Seq), len(evs))
}

// listWalk reads the entity lists for records taken in id order, with
// one cursor moved forward: in a parent's first sync the next record's
// keys follow the last one's, and a seek from the root for each of
// 700,000 records was a second of the import's one goroutine that
// writes.
type listWalk struct {
	c       *bolt.Cursor
	k       []byte
	started bool
}

// count returns how many keys are listed under prefix p, which follows
// every prefix counted before.
func (w *listWalk) count(p []byte) int {
	if !w.started {
		w.k, _ = w.c.Seek(p)
		w.started = true
	}
	for i := 0; w.k != nil && bytes.Compare(w.k, p) < 0; i++ {
		if i == 8 { // far ahead: a seek is cheaper than walking there
			w.k, _ = w.c.Seek(p)
			break
		}
		w.k, _ = w.c.Next()
	}
	n := 0
	for ; w.k != nil && bytes.HasPrefix(w.k, p); w.k, _ = w.c.Next() {
		n++
	}
	return n
}

// only reports whether record id lists exactly evs, its new events:
// it had none before. When one of them made it, its other events are
// listed (lists.go) and the walk counts them; else every event listed
// is read as listKeys reads them.
func (w *listWalk) only(tx *bolt.Tx, id string, evs []model.Event) bool {
	for i := range evs {
		if namesEvent(id, evKey(evs[i].Site, evs[i].Seq)) {
			// Its maker is among them, new, and not listed: the
			// others are all the list holds, old ones included.
			return w.count(prefix(id))+1 == len(evs)
		}
	}
	return listedFrom(tx, id, prefix(id), len(evs))
}

// listedFrom reports whether record id lists exactly n events from list
// key from on.
func listedFrom(tx *bolt.Tx, id string, from []byte, n int) bool {
	return len(listKeysFrom(tx, id, from)) == n
}

// conflictsOf returns how many conflicts a projection records.
func conflictsOf(v any) int {
	switch x := v.(type) {
	case *model.Person:
		return len(x.Conflicts)
	case *model.Visit:
		return len(x.Conflicts)
	case *model.Petition:
		return len(x.Conflicts)
	case *model.Case:
		return len(x.Conflicts)
	case *model.Site:
		return len(x.Conflicts)
	}
	return 0
}
