package store

import (
	"bytes"
	"math"
	"slices"
	"strings"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// An entity's list (bEntityEvents) names its events in fold order. From
// schema 7 the event that made a record is not listed when the record's
// id names it (KIND:SITE.SEQ, model.NewEntityID): the id says where it
// is, and its clock, the rest of its list key, is in its header. Seven
// records in ten at an office have no other event (a visit, a person),
// so their lists are empty, and the file holds 700,000 keys (39 MB) fewer.
// Readers take an entity's list through listKeys, which puts the made
// event's key back in its place; a key of it still listed (a file of
// schema 6 not yet rewritten, see migrations[6]) is read once.

// namesEvent reports whether id, a record's id, names the event at log
// key evk as the one that made it (madeBy, without allocating).
func namesEvent(id string, evk []byte) bool {
	i, j := strings.IndexByte(id, ':'), strings.LastIndexByte(id, '.')
	if i < 0 || j < i+2 || j == len(id)-1 {
		return false
	}
	site, seq := id[i+1:j], id[j+1:]
	if len(evk) != len(site)+9 || string(evk[:len(site)]) != site || evk[len(site)] != 0 {
		return false
	}
	if seq[0] == '0' && len(seq) > 1 {
		return false
	}
	var n uint64
	for k := 0; k < len(seq); k++ {
		c := seq[k]
		if c < '0' || c > '9' || n > (math.MaxUint64-uint64(c-'0'))/10 {
			return false // as madeBy: not a number, or past 2^64 - 1
		}
		n = n*10 + uint64(c-'0')
	}
	for k := 0; k < 8; k++ {
		if evk[len(site)+1+k] != byte(n>>(56-8*k)) {
			return false
		}
	}
	return true
}

// unlisted reports whether the event at log key evk, of entity, is left
// out of entity's list: it made a record of a kind an event makes
// (madeKinds), and the record's id names it.
func unlisted(entity string, evk []byte) bool {
	if _, ok := madeKinds[model.EntityKind(entity)]; !ok {
		return false
	}
	return namesEvent(entity, evk)
}

// unlistedKey is unlisted for a list key.
func unlistedKey(k []byte) bool {
	i := bytes.IndexByte(k, 0)
	if i < 0 {
		return false
	}
	return unlisted(unsafeString(k[:i]), listedKey(k))
}

// madeListKey returns the list key of the event that made entity, which
// its list leaves out (unlisted), if that event is in the log; else nil.
func madeListKey(evb *bolt.Bucket, entity string) []byte {
	k, _ := madeListed(evb.Get, entity)
	return k
}

// madeListed is madeListKey, with the stored event it names; get reads
// an event by its key in the log.
func madeListed(get func(k []byte) []byte, entity string) (key, raw []byte) {
	if _, ok := madeKinds[model.EntityKind(entity)]; !ok {
		return nil, nil
	}
	evk := madeBy(entity)
	if evk == nil {
		return nil, nil
	}
	raw = get(evk)
	if raw == nil {
		return nil, nil
	}
	site, seq, _ := parseEvKey(evk)
	clock, same, ok := madeClock(raw, entity)
	switch {
	case !ok:
		// Damaged: listed first, so the reader meets it and says so.
		return entKey(entity, math.MinInt64, site, seq), raw
	case !same:
		return nil, nil // an event of another record: check says so
	}
	return entKey(entity, clock, site, seq), raw
}

// madeClock returns the clock of raw, a stored event, and whether it is
// an event of entity; ok is false if it cannot be read.
func madeClock(raw []byte, entity string) (clock int64, same, ok bool) {
	h, ok := parseHeader(raw)
	if !ok {
		e, err := decodeHeaderOnly(raw) // schema 1's JSON, or damage
		return e.Clock, e.Entity == entity, err == nil
	}
	if h.flags&flagMade != 0 {
		return h.clock, h.kind == madeKinds[model.EntityKind(entity)], true
	}
	return h.clock, string(h.entity) == entity, true
}

// listKeys returns entity's list keys in fold order, the made event's
// among them (see above). The keys read from the file are valid while
// tx is.
func listKeys(tx *bolt.Tx, entity string) [][]byte {
	return listKeysFrom(tx, entity, prefix(entity))
}

// listKeysFrom is listKeys from list key from on.
func listKeysFrom(tx *bolt.Tx, entity string, from []byte) [][]byte {
	p := prefix(entity)
	made := madeListKey(tx.Bucket(bEvents), entity)
	if bytes.Compare(made, from) < 0 {
		made = nil
	}
	var out [][]byte
	c := tx.Bucket(bEntityEvents).Cursor()
	for k, _ := c.Seek(from); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		out = append(out, k)
	}
	return placeMade(out, made)
}

// placeMade puts made, the list key of the event that made a record
// (madeListKey; nil: none), among keys, the record's keys as listed, in
// order: in its place, once (a schema-6 file lists it too).
func placeMade(keys [][]byte, made []byte) [][]byte {
	if made == nil {
		return keys
	}
	i, listed := slices.BinarySearchFunc(keys, made, bytes.Compare)
	if listed {
		return keys
	}
	return slices.Insert(keys, i, made)
}

// firstListed returns the first of entity's list keys (listKeys), or nil.
func firstListed(tx *bolt.Tx, entity string) []byte {
	k := firstListedOnly(tx.Bucket(bEntityEvents), entity)
	if made := madeListKey(tx.Bucket(bEvents), entity); made != nil && (k == nil || bytes.Compare(made, k) < 0) {
		return made
	}
	return k
}

// lastListed returns the last of entity's list keys (listKeys), or nil.
func lastListed(tx *bolt.Tx, entity string) []byte {
	p := prefix(entity)
	c := tx.Bucket(bEntityEvents).Cursor()
	k, _ := c.Seek(append(append([]byte{}, p...), 0xff))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, p) {
		k = nil
	}
	if made := madeListKey(tx.Bucket(bEvents), entity); made != nil && (k == nil || bytes.Compare(made, k) > 0) {
		return made
	}
	return k
}

// listKeyOf returns ev's key in its entity's list, or nil if it is its
// entity's maker, which is not listed.
func listKeyOf(ev *model.Event) []byte {
	if unlisted(ev.Entity, evKey(ev.Site, ev.Seq)) {
		return nil
	}
	return entKey(ev.Entity, ev.Clock, ev.Site, ev.Seq)
}

// firstListedOnly returns the first key listed for entity in lists
// (its made event aside), or nil.
func firstListedOnly(lists *bolt.Bucket, entity string) []byte {
	p := prefix(entity)
	k, _ := lists.Cursor().Seek(p)
	if k == nil || !bytes.HasPrefix(k, p) {
		return nil
	}
	return k
}

// recordIDs gives every record's id in id order, once: those listed
// (bEntityEvents), those with a projection (bState), with the
// projection if any. Ids sort as their list keys do (a 0 ends the id
// there) and kinds' names as their ids do (none is a prefix of
// another).
type recordIDs struct {
	lists   *bolt.Cursor
	lk      []byte
	damaged func(k []byte)
	state   *bolt.Bucket
	kinds   [][]byte
	sc      *bolt.Cursor
	sk, sv  []byte
	listID  string
	listOK  bool
	keys    [][]byte // listID's list keys
}

func newRecordIDs(tx *bolt.Tx, damaged func(k []byte)) *recordIDs {
	r := &recordIDs{lists: tx.Bucket(bEntityEvents).Cursor(), damaged: damaged, state: tx.Bucket(bState)}
	r.state.ForEach(func(name, v []byte) error {
		if v == nil {
			r.kinds = append(r.kinds, name)
		}
		return nil
	})
	r.lk, _ = r.lists.First()
	r.nextList()
	r.nextState()
	return r
}

// nextList moves to the next listed entity, and reads its keys.
func (r *recordIDs) nextList() {
	r.keys = r.keys[:0]
	for r.lk != nil {
		i := bytes.IndexByte(r.lk, 0)
		if i < 0 {
			r.damaged(r.lk)
			r.lk, _ = r.lists.Next()
			continue
		}
		r.listID, r.listOK = string(r.lk[:i]), true
		for p := r.lk[:i+1]; r.lk != nil && bytes.HasPrefix(r.lk, p); r.lk, _ = r.lists.Next() {
			r.keys = append(r.keys, r.lk)
		}
		return
	}
	r.listID, r.listOK = "", false
}

// nextState moves to the next projection.
func (r *recordIDs) nextState() {
	if r.sc != nil {
		r.sk, r.sv = r.sc.Next()
	}
	for r.sk == nil && len(r.kinds) > 0 {
		r.sc = r.state.Bucket(r.kinds[0]).Cursor()
		r.kinds = r.kinds[1:]
		r.sk, r.sv = r.sc.First()
	}
}

// next returns the next record's id, its projection (nil if none), and
// its list keys as listed (listed, which they are appended to; the made
// event's is not among them: see gatherListed).
func (r *recordIDs) next(listed [][]byte) (id string, stored []byte, keys [][]byte, ok bool) {
	switch {
	case !r.listOK && r.sk == nil:
		return "", nil, listed, false
	case r.sk == nil || r.listOK && r.listID < string(r.sk):
		id, listed = r.listID, append(listed, r.keys...)
		r.nextList()
	case !r.listOK || string(r.sk) < r.listID:
		id, stored = string(r.sk), r.sv
		r.nextState()
	default:
		id, stored, listed = r.listID, r.sv, append(listed, r.keys...)
		r.nextList()
		r.nextState()
	}
	return id, stored, listed, true
}
