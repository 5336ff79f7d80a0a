package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"

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

// Import applies events from next (until it returns ok=false) in ONE
// transaction. finish runs after the last event and before the commit:
// if it (or anything else) fails, nothing is applied. Events already held
// change nothing; an event whose (site, seq) is held with other content is
// quarantined, never merged; an event whose predecessor is missing or does
// not chain refuses the whole import. The one exception: another site's
// event addressed to this one (To == this site) may lack its predecessor,
// because an office sends a child only what it addresses to it; its links
// are still checked wherever both ends are held.
func (s *Store) Import(next func() (model.Event, bool, error), finish func(*ImportTx) error) (ImportResult, error) {
	res := ImportResult{Heads: map[string]uint64{}}
	s.mu.Lock()
	defer s.mu.Unlock()
	saved := s.hlc
	err := s.db.Update(func(tx *bolt.Tx) error {
		touched := map[string]bool{}
		var listed [][2][]byte // entity list key -> event key, of the added events
		evb := tx.Bucket(bEvents)
		// hashes of the newest event per site seen in this import, so a
		// chain can be checked without re-reading what was just written.
		last := map[string]struct {
			seq  uint64
			hash string
		}{}
		for {
			e, ok, err := next()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			if e.Site == "" || e.Seq == 0 || e.Entity == "" || e.Type == "" {
				return importErr("Gói có sự kiện thiếu thông tin bắt buộc (%s)", "The bundle holds an event missing required fields (%s)", e.Key())
			}
			if old := evb.Get(evKey(e.Site, e.Seq)); old != nil {
				if have, err := decodeEvent(old); err == nil && eventHash(&have) == eventHash(&e) {
					res.Present++
					h := eventHash(&e)
					last[e.Site] = struct {
						seq  uint64
						hash string
					}{e.Seq, h}
					continue
				}
				res.Quarantined = append(res.Quarantined, e)
				b, _ := json.Marshal(e)
				if err := tx.Bucket(bQuarantine).Put(append(evKey(e.Site, e.Seq), []byte(eventHash(&e))...), b); err != nil {
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
					p, err := decodeEvent(raw)
					if err != nil {
						return err
					}
					prevHash = eventHash(&p)
				}
			}
			if linked && e.Prev != prevHash {
				return importErr("Sự kiện %s không khớp chuỗi băm của đơn vị %s: dữ liệu bị sửa hoặc giả mạo",
					"Event %s does not chain to site %s's previous event: altered or forged data", e.Key(), e.Site)
			}
			if sparse {
				if raw := evb.Get(evKey(e.Site, e.Seq+1)); raw != nil {
					n, err := decodeEvent(raw)
					if err != nil {
						return err
					}
					if n.Prev != eventHash(&e) {
						return importErr("Sự kiện %s không khớp chuỗi băm của đơn vị %s: dữ liệu bị sửa hoặc giả mạo",
							"Event %s does not chain to site %s's previous event: altered or forged data", n.Key(), e.Site)
					}
				}
			}
			k, err := putLog(tx, &e)
			if err != nil {
				return err
			}
			listed = append(listed, [2][]byte{entKey(e.Entity, e.Clock, e.Site, e.Seq), k})
			last[e.Site] = struct {
				seq  uint64
				hash string
			}{e.Seq, eventHash(&e)}
			s.hlc.Observe(e.Clock)
			touched[e.Entity] = true
			res.Added++
		}
		// List the new events under their entities in key order: bbolt
		// splits nodes only at commit, so puts in random order into one
		// transaction each shift a growing node (seconds for 100,000).
		sort.Slice(listed, func(i, j int) bool { return bytes.Compare(listed[i][0], listed[j][0]) < 0 })
		entb := tx.Bucket(bEntityEvents)
		for _, l := range listed {
			if err := entb.Put(l[0], l[1]); err != nil {
				return err
			}
		}
		if err := refoldMany(tx, touched); err != nil {
			return err
		}
		for id := range touched {
			if n := conflictCount(tx, id); n > 0 {
				res.Conflicts++
			}
		}
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
	})
	if err != nil {
		s.hlc = saved
		res.Added, res.Present, res.Quarantined = 0, 0, nil
		return res, err
	}
	s.dropCaches()
	return res, nil
}

func importErr(vi, en string, a ...any) error {
	return &UserError{Err: ErrImport, Msg: model.NewMsg("", fmt.Sprintf(vi, a...), fmt.Sprintf(en, a...))}
}

func conflictCount(tx *bolt.Tx, id string) int {
	var v struct {
		Conflicts []model.Conflict `json:"conflicts"`
	}
	// Conflicts are omitted when empty, and a key cannot hide in a
	// string (its quotes would be escaped): most projections need no
	// decoding at all.
	if sb := tx.Bucket(bState).Bucket([]byte(model.EntityKind(id))); sb == nil || !hasConflicts(sb.Get([]byte(id))) {
		return 0
	}
	if getState(tx, id, &v) != nil {
		return 0
	}
	return len(v.Conflicts)
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

// hasConflicts reports whether a stored projection lists conflicts:
// they are omitted when empty, and a key cannot hide in a string (its
// quotes would be escaped), so most projections need no decoding.
func hasConflicts(b []byte) bool {
	return bytes.Contains(b, []byte{keyMark, packIndex["conflicts"]}) || bytes.Contains(b, []byte(`"conflicts":`))
}
