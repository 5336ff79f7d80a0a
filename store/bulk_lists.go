package store

import (
	"bytes"
	"errors"
	"fmt"
	"sort"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// A Bulk writes tens of thousands of events in one transaction. bbolt
// splits nodes only at commit, so a key put in the middle of a node
// shifts everything after it: entity lists and index keys, put in the
// order the events come (entity ids and folded names are in no order),
// made an import of 20,000 rows quadratic, most of its time spent in
// memmove. Inside a Bulk those two kinds of keys are held instead and put
// in key order just before the commit; the writer reads the held ones
// together with the file's own (headOf, the fold), so every action sees
// what it would see had they been written at once. Nothing changes for
// all-or-nothing: they are put inside the same transaction.
//
// Inside a Bulk no action reads an index, only entity lists and
// projections (the projections are still written at once).

// bulkLists holds a Bulk's entity-list entries until the commit.
type bulkLists struct {
	by  map[string][]listEntry // entity -> its entries, in key order
	all []listEntry
}

// listEntry is one key of bEntityEvents (never a made event's: lists.go).
type listEntry struct{ k []byte }

func (l *bulkLists) add(entity string, k []byte) {
	e := listEntry{k}
	es := l.by[entity]
	// An HLC clock only grows within a transaction, so the new key is the
	// entity's greatest held one; kept general all the same.
	i := len(es)
	for i > 0 && bytes.Compare(es[i-1].k, k) > 0 {
		i--
	}
	if i == len(es) {
		l.by[entity] = append(es, e)
	} else {
		l.by[entity] = append(es[:i], append([]listEntry{e}, es[i:]...)...)
	}
	l.all = append(l.all, e)
}

// entries returns the entries held for entity (none outside a Bulk).
func (l *bulkLists) entries(entity string) []listEntry {
	if l == nil {
		return nil
	}
	return l.by[entity]
}

// flush puts the held entries in key order.
func (l *bulkLists) flush(tx *bolt.Tx) error {
	sort.Slice(l.all, func(i, j int) bool { return bytes.Compare(l.all[i].k, l.all[j].k) < 0 })
	b := filled(tx.Bucket(bEntityEvents))
	for _, e := range l.all {
		if err := b.Put(e.k, nil); err != nil {
			return err
		}
	}
	l.all, l.by = nil, nil
	return nil
}

// headOf is headOf with the entries a Bulk holds.
func (w *writer) headOf(entity string) string {
	if w.lists == nil {
		return headOf(w.tx, entity)
	}
	k := lastListed(w.tx, entity)
	if es := w.lists.by[entity]; len(es) > 0 {
		if last := es[len(es)-1]; k == nil || bytes.Compare(last.k, k) > 0 {
			k = last.k
		}
	}
	if s, n, ok := parseEvKey(listedKey(k)); ok {
		return model.EventKey(s, n)
	}
	return ""
}

// listEvent lists a new event under its entity: at once, or held by a Bulk.
func (w *writer) listEvent(ev *model.Event) error {
	k := listKeyOf(ev)
	switch {
	case k == nil:
		return nil
	case w.lists != nil:
		w.lists.add(ev.Entity, k)
		return nil
	}
	return filled(w.tx.Bucket(bEntityEvents)).Put(k, nil)
}

// entityEvents is entityEvents with the entries a Bulk holds.
func (w *writer) entityEvents(entity string) ([]model.Event, error) {
	held := w.lists.entries(entity)
	if len(held) == 0 {
		return entityEvents(w.tx, entity)
	}
	var es []listEntry
	for _, k := range listKeys(w.tx, entity) {
		es = append(es, listEntry{k})
	}
	es = append(es, held...)
	sort.SliceStable(es, func(i, j int) bool { return bytes.Compare(es[i].k, es[j].k) < 0 })
	evb := w.tx.Bucket(bEvents)
	out := make([]model.Event, 0, len(es))
	for _, e := range es {
		raw := evb.Get(listedKey(e.k))
		if raw == nil {
			return nil, fmt.Errorf("%w: entity %s lists a missing event", ErrCorrupt, entity)
		}
		ev, err := decodeEvent(raw)
		if errors.Is(err, ErrRestSealed) {
			return nil, errNeedsRestKey(err)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		out = append(out, ev)
	}
	return out, nil
}
