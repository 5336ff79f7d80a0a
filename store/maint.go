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
	"strings"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// Rebuild drops every projection and index (and the entity lists) and
// recomputes them from the event log alone, in one transaction.
func (s *Store) Rebuild() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bState, bIdx, bEntityEvents} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		ents := map[string]bool{}
		var lists [][2][]byte
		err := tx.Bucket(bEvents).ForEach(func(k, v []byte) error {
			var e model.Event
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("%w: event %q: %v", ErrCorrupt, k, err)
			}
			ents[e.Entity] = true
			s.hlc.Observe(e.Clock)
			lists = append(lists, [2][]byte{entKey(e.Entity, e.Clock, e.Site, e.Seq), append([]byte(nil), k...)})
			return nil
		})
		if err != nil {
			return err
		}
		// Put the entity lists in key order: random-order puts into one
		// transaction split pages over and over.
		sort.Slice(lists, func(i, j int) bool { return bytes.Compare(lists[i][0], lists[j][0]) < 0 })
		eb := tx.Bucket(bEntityEvents)
		eb.FillPercent = 0.9
		for _, kv := range lists {
			if err := eb.Put(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return refoldMany(tx, ents)
	})
	s.dropCaches()
	return err
}

// Problem is one thing Check found wrong, in both languages.
type Problem = model.Label

// Check verifies the file: bbolt's own consistency, no gap in any site's
// seq, every chain link, and every projection and index equal to a fresh
// fold of the log. It returns nothing when all is well.
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
		ents := map[string][]model.Event{}
		tx.Bucket(bEvents).ForEach(func(k, v []byte) error {
			var e model.Event
			if err := json.Unmarshal(v, &e); err != nil {
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
			want, prevHash = e.Seq+1, e.Hash()
			ents[e.Entity] = append(ents[e.Entity], e)
			return nil
		})
		indexWant := map[string]bool{}
		for id, evs := range ents {
			if model.Stateless(id) {
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
				stored = sb.Get([]byte(id))
			}
			if !bytes.Equal(fresh, stored) {
				add("Dữ liệu hiện hành của %s khác với nhật ký; hãy chạy: donthu rebuild", "The state of %s differs from the log; run: donthu rebuild", id)
			}
			for _, e := range indexEntries(id, v) {
				indexWant[e.index+"\x01"+string(e.key)] = true
			}
			for _, e := range evs {
				if tx.Bucket(bEntityEvents).Get(entKey(id, e.Clock, e.Site, e.Seq)) == nil {
					add("Danh mục sự kiện của %s thiếu %s", "The event list of %s lacks %s", id, e.Key())
				}
			}
		}
		// A projection with no event behind it is as wrong as one that
		// differs: the queue would show a case the log never had.
		tx.Bucket(bState).ForEach(func(kind, _ []byte) error {
			return tx.Bucket(bState).Bucket(kind).ForEach(func(id, _ []byte) error {
				if _, ok := ents[string(id)]; !ok {
					add("Dữ liệu hiện hành có %s nhưng nhật ký không có; hãy chạy: donthu rebuild", "The state holds %s, which the log does not; run: donthu rebuild", id)
				}
				return nil
			})
		})
		have := 0
		tx.Bucket(bIdx).ForEach(func(name, _ []byte) error {
			return tx.Bucket(bIdx).Bucket(name).ForEach(func(k, _ []byte) error {
				have++
				if !indexWant[string(name)+"\x01"+string(k)] {
					add("Chỉ mục %s có mục thừa %q; hãy chạy: donthu rebuild", "Index %s has a stray entry %q; run: donthu rebuild", name, k)
				}
				return nil
			})
		})
		if have < len(indexWant) {
			add("Chỉ mục thiếu %d mục; hãy chạy: donthu rebuild", "Indexes lack %d entries; run: donthu rebuild", len(indexWant)-have)
		}
		return nil
	})
	return out
}

// DumpEvents writes every event as JSON Lines, by site then seq: a stable
// order, so two replicas can be compared with diff.
func (s *Store) DumpEvents(w io.Writer) error {
	bw := bufio.NewWriter(w)
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bEvents).ForEach(func(_, v []byte) error {
			bw.Write(v)
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
				fmt.Fprintf(bw, "{\"id\":%q,\"state\":%s}\n", k, v)
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
