package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// The file's clock is kept by a rebuild: a file whose saved clock lags
// its newest event (a crash between a write and the clock's) opens, once
// rebuilt, with a clock no event is ahead of.
func TestRebuildKeepsTheClock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	s := openSite(t, path)
	recordVisits(t, s, 5)
	newest := s.hlc.Last()
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bMeta).Put([]byte("clock"), []byte("1"))
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.hlc.Last(); got < newest {
		t.Fatalf("the clock after a rebuild is %d, behind the newest event's %d", got, newest)
	}
}

// A damaged page met by the rebuild's reads, the copy's or the listing
// beside it, is said as damage; the rebuild ends whole (no goroutine left
// reading, no run left beside the file) instead of crashing the program.
func TestRebuildMeetsADamagedPage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d.db")
	s := openSite(t, path)
	recordVisits(t, s, 300)
	b, page := closedWithPageOf(t, s, 151)
	b[page+8], b[page+9] = 0x01, 0x00 // the events' leaf page says it is a branch page
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer SetRebuildBatch(5)()
	tmp := path + ".rebuild"
	var hlc = s.hlc
	err = func() (err error) {
		defer Guard(&err, path)()
		_, err = rebuildInto(db, tmp, true, &hlc)
		return err
	}()
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("a rebuild over a damaged page: %v", err)
	}
	os.Remove(tmp)
	left, _ := filepath.Glob(tmp + ".sort-*")
	if len(left) > 0 {
		t.Fatalf("the rebuild left %d runs beside the file", len(left))
	}
}

// Check says a file's structure is damaged where bbolt's own check of
// the tree finds it (keys out of order in a page, which runs beside the
// passes over the log and the records) and where the walk before them
// does (a page reached twice: bbolt's reads would loop). Either way the
// way out is said, and nothing the passes found on the damaged tree.
func TestCheckSaysADamagedTree(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		harm       func(b []byte, leaf, branch int)
	}{
		{"keys out of order", "File structure error", func(b []byte, leaf, _ int) {
			// Swap the keys of a leaf page's first two events.
			k0, k1 := leafKey(b, leaf, 0), leafKey(b, leaf, 1)
			tmp := append([]byte(nil), k0...)
			copy(k0, k1)
			copy(k1, tmp)
		}},
		{"a page reached twice", "reached twice", func(b []byte, _, branch int) {
			// The branch's second child is its first again.
			e0, e1 := branch+16, branch+16+16
			copy(b[e1+8:e1+16], b[e0+8:e0+16])
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "d.db")
			s := openSite(t, path)
			recordVisits(t, s, 300)
			denounce(t, s, visitInTheClear(t, s, "Phạm Văn Tố")) // records sealed at rest, which Check counts
			if probs := s.Check(); len(probs) > 0 {
				t.Fatalf("a whole file: %v", probs)
			}
			var branch int
			s.db.View(func(tx *bolt.Tx) error {
				branch = int(tx.Bucket(bEvents).Root()) * 4096
				return nil
			})
			b, leaf := closedWithPageOf(t, s, 41)
			if b[branch+8]&0x01 == 0 || b[leaf+8]&0x02 == 0 {
				t.Fatalf("the events' root is not a branch page (flags %#x), or the page found not a leaf (%#x)", b[branch+8], b[leaf+8])
			}
			tc.harm(b, leaf, branch)
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(path, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			probs := s.Check()
			var saw, wayOut bool
			for _, p := range probs {
				saw = saw || bytes.Contains([]byte(p.EN), []byte(tc.want))
				wayOut = wayOut || bytes.Contains([]byte(p.EN), []byte("donthu salvage"))
				if !bytes.Contains([]byte(p.EN), []byte("structure")) && !bytes.Contains([]byte(p.EN), []byte("Site GL07 sent")) {
					t.Errorf("besides the structure: %s", p.EN)
				}
			}
			if !saw || !wayOut {
				t.Fatalf("Check found %v, want %q and the way out", probs, tc.want)
			}
			if n := s.CheckSealed(); n != 0 {
				t.Fatalf("a damaged tree's check says %d records were sealed: what the passes found is dropped", n)
			}
		})
	}
}

// closedWithPageOf closes s and returns its file's bytes and where in
// them the page begins that holds the nth event of its log.
func closedWithPageOf(t *testing.T, s *Store, n int) ([]byte, int) {
	t.Helper()
	var raw []byte
	s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bEvents).Cursor()
		_, v := c.First()
		for range n - 1 {
			_, v = c.Next()
		}
		raw = append([]byte(nil), v...)
		return nil
	})
	path := s.Path()
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(b, raw)
	if at < 0 {
		t.Fatal("the event is not in the file as stored")
	}
	return b, at / 4096 * 4096
}

// leafKey is the key of element i of the leaf page at offset page of
// file b, in place.
func leafKey(b []byte, page, i int) []byte {
	e := page + 16 + i*16
	pos := int(binary.LittleEndian.Uint32(b[e+4:]))
	n := int(binary.LittleEndian.Uint32(b[e+8:]))
	return b[e+pos : e+pos+n]
}

// What the pass that sorts does not read (the lists, the projections,
// the indexes) may be damaged, or out of place, without stopping a
// rebuild: the trusting pass gives way to it, which makes them again
// from the log.
func TestRebuildMakesAgainWhatItCannotTrust(t *testing.T) {
	damages := []struct {
		name   string
		damage func(t *testing.T, s *Store) (path string)
	}{
		{"the indexes' root page", func(t *testing.T, s *Store) string { return junkPage(t, s, bIdx) }},
		{"the projections' root page", func(t *testing.T, s *Store) string { return junkPage(t, s, bState) }},
		{"a projection in another kind's bucket", func(t *testing.T, s *Store) string {
			err := s.db.Update(func(tx *bolt.Tx) error {
				sb := tx.Bucket(bState)
				k, v := sb.Bucket([]byte(model.EntVisit)).Cursor().First()
				b, err := sb.CreateBucket([]byte("aaa"))
				if err != nil {
					return err
				}
				return b.Put(bytes.Clone(k), bytes.Clone(v))
			})
			if err != nil {
				t.Fatal(err)
			}
			path := s.Path()
			s.Close()
			return path
		}},
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openSite(t, filepath.Join(dir, "d.db"))
			recordVisits(t, s, 300)
			hlc := s.hlc
			want := 0
			s.db.View(func(tx *bolt.Tx) error { want = tx.Bucket(bEvents).Stats().KeyN; return nil })
			path := d.damage(t, s)
			db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			tmp := path + ".rebuild"
			sorted := rebuildsSorted.Load()
			err = func() (err error) {
				defer Guard(&err, path)()
				_, err = rebuildInto(db, tmp, false, &hlc)
				return err
			}()
			db.Close()
			if err != nil {
				t.Fatalf("rebuild: %v", err)
			}
			if rebuildsSorted.Load() == sorted {
				t.Error("the rebuild trusted it")
			}
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
			s, err = Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.SignIn("lan", "matkhau1"); err != nil {
				t.Fatal(err)
			}
			if probs := s.Check(); len(probs) > 0 {
				t.Fatalf("after the rebuild: %v", probs)
			}
			if got := s.Stats().Events; got < want {
				t.Fatalf("%d events after the rebuild, %d before", got, want)
			}
		})
	}
}

// junkPage closes s and fills with junk, in its file, the root page of
// its bucket name; it returns the file's path.
func junkPage(t *testing.T, s *Store, name []byte) string {
	t.Helper()
	var root uint64
	s.db.View(func(tx *bolt.Tx) error { root = uint64(tx.Bucket(name).Root()); return nil })
	if root == 0 {
		t.Fatalf("bucket %s is inline", name)
	}
	path := s.Path()
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := b[root*4096 : (root+1)*4096]
	for i := 16; i < len(page); i++ {
		page[i] = byte(i * 7)
	}
	binary.LittleEndian.PutUint16(page[10:], 200) // elements pointing anywhere
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
