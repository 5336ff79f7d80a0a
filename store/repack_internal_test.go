package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// fillOf is how full b's leaves are, their last page left out (it may
// be part-filled in any case), and how many pages they take.
func fillOf(b *bolt.Bucket) (float64, int) {
	s := b.Stats()
	ps := b.Tx().DB().Info().PageSize
	if s.LeafAlloc <= ps {
		return 1, s.LeafAlloc / ps
	}
	return float64(s.LeafInuse) / float64(s.LeafAlloc-ps), s.LeafAlloc / ps
}

// repack writes a bucket again in key order, a chunk a transaction:
// every key and value and the bucket's sequence as they were, pages
// filled whole, nothing left of its work, and the buckets beside it as
// they were, whether it sits at the top or inside another.
func TestRepackKeepsEveryEntry(t *testing.T) {
	defer func(c int) { rewriteChunk = c }(rewriteChunk)
	rewriteChunk = 3000 // dozens of commits
	db, err := bolt.Open(filepath.Join(t.TempDir(), "x.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	paths := [][][]byte{{[]byte("lists")}, {[]byte("state"), []byte("visit")}, {[]byte("state"), []byte("case")}}
	bucket := func(tx *bolt.Tx, p [][]byte) *bolt.Bucket {
		b := tx.Bucket(p[0])
		for _, n := range p[1:] {
			b = b.Bucket(n)
		}
		return b
	}
	r := rand.New(rand.NewPCG(3, 4))
	// Keys in random order, a few at a time, pages split in half: the
	// buckets stand part-filled, as a large import's batches leave them.
	for range 40 {
		if err := db.Update(func(tx *bolt.Tx) error {
			for _, p := range paths {
				b, err := tx.CreateBucketIfNotExists(p[0])
				for _, n := range p[1:] {
					if err != nil {
						return err
					}
					b, err = b.CreateBucketIfNotExists(n)
				}
				if err != nil {
					return err
				}
				b.FillPercent = 0.5
				for range 50 {
					k := fmt.Sprintf("%s:GL07.%d", p[len(p)-1], r.IntN(100000))
					if err := b.Put([]byte(k), bytes.Repeat([]byte{byte(r.IntN(256))}, r.IntN(300))); err != nil {
						return err
					}
				}
				if _, err := b.NextSequence(); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	snapshot := func() map[string]string {
		out := map[string]string{}
		db.View(func(tx *bolt.Tx) error {
			for _, p := range paths {
				b := bucket(tx, p)
				name := string(bytes.Join(p, []byte("/")))
				out[name+"#seq"] = fmt.Sprint(b.Sequence())
				b.ForEach(func(k, v []byte) error {
					out[name+"/"+string(k)] = string(v)
					return nil
				})
			}
			return nil
		})
		return out
	}
	before := snapshot()
	db.View(func(tx *bolt.Tx) error {
		for _, p := range paths[:2] {
			if f, pages := fillOf(bucket(tx, p)); f > 0.8 || pages < 20 {
				t.Fatalf("%s is %.0f%% full in %d pages before: the test proves nothing", p, f*100, pages)
			}
		}
		return nil
	})
	for _, p := range paths[:2] { // the case bucket is left as it is
		if err := repack(db, p); err != nil {
			t.Fatal(err)
		}
	}
	after := snapshot()
	if len(after) != len(before) {
		t.Fatalf("%d entries after, %d before", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Fatalf("%q changed", k)
		}
	}
	db.View(func(tx *bolt.Tx) error {
		for _, p := range paths[:2] {
			if f, _ := fillOf(bucket(tx, p)); f < repackBelow {
				t.Errorf("%s is %.0f%% full after", p, f*100)
			}
		}
		if f, _ := fillOf(bucket(tx, paths[2])); f > 0.8 {
			t.Errorf("the bucket not repacked was repacked (%.0f%% full)", f*100)
		}
		if tx.Bucket(bRepack) != nil {
			t.Error("the repack left its bucket")
		}
		return nil
	})
	if err := db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// A large import, applied to a copy of the file a batch at a time, ends
// as a rewrite would leave the file: it makes the file's dictionary from
// its first events, so every event it writes is compressed and the next
// open has nothing to rewrite (packFile), and it writes again, in key
// order and whole, the projections and entity lists its batches left
// part-filled. The file holds what one transaction would have made of
// the same events, and checks clean.
func TestLargeImportEndsPacked(t *testing.T) {
	defer func(n uint64, b int) { dictMinEvents, importBatch = n, b }(dictMinEvents, importBatch)
	dictMinEvents = 200
	dir := t.TempDir()
	all := visitsLog(t, dir, 500)
	parent := func(name string) *Store {
		s := openSiteCode(t, filepath.Join(dir, name), "HN01")
		t.Cleanup(func() { s.Close() })
		return s
	}
	one := parent("one.db") // the whole bundle in one transaction
	if _, err := one.Import(EventsOf(all), nil); err != nil {
		t.Fatal(err)
	}
	// Begun in the file, moved to a copy after its first batch, which it
	// gives again (the dictionary is made from those and more).
	importBatch = 90
	large := parent("large.db")
	before := repacked.Load()
	if _, err := large.Import(EventsOf(all), nil); err != nil {
		t.Fatal(err)
	}
	if repacked.Load() == before {
		t.Fatal("nothing was written again")
	}
	mustClean(t, large)
	if a, b := dumped(t, large.DumpState), dumped(t, one.DumpState); a != b {
		t.Fatal("the large import's projections differ from one transaction's")
	}
	imported := func(s *Store) string { // the parent's own events differ by their time
		var out []string
		for _, l := range strings.Split(dumped(t, s.DumpEvents), "\n") {
			if strings.HasPrefix(l, `{"site":"GL07"`) {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	if a, b := imported(large), imported(one); a != b || strings.Count(a, "\n")+1 != len(all) {
		t.Fatal("the large import's log differs from one transaction's")
	}
	large.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bMeta).Get(metaPackTodo) != nil {
			t.Error("the file is left to be rewritten at its next open")
		}
		d := currentDict(tx)
		if d == nil {
			t.Fatal("the import made no dictionary")
		}
		clearIn(t, tx, d)
		packed := 0
		check := func(name string, b *bolt.Bucket) {
			if f, pages := fillOf(b); pages > 2 {
				packed++
				if f < repackBelow {
					t.Errorf("%s stands %.0f%% full in %d pages", name, f*100, pages)
				}
			}
		}
		check("entity_events", tx.Bucket(bEntityEvents))
		tx.Bucket(bState).ForEach(func(kind, _ []byte) error {
			check("state/"+string(kind), tx.Bucket(bState).Bucket(kind))
			return nil
		})
		if packed < 2 {
			t.Fatalf("%d buckets of more than two pages: the test proves nothing", packed)
		}
		if tx.Bucket(bRepack) != nil {
			t.Error("the repack left its bucket")
		}
		return nil
	})
	if large.wantsDict() {
		t.Error("the next open would make a dictionary")
	}
}

// clearIn fails t if tx's log holds an event in the clear that d would
// compress.
func clearIn(t *testing.T, tx *bolt.Tx, d *zdict) {
	t.Helper()
	tx.Bucket(bEvents).ForEach(func(k, v []byte) error {
		if !bytes.Equal(compressEvent(v, d), v) {
			t.Fatalf("%q is stored in the clear", k)
		}
		return nil
	})
}

// A large import into a file that has no dictionary yet compresses, under
// the one it makes, the events the file held too, as the rewrite at the
// next open did.
func TestLargeImportCompressesWhatTheFileHeld(t *testing.T) {
	defer func(n uint64, b int) { dictMinEvents, importBatch = n, b }(dictMinEvents, importBatch)
	dictMinEvents = 200
	dir := t.TempDir()
	all := visitsLog(t, dir, 300)
	s := openSiteCode(t, filepath.Join(dir, "parent.db"), "HN01")
	defer s.Close()
	recordVisits(t, s, 40)
	if s.wantsDict() || s.LogMark() > uint64(len(all)) {
		t.Fatal("the parent makes its dictionary itself, or holds more than it takes: the test proves nothing")
	}
	importBatch = 90
	if _, err := s.Import(EventsOf(all), nil); err != nil {
		t.Fatal(err)
	}
	s.db.View(func(tx *bolt.Tx) error {
		d := currentDict(tx)
		if d == nil {
			t.Fatal("the import made no dictionary")
		}
		clearIn(t, tx, d)
		return nil
	})
	mustClean(t, s)
}

// A large import into a file that already holds more events than it
// brings fills the pages as the desk does, and writes nothing again: the
// cost of its end stays in proportion to what it brings, not to the
// file.
func TestLargeImportIntoALargerFileRepacksNothing(t *testing.T) {
	defer func(b int) { importBatch = b }(importBatch)
	dir := t.TempDir()
	all := visitsLog(t, dir, 60)
	s := openSiteCode(t, filepath.Join(dir, "parent.db"), "HN01")
	defer s.Close()
	recordVisits(t, s, 200)
	if held := s.LogMark(); held <= uint64(len(all)) {
		t.Fatalf("the file holds %d events, the import brings %d: the test proves nothing", held, len(all))
	}
	importBatch = 40
	before := repacked.Load()
	if _, err := s.Import(EventsOf(all), nil); err != nil {
		t.Fatal(err)
	}
	if n := repacked.Load() - before; n != 0 {
		t.Fatalf("%d buckets written again", n)
	}
	mustClean(t, s)
	if s.Heads()["GL07"] != uint64(len(all)) {
		t.Fatalf("heads %v after importing %d events", s.Heads(), len(all))
	}
}
