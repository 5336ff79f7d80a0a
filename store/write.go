package store

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"donthu/model"

	"filippo.io/age"
	bolt "go.etcd.io/bbolt"
)

// writer is one write transaction of this site: every event it emits is
// appended with the next seq, chained, stamped, and its entity refolded
// and reindexed at once, so later steps in the same transaction see it.
type writer struct {
	s       *Store
	tx      *bolt.Tx
	author  string
	now     time.Time
	seq     uint64
	from    uint64 // this site's seq before the transaction: later ones are its own
	bulk    bool   // a BulkLoad: no drafts, and sealing its own events leaves nothing to scrub
	head    string
	emitted []model.Event
	touched map[string]any          // entity -> its new projection
	plain   map[string]model.Person // persons sealed in this transaction, as typed
	// sealAlso are keys sealed values are also encrypted to (a child's,
	// for a petition transferred down to it).
	sealAlso []age.Recipient
	// held refuses every event but audit ones, which wait (see hold),
	// while the file may lack own events its parent holds.
	held error
	// protectLater are persons a Bulk protected (protect.go).
	protectLater []string
	// keys are the site's keys a sign-in unlocked in this transaction,
	// before they are the session's (rest.go seals with them).
	keys *Identity
	// lists and idx, in a Bulk only, hold entity-list entries and index
	// changes until the commit, to put them in key order (bulk_lists.go).
	lists *bulkLists
	idx   idxBatch
}

// write runs fn in one bbolt transaction as author. Nothing fn did is kept
// if it returns an error.
func (s *Store) write(author string, fn func(w *writer) error) ([]model.Event, error) {
	if s.site == "" {
		return nil, userErr(ErrNotInitialised, "Chưa thiết lập đơn vị. Hãy chạy: donthu init", "No site is set up. Run: donthu init")
	}
	// After the lock is let go: a write that sealed events at rest has
	// their clear copy compacted out of the file's free pages at once, so
	// no backup takes it (rest.go).
	defer s.scrubIfSealed()
	s.mu.Lock()
	defer s.mu.Unlock()
	saved := s.hlc
	var w *writer
	err := s.db.Update(func(tx *bolt.Tx) error {
		w = &writer{s: s, tx: tx, author: author, now: s.now(), touched: map[string]any{}}
		w.seq, w.head = lastOf(tx, s.site)
		w.from = w.seq
		if w.held = awaiting(tx, s.site, w.seq); w.held == nil {
			if err := w.flushHeld(); err != nil {
				return err
			}
		}
		if err := fn(w); err != nil {
			return err
		}
		if len(w.emitted) > 0 {
			return tx.Bucket(bMeta).Put([]byte("clock"), []byte(strconv.FormatInt(s.hlc.Last(), 10)))
		}
		return nil
	})
	if err != nil {
		s.hlc = saved
		return nil, diskErr(err)
	}
	s.saw()
	s.afterCommit(w.touched)
	return w.emitted, nil
}

// diskErr turns a failed commit into a message a person can act on; the
// transaction has been rolled back, so nothing was saved.
func diskErr(err error) error {
	if err == nil || model.MsgOf(err) != nil {
		return err
	}
	return model.ErrWriteData(err)
}

// lastOf returns the highest seq held for site and the hash of that event.
func lastOf(tx *bolt.Tx, site string) (uint64, string) {
	if n, v := newestOf(tx.Bucket(bEvents), site); v != nil {
		if e, err := decodeHead(v); err == nil {
			return n, hashOf(v, &e)
		}
	}
	return 0, ""
}

// newestOf returns the seq and stored form of site's newest event in
// the log b; 0 and nil if it holds none.
func newestOf(b *bolt.Bucket, site string) (uint64, []byte) {
	c := b.Cursor()
	k, v := c.Seek(evKey(site, ^uint64(0)))
	if k == nil {
		k, v = c.Last()
	} else if s, n, _ := parseEvKey(k); s != site || n != ^uint64(0) {
		k, v = c.Prev()
	}
	if s, n, ok := parseEvKey(k); ok && s == site {
		return n, v
	}
	return 0, nil
}

// nextID returns the id the next emitted event would give a new entity.
func (w *writer) nextID(kind string) string { return model.NewEntityID(kind, w.s.site, w.seq+1) }

// emit appends one event of this site.
func (w *writer) emit(entity string, t model.EventType, to string, data any) (model.Event, error) {
	if w.held != nil {
		if entity == model.AuditEntity(w.s.site) {
			return w.hold(t, data)
		}
		return model.Event{}, w.held
	}
	if owner := ownerOf(w.tx, entity); owner != "" && owner != w.s.site && to == "" {
		// Another site's record: the event is addressed to its owner, so
		// the next bundle carries it there and both copies fold the same
		// events (a site's own events go only to its parent otherwise).
		to = owner
	}
	ev := model.Event{
		Site: w.s.site, Seq: w.seq + 1, Clock: w.s.hlc.Next(w.now), At: w.now.UTC(),
		Author: w.author, Entity: entity, Type: t, To: to, Prev: w.head,
		Base: w.headOf(entity),
	}
	if data != nil {
		ev.Data = model.MustData(data)
	}
	if _, err := putLog(w.tx, &ev); err != nil {
		return ev, err
	}
	if err := w.listEvent(&ev); err != nil {
		return ev, err
	}
	w.seq, w.head = ev.Seq, eventHash(&ev)
	w.emitted = append(w.emitted, ev)
	v, err := w.foldNew(&ev)
	if err != nil {
		return ev, err
	}
	w.touched[entity] = v
	return ev, nil
}

// number assigns the next readable number of a kind for this site and
// year, once, in the same transaction as the record it names.
func (w *writer) number(kind string, year int) (string, error) {
	meta := w.tx.Bucket(bMeta)
	k := []byte(fmt.Sprintf("no/%s/%d", kind, year))
	n, _ := strconv.Atoi(string(meta.Get(k)))
	n++
	if err := meta.Put(k, []byte(strconv.Itoa(n))); err != nil {
		return "", err
	}
	switch kind {
	case model.EntVisit:
		return fmt.Sprintf("%s-%d-T%04d", w.s.site, year, n), nil
	default:
		return fmt.Sprintf("%s-%d-%04d", w.s.site, year, n), nil
	}
}

// ownerOf returns the site that owns an existing record ("" for a record
// not yet created): the site that keeps it and whose events change it.
func ownerOf(tx *bolt.Tx, entity string) string {
	sb := tx.Bucket(bState).Bucket([]byte(model.EntityKind(entity)))
	if sb == nil {
		return ""
	}
	b := sb.Get([]byte(entity))
	if b == nil {
		return ""
	}
	if model.EntityKind(entity) == model.EntSite {
		return strings.TrimPrefix(entity, model.EntSite+":")
	}
	var v struct {
		Site string `json:"site"`
	}
	unmarshalState(tx, entity, b, &v)
	return v.Site
}

// headOf returns the key of the newest event of entity in fold order.
func headOf(tx *bolt.Tx, entity string) string {
	if s, n, ok := parseEvKey(listedKey(lastListed(tx, entity))); ok {
		return model.EventKey(s, n)
	}
	return ""
}

// putLog appends an event to the log only and returns its key; the
// caller lists it under its entity (an import does so in key order).
func putLog(tx *bolt.Tx, ev *model.Event) (key []byte, err error) {
	key, _, err = putLogValue(tx, ev, nil)
	return key, err
}

// putLogValue is putLog with the event's stored value made beforehand
// (val: logValue under the file's present dictionary; nil: made here).
// trained says this event made the file's dictionary: its value was then
// made again under it, and so must the values of the events after it.
func putLogValue(tx *bolt.Tx, ev *model.Event, val []byte) (key []byte, trained bool, err error) {
	evb := tx.Bucket(bEvents)
	evb.FillPercent = 1.0
	key = evKey(ev.Site, ev.Seq)
	if ev.Seq == dictMinEvents && tx.Bucket(bMeta).Get(metaDict) == nil {
		// A site's log has grown enough: the file makes its dictionary
		// now, and this event is the first compressed under it (once
		// per site at most; zdict.go).
		// The events before it are compressed by the rewrite at the
		// next start (packFile).
		if v, err := trainDict(tx, 0); err == nil && v != nil {
			if _, err := adoptDict(tx, v); err != nil {
				return nil, false, err
			}
			if err := tx.Bucket(bMeta).Put(metaPackTodo, []byte("1")); err != nil {
				return nil, false, err
			}
			trained = true
		}
	}
	if val == nil || trained {
		val = logValue(ev, currentDict(tx))
	}
	return key, trained, evb.Put(key, val)
}

// logValue is an event as the log stores it in the clear, its data
// compressed under d (if any).
func logValue(ev *model.Event, d *zdict) []byte {
	return compressEvent(encodeEvent(ev), d)
}

// entityEvents reads an entity's events in fold order.
func entityEvents(tx *bolt.Tx, entity string) ([]model.Event, error) {
	evb := tx.Bucket(bEvents)
	var out []model.Event
	for _, k := range listKeys(tx, entity) {
		raw := evb.Get(listedKey(k))
		if raw == nil {
			return nil, fmt.Errorf("%w: entity %s lists a missing event", ErrCorrupt, entity)
		}
		e, err := decodeEvent(raw)
		if errors.Is(err, ErrRestSealed) {
			return nil, errNeedsRestKey(err)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// foldNew brings an entity's projection up to date with ev, just listed:
// if ev is the newest of the entity's events in fold order (a desk
// write's always is: its clock is past every clock seen) and the
// projection is stored, ev alone is applied to it, so a write costs the
// same on a record of 200 events as on a new one; a new record whose only
// event is ev is folded from ev; otherwise the entity is refolded from all
// its events.
func (w *writer) foldNew(ev *model.Event) (any, error) {
	entity := ev.Entity
	if model.Stateless(entity) {
		return nil, nil // the audit: kept and listed, never folded
	}
	key := entKey(entity, ev.Clock, ev.Site, ev.Seq)
	p := prefix(entity)
	c := w.tx.Bucket(bEntityEvents).Cursor()
	k, _ := c.Seek(key)
	held := w.lists.entries(entity)
	if bytes.Equal(k, key) {
		k, _ = c.Next() // ev itself is listed in the file
	}
	if k != nil && bytes.HasPrefix(k, p) {
		return w.refold(entity) // an event after it is held
	}
	if n := len(held); n > 0 && !bytes.Equal(held[n-1].k, key) {
		return w.refold(entity)
	}
	// The event that made the record, not listed (lists.go), unless it
	// is ev: one after ev came before its maker.
	var maker []byte // nil if ev is the maker
	if !unlisted(entity, evKey(ev.Site, ev.Seq)) {
		maker = madeListKey(w.tx.Bucket(bEvents), entity)
	}
	if bytes.Compare(maker, key) > 0 {
		return w.refold(entity)
	}
	kind := model.EntityKind(entity)
	sb := w.tx.Bucket(bState).Bucket([]byte(kind))
	var old []byte
	if sb != nil {
		old = sb.Get([]byte(entity))
	}
	if old == nil {
		// A new record: refolded from its events, which are ev alone
		// unless events of it came before its creation.
		only := len(held) == 0 || len(held) == 1 && bytes.Equal(held[0].k, key)
		if first, _ := c.Seek(p); only && first != nil && bytes.HasPrefix(first, p) && !bytes.Equal(first, key) {
			only = false
		}
		if maker != nil {
			only = false
		}
		if !only {
			return w.refold(entity)
		}
		evs := []model.Event{*ev}
		v, err := model.FoldEntity(entity, evs)
		if err != nil {
			return nil, err
		}
		return v, putState(w.tx, entity, v, w.idx, refTo(w.tx, entity, evs))
	}
	state, err := decodeState(w.tx, entity, old)
	if err != nil {
		return nil, err
	}
	was := indexEntries(entity, state) // before the fold, which changes state in place
	v, err := model.FoldOnto(entity, state, []model.Event{*ev})
	if err != nil {
		return nil, err
	}
	return v, writeState(w.tx, entity, v, w.idx, nil, was)
}

// refold is refold inside the writer, with what a Bulk holds.
func (w *writer) refold(entity string) (any, error) {
	evs, err := w.entityEvents(entity)
	if err != nil {
		return nil, err
	}
	v, err := model.FoldEntity(entity, evs)
	if err != nil {
		return nil, err
	}
	return v, putState(w.tx, entity, v, w.idx, refTo(w.tx, entity, evs))
}

// refold recomputes one entity's projection and indexes from its events.
func refold(tx *bolt.Tx, entity string) (any, error) {
	return refoldInto(tx, entity, nil)
}

func refoldInto(tx *bolt.Tx, entity string, batch idxBatch) (any, error) {
	if model.Stateless(entity) {
		return nil, nil
	}
	evs, err := entityEvents(tx, entity)
	if err != nil {
		return nil, err
	}
	v, err := model.FoldEntity(entity, evs)
	if err != nil {
		return nil, err
	}
	return v, putState(tx, entity, v, batch, refTo(tx, entity, evs))
}

// idxBatch holds index changes to apply later in key order: index ->
// key -> put (true) or delete (false). Keys end with the entity id, so
// two entities never share one, and an entity's later change wins.
type idxBatch map[string]map[string]bool

func (b idxBatch) set(e idxEntry, put bool) {
	m := b[e.index]
	if m == nil {
		m = map[string]bool{}
		b[e.index] = m
	}
	m[string(e.key)] = put
}

func (b idxBatch) apply(tx *bolt.Tx) error {
	names := make([]string, 0, len(b))
	for n := range b {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		keys := make([]string, 0, len(b[n]))
		for k := range b[n] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		ib, err := tx.Bucket(bIdx).CreateBucketIfNotExists([]byte(n))
		if err != nil {
			return err
		}
		filledIndex(ib, n)
		for _, k := range keys {
			if b[n][k] {
				err = ib.Put([]byte(k), nil)
			} else {
				err = ib.Delete([]byte(k))
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// filled sets how full bbolt fills the pages it splits in b, a bucket
// of projections, indexes or entity lists, and returns b. Their keys
// arrive mostly in order within a region (ids of one site grow: after
// visit:GL07.12345 comes visit:GL07.12346), so a page split at bbolt's
// default half is never filled again: pages written at the desk stood
// half empty. Splitting at 90% leaves room for what lands in between.
func filled(b *bolt.Bucket) *bolt.Bucket {
	b.FillPercent = 0.9
	return b
}

// filledIndex is filled for the index named index. The indexes keyed by
// a person's name, number or id take new keys anywhere in their range,
// not in order: a page split at 90% there leaves its 10% twin to fill
// from a tenth of the inserts, and such pages stood a third full
// (person_visit: 74 MB of pages for 26 MB of keys at an office). Split
// in half, random inserts fill pages to about 70%.
func filledIndex(b *bolt.Bucket, index string) *bolt.Bucket {
	switch index {
	case "person_name", "person_idnum", "person_phone", "person_visit", "case_name":
		b.FillPercent = 0.5
		return b
	}
	return filled(b)
}

// putState writes a projection and moves its index entries, at once or,
// given a batch, into it.
//
// ref is the log key of the record's only event when v is that event
// folded (refTo): the projection is then kept by reference.
func putState(tx *bolt.Tx, entity string, v any, batch idxBatch, ref []byte) error {
	var old []idxEntry
	if sb := tx.Bucket(bState).Bucket([]byte(model.EntityKind(entity))); sb != nil {
		if b := sb.Get([]byte(entity)); b != nil {
			prev, err := decodeState(tx, entity, b)
			if err != nil {
				return err
			}
			old = indexEntries(entity, prev)
		}
	}
	return writeState(tx, entity, v, batch, ref, old)
}

// writeState is putState given the index entries of the stored
// projection (old). Entries it keeps are left as they are: a put of a
// key already held would still rewrite its page at the commit, and most
// changes (a case handed on, a note) move one entry of ten or none.
func writeState(tx *bolt.Tx, entity string, v any, batch idxBatch, ref []byte, old []idxEntry) error {
	kind := model.EntityKind(entity)
	sb, err := tx.Bucket(bState).CreateBucketIfNotExists([]byte(kind))
	if err != nil {
		return err
	}
	filled(sb)
	gone, come := changedEntries(old, indexEntries(entity, v))
	for _, e := range gone {
		if batch != nil {
			batch.set(e, false)
		} else if b := tx.Bucket(bIdx).Bucket([]byte(e.index)); b != nil {
			if err := b.Delete(e.key); err != nil {
				return err
			}
		}
	}
	var b []byte
	if ref != nil && refKind(kind) {
		b = refValue(entity, ref)
	} else if b, err = encodeState(v); err != nil {
		return err
	} else {
		b = compressState(b, currentDict(tx))
	}
	if err := sb.Put([]byte(entity), b); err != nil {
		return err
	}
	for _, e := range come {
		if batch != nil {
			batch.set(e, true)
			continue
		}
		ib, err := tx.Bucket(bIdx).CreateBucketIfNotExists([]byte(e.index))
		if err != nil {
			return err
		}
		if err := filledIndex(ib, e.index).Put(e.key, nil); err != nil {
			return err
		}
	}
	return nil
}

// changedEntries returns the index entries of old that new lacks (gone)
// and those of new that old lacks (come).
func changedEntries(old, new []idxEntry) (gone, come []idxEntry) {
	in := func(e idxEntry, list []idxEntry) bool {
		for _, o := range list {
			if o.index == e.index && bytes.Equal(o.key, e.key) {
				return true
			}
		}
		return false
	}
	for _, e := range old {
		if !in(e, new) {
			gone = append(gone, e)
		}
	}
	for _, e := range new {
		if !in(e, old) {
			come = append(come, e)
		}
	}
	return gone, come
}

func newState(kind string) any {
	switch kind {
	case model.EntPerson:
		return &model.Person{}
	case model.EntVisit:
		return &model.Visit{}
	case model.EntPetition:
		return &model.Petition{}
	case model.EntCase:
		return &model.Case{}
	case model.EntUser:
		return &model.User{}
	case model.EntSite:
		return &model.Site{}
	}
	return nil
}

// decodeState decodes the stored projection of id; tx resolves one kept
// by reference (nil where only kinds that never are one are read).
func decodeState(tx *bolt.Tx, id string, b []byte) (any, error) {
	if isRef(b) {
		return refState(tx, id, b)
	}
	kind := model.EntityKind(id)
	v := newState(kind)
	if v == nil {
		return nil, fmt.Errorf("store: unknown kind %q", kind)
	}
	if err := unmarshalState(nil, id, b, v); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return v, nil
}

// getState reads a projection inside a transaction into v.
func getState(tx *bolt.Tx, entity string, v any) error {
	sb := tx.Bucket(bState).Bucket([]byte(model.EntityKind(entity)))
	if sb == nil {
		return ErrNotFound
	}
	b := sb.Get([]byte(entity))
	if b == nil {
		return ErrNotFound
	}
	// Decode into a zero value: the JSON leaves out empty fields, so
	// decoding over an older copy (an action reads the record, acts, and
	// reads it back into the same variable) would keep what the fold
	// cleared, such as the result of a reopened case.
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero()
	}
	return unmarshalState(tx, entity, b, v)
}

// readStates is getState for many records of one kind, decoded on every
// core: the records of ids that read, in their order, with room for more
// after them; damaged is told of each that did not, with what getState
// would have returned.
func readStates[T any](tx *bolt.Tx, kind string, ids []string, room int, damaged func(id string, err error)) []T {
	sb := tx.Bucket(bState).Bucket([]byte(kind))
	vals := make([][]byte, len(ids))
	for i, id := range ids {
		if sb != nil {
			vals[i] = sb.Get([]byte(id))
		}
	}
	return decodeStates[T](tx, ids, vals, room, damaged)
}

// decodeStates is readStates of projections already found: vals[i] is
// the stored projection of ids[i] (nil: none). The stored bytes are
// copied out of the file's pages here, on the caller's goroutine, where
// Guard turns a fault on a damaged page into an error: a worker has no
// such guard.
func decodeStates[T any](tx *bolt.Tx, ids []string, vals [][]byte, room int, damaged func(id string, err error)) []T {
	evb := tx.Bucket(bEvents)
	raws := make([][]byte, len(ids))
	ref := make([]bool, len(ids)) // raws[i] is the event a reference names
	for i, b := range vals {
		if isRef(b) {
			ref[i], raws[i] = true, bytes.Clone(evb.Get(refKey(ids[i], b)))
		} else {
			raws[i] = bytes.Clone(b)
		}
	}
	out := make([]T, len(ids), len(ids)+room)
	errs := make([]error, len(ids))
	parallel(len(ids), func(i int) {
		switch {
		case ref[i]:
			errs[i] = refInto(ids[i], raws[i], &out[i])
		case raws[i] == nil:
			errs[i] = ErrNotFound
		default:
			errs[i] = unmarshalState(nil, ids[i], raws[i], &out[i])
		}
	})
	kept := out[:0]
	for i := range ids {
		if errs[i] != nil {
			damaged(ids[i], errs[i])
			continue
		}
		kept = append(kept, out[i])
	}
	return kept
}

type idxEntry struct {
	index string
	key   []byte
}

// idxEntries gathers a record's index entries, their keys laid one after
// the other in one block: a check or rebuild makes millions of keys, and
// allocated one by one they cost it a tenth of a second. A key's slice
// ends where the key does, so the next key, appended, cannot change it.
type idxEntries struct {
	out   []idxEntry
	block []byte
}

// add adds the entry of index whose key is idxKey(parts...).
func (a *idxEntries) add(index string, parts ...string) {
	start := len(a.block)
	a.block = appendIdxKey(a.block, parts...)
	a.out = append(a.out, idxEntry{index, a.block[start:len(a.block):len(a.block)]})
}

// indexEntries lists the index keys of a projection. Indexes depend only
// on the projection, so every replica and every Rebuild agree on them.
func indexEntries(id string, v any) []idxEntry {
	a := &idxEntries{out: make([]idxEntry, 0, 4), block: make([]byte, 0, 160)} // most records have four or fewer, in 160 bytes
	switch x := v.(type) {
	case *model.Person:
		if x.Sealed != "" {
			a.add("person_sealed", id) // found by name only by the entitled (search.go)
		}
		a.add("person_name", x.NameFold, id)
		if x.IDNumber != "" {
			a.add("person_idnum", x.IDNumber, id)
		}
		if x.Phone != "" {
			a.add("person_phone", x.Phone, id)
		}
		if x.MergedInto != "" {
			a.add("person_merged", x.MergedInto, id)
		}
	case *model.Visit:
		for _, p := range x.Persons {
			a.add("person_visit", shortID(p), shortID(id)) // keys.go, shortTail
		}
		if x.Import != "" {
			a.add("import", x.Import, id)
		}
	case *model.Petition:
		if !x.Classified && x.ID != "" {
			a.add("inbox", x.Site, x.Received.ISO(), id)
		}
		for _, p := range x.Senders {
			a.add("person_petition", p, id)
		}
		a.add("petition_date", x.Received.ISO(), id)
		if x.Import != "" {
			a.add("import", x.Import, id)
		}
	case *model.Case:
		a.add("case_status", string(x.Status), id)
		if !x.Open() {
			// The closed list, newest first, read a page at a time
			// (ClosedNewest): closed day \0 number \0 id.
			a.add("case_closed", dayKey(x.Closed), x.No, id)
		}
		for _, p := range x.Senders {
			a.add("person_case", p, id)
		}
		for _, r := range x.Reminders {
			a.add("reminder", r.On.ISO(), id)
		}
	}
	reportEntries(id, v, a)
	// An entry wanted twice (two reminders on one day) is one key in
	// its index: check and rebuild count each once, as the index holds it.
	out, n := a.out, 0
next:
	for _, e := range out {
		for _, f := range out[:n] {
			if f.index == e.index && bytes.Equal(f.key, e.key) {
				continue next
			}
		}
		out[n] = e
		n++
	}
	return out[:n]
}
