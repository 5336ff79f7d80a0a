package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// The index changes an import holds until its batches are in end as the
// same changes made one by one would: the later of two changes of a key
// stands, keys with zero bytes (every key joins its parts with one) keep
// their place, an index that held keys keeps those not changed, and
// nothing of the sort is left beside the file, however many runs it
// spilled and however many commits the apply took.
func TestIndexChangesHeldForTheEndOfAnImport(t *testing.T) {
	dir := t.TempDir()
	db, err := bolt.Open(filepath.Join(dir, "x.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]map[string]bool{} // index -> its keys, made one by one
	if err := db.Update(func(tx *bolt.Tx) error {
		ib, err := tx.CreateBucketIfNotExists(bIdx)
		if err != nil {
			return err
		}
		held, err := ib.CreateBucket([]byte("person_case"))
		if err != nil {
			return err
		}
		want["person_case"] = map[string]bool{}
		for i := range 50 {
			k := fmt.Sprintf("held\x00%03d", i)
			want["person_case"][k] = true
			if err := held.Put([]byte(k), nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	defer func(b, c int) { rebuildBatch, rewriteChunk = b, c }(rebuildBatch, rewriteChunk)
	rebuildBatch, rewriteChunk = 37, 200 // many runs, many commits (a few dozen keys each)
	later := newIdxLater(filepath.Join(dir, "x.db"+importSuffix+runsSuffix+"*"))
	r := rand.New(rand.NewPCG(1, 2))
	indexes := []string{"person_case", "person", "person_visit", "case_status"}
	keys := []string{"", "\x00", "\x00\x00", "a", "a\x00", "a\x00b", "a\x01", "ab", "held\x00007", "held\x00049", "\x01\x00"}
	for i := range 2000 {
		index := indexes[r.IntN(len(indexes))]
		key := keys[r.IntN(len(keys))] + fmt.Sprint(r.IntN(30))
		if i%7 == 0 {
			key = keys[1+r.IntN(len(keys)-1)] // a few keys changed many times (bbolt takes no empty key)
		}
		put := r.IntN(3) > 0
		if err := later.set(idxEntry{index, []byte(key)}, put); err != nil {
			t.Fatal(err)
		}
		if want[index] == nil {
			want[index] = map[string]bool{}
		}
		if put {
			want[index][key] = true
		} else {
			delete(want[index], key)
		}
	}
	if len(later.keys.runs) < 10 {
		t.Fatalf("%d runs: the test proves nothing of the merge", len(later.keys.runs))
	}
	if err := later.apply(db); err != nil {
		t.Fatal(err)
	}
	if err := db.View(func(tx *bolt.Tx) error {
		for index, keys := range want {
			var got, w []string
			if b := tx.Bucket(bIdx).Bucket([]byte(index)); b != nil {
				b.ForEach(func(k, _ []byte) error { got = append(got, string(k)); return nil })
			}
			for k := range keys {
				w = append(w, k)
			}
			slices.Sort(w)
			if !slices.Equal(got, w) {
				t.Errorf("index %s holds %q, want %q", index, got, w)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"+runsSuffix+"*"))
	if len(left) > 0 {
		t.Fatalf("the sort left %v", left)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.db")); err != nil {
		t.Fatal(err)
	}
}
