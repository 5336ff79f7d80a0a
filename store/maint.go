package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// rebuildBatch is how many events (listing them under their entities)
// or records (folding them) one transaction of Rebuild handles: a few MB
// of dirty pages, so memory does not grow with the file.
var rebuildBatch = 50_000

// metaRebuilding is set while a rebuild is under way: a rebuild runs in
// many transactions, so a crash part-way leaves projections missing, and
// the next Open that can write runs it again before anything else.
var metaRebuilding = []byte("rebuilding")

// Rebuild drops every projection and index (and the entity lists) and
// recomputes them from the event log alone. It works in bounded batches:
// first the entity lists, in log order; then the records, each folded
// from its events in id order, their indexes put in key order per batch.
// The log is never touched; if the rebuild stops half-way, the next
// Open finishes it.
func (s *Store) Rebuild() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.dropCaches()
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bMeta).Put(metaRebuilding, []byte("1")); err != nil {
			return err
		}
		for _, b := range [][]byte{bState, bIdx, bEntityEvents} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return diskErr(err)
	}
	// The entity lists, a batch of the log at a time, each sorted.
	var from []byte
	for done := false; !done; {
		err := s.db.Update(func(tx *bolt.Tx) error {
			var lists [][2][]byte
			c := tx.Bucket(bEvents).Cursor()
			k, v := c.First()
			if from != nil {
				k, v = c.Seek(from)
			}
			for ; k != nil && len(lists) < rebuildBatch; k, v = c.Next() {
				e, err := decodeEvent(v)
				if err != nil {
					return fmt.Errorf("%w: event %q: %v", ErrCorrupt, k, err)
				}
				s.hlc.Observe(e.Clock)
				lists = append(lists, [2][]byte{entKey(e.Entity, e.Clock, e.Site, e.Seq), append([]byte(nil), k...)})
			}
			done = k == nil
			if !done {
				from = append(from[:0], k...)
			}
			sort.Slice(lists, func(i, j int) bool { return bytes.Compare(lists[i][0], lists[j][0]) < 0 })
			eb := tx.Bucket(bEntityEvents)
			eb.FillPercent = 0.9
			for _, kv := range lists {
				if err := eb.Put(kv[0], kv[1]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return diskErr(err)
		}
	}
	// The records, in id order (the order of the lists), a batch at a time.
	from = nil
	for done := false; !done; {
		err := s.db.Update(func(tx *bolt.Tx) error {
			batch := idxBatch{}
			c := tx.Bucket(bEntityEvents).Cursor()
			k, _ := c.First()
			if from != nil {
				k, _ = c.Seek(from)
			}
			n := 0
			for ; k != nil && n < rebuildBatch; n++ {
				i := bytes.IndexByte(k, 0)
				if i < 0 {
					return fmt.Errorf("%w: entity list key %q", ErrCorrupt, k)
				}
				id := string(k[:i])
				// Past this record's events: its prefix with 0xff.
				next := append(append([]byte(nil), k[:i+1]...), 0xff)
				if _, err := refoldInto(tx, id, batch); err != nil {
					return err
				}
				k, _ = c.Seek(next)
				from = next
			}
			done = k == nil
			return batch.apply(tx)
		})
		if err != nil {
			return diskErr(err)
		}
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bMeta).Put([]byte("clock"), []byte(strconv.FormatInt(s.hlc.Last(), 10))); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Delete(metaRebuilding)
	})
	if err != nil {
		return diskErr(err)
	}
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

// Problem is one thing Check found wrong, in both languages.
type Problem = model.Label

// Check verifies the file: bbolt's own consistency, no gap in any site's
// seq, every chain link, and every projection and index equal to a fresh
// fold of the log. It returns nothing when all is well. It streams: one
// pass over the log, one over the records (each folded from its events
// and compared), one over the indexes counting entries; memory does not
// grow with the file (only a damaged index makes it look for the stray
// entries one by one).
func (s *Store) Check() []Problem {
	var out []Problem
	add := func(vi, en string, a ...any) {
		out = append(out, Problem{VI: fmt.Sprintf(vi, a...), EN: fmt.Sprintf(en, a...)})
	}
	s.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			add("Lỗi cấu trúc tệp: %v", "File structure error: %v", err)
		}
		var site string
		var want uint64
		var prevHash string
		lists := tx.Bucket(bEntityEvents)
		tx.Bucket(bEvents).ForEach(func(k, v []byte) error {
			e, err := decodeEvent(v)
			if err != nil {
				add("Sự kiện %q không đọc được: %v", "Event %q is unreadable: %v", k, err)
				return nil
			}
			if e.Site != site {
				site, want, prevHash = e.Site, 1, ""
			}
			switch {
			case e.Seq != want && e.Site != s.site && e.To == s.site:
				// A child holds only the parent's events addressed to it:
				// gaps there are by design; links are checked where both
				// neighbours are held.
			case e.Seq != want:
				add("Đơn vị %s: thiếu sự kiện số %d (gặp số %d)", "Site %s: event %d is missing (found %d)", site, want, e.Seq)
			case e.Prev != prevHash:
				add("Đơn vị %s: chuỗi băm đứt ở sự kiện %d", "Site %s: hash chain broken at event %d", site, e.Seq)
			}
			want, prevHash = e.Seq+1, eventHash(&e)
			if lists.Get(entKey(e.Entity, e.Clock, e.Site, e.Seq)) == nil {
				add("Danh mục sự kiện của %s thiếu %s", "The event list of %s lacks %s", e.Entity, e.Key())
			}
			return nil
		})
		// Each record, folded from its events, against its projection
		// and its index entries.
		wantIdx := map[string]int{}
		missing := 0
		c := lists.Cursor()
		for k, _ := c.First(); k != nil; {
			i := bytes.IndexByte(k, 0)
			if i < 0 {
				add("Danh mục sự kiện có khóa hỏng %q", "The event lists hold a damaged key %q", k)
				k, _ = c.Next()
				continue
			}
			id := string(k[:i])
			k, _ = c.Seek(append(append([]byte(nil), k[:i+1]...), 0xff))
			if model.Stateless(id) {
				continue // the audit folds into no state
			}
			evs, err := entityEvents(tx, id)
			if err != nil {
				add("Không đọc được sự kiện của %s: %v", "Cannot read the events of %s: %v", id, err)
				continue
			}
			v, err := model.FoldEntity(id, evs)
			if err != nil {
				add("Không dựng lại được %s: %v", "Cannot fold %s: %v", id, err)
				continue
			}
			fresh, _ := json.Marshal(v)
			var stored []byte
			if sb := tx.Bucket(bState).Bucket([]byte(model.EntityKind(id))); sb != nil {
				stored, _ = stateJSON(sb.Get([]byte(id)))
			}
			if !bytes.Equal(fresh, stored) {
				add("Dữ liệu hiện hành của %s khác với nhật ký; hãy chạy: donthu rebuild", "The state of %s differs from the log; run: donthu rebuild", id)
			}
			for _, e := range indexEntries(id, v) {
				wantIdx[e.index]++
				if ib := tx.Bucket(bIdx).Bucket([]byte(e.index)); ib == nil || ib.Get(e.key) == nil {
					missing++
				}
			}
		}
		if missing > 0 {
			add("Chỉ mục thiếu %d mục; hãy chạy: donthu rebuild", "Indexes lack %d entries; run: donthu rebuild", missing)
		}
		// A projection with no event behind it is as wrong as one that
		// differs: the queue would show a case the log never had.
		tx.Bucket(bState).ForEach(func(kind, _ []byte) error {
			return tx.Bucket(bState).Bucket(kind).ForEach(func(id, _ []byte) error {
				p := prefix(string(id))
				if k, _ := lists.Cursor().Seek(p); k == nil || !bytes.HasPrefix(k, p) {
					add("Dữ liệu hiện hành có %s nhưng nhật ký không có; hãy chạy: donthu rebuild", "The state holds %s, which the log does not; run: donthu rebuild", id)
				}
				return nil
			})
		})
		// Each index holds as many entries as the records want; if not,
		// find the strays (entries no record wants).
		tx.Bucket(bIdx).ForEach(func(name, _ []byte) error {
			ib := tx.Bucket(bIdx).Bucket(name)
			if ib.Stats().KeyN <= wantIdx[string(name)]-missing {
				return nil
			}
			wanted := map[string]map[string]bool{} // id -> its keys in this index
			return ib.ForEach(func(k, _ []byte) error {
				id := lastPart(k)
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
				if !keys[string(k)] {
					add("Chỉ mục %s có mục thừa %q; hãy chạy: donthu rebuild", "Index %s has a stray entry %q; run: donthu rebuild", name, k)
				}
				return nil
			})
		})
		return nil
	})
	return out
}

// DumpEvents writes every event as JSON Lines, by site then seq: a stable
// order, so two replicas can be compared with diff.
func (s *Store) DumpEvents(w io.Writer) error {
	bw := bufio.NewWriter(w)
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bEvents).ForEach(func(k, v []byte) error {
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
				js, err := stateJSON(v)
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

// Backup writes a consistent copy of the file while it is in use.
func (s *Store) Backup(path string) error {
	tmp := path + ".part"
	err := s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(tmp, 0o600) })
	if err != nil {
		os.Remove(tmp)
		return userErr(err, "Không sao lưu được vào "+path+": "+err.Error(), "Cannot back up to "+path+": "+err.Error())
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return userErr(err, "Không sao lưu được vào "+path+": "+err.Error(), "Cannot back up to "+path+": "+err.Error())
	}
	return nil
}

// BackupDir is the folder of automatic backups beside the data file.
func (s *Store) BackupDir() string { return filepath.Join(filepath.Dir(s.path), "backups") }

// RotateBackup writes an automatic backup into BackupDir and keeps the
// newest keep of them.
func (s *Store) RotateBackup(keep int) (string, error) {
	dir := s.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	name := filepath.Join(dir, base+"-"+s.now().In(model.VN).Format("20060102-150405")+".db")
	if err := s.Backup(name); err != nil {
		return "", err
	}
	matches, _ := filepath.Glob(filepath.Join(dir, base+"-*.db"))
	sort.Strings(matches)
	for len(matches) > keep {
		os.Remove(matches[0])
		matches = matches[1:]
	}
	return name, nil
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
