package store

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// tree is what a test writes: a bucket's values and nested buckets.
type tree struct {
	seq     uint64
	values  map[string][]byte
	buckets map[string]*tree
}

func randomTree(r *rand.Rand, depth int) *tree {
	t := &tree{seq: r.Uint64N(1000), values: map[string][]byte{}, buckets: map[string]*tree{}}
	n := r.IntN(3)
	switch r.IntN(4) {
	case 0:
		n = 0 // empty
	case 1:
		n = 2000 + r.IntN(5000) // several levels of branches
	case 2:
		n = 50 + r.IntN(500)
	}
	for i := 0; i < n; i++ {
		k := fmt.Sprintf("k%0*d", r.IntN(6)+1, r.IntN(1_000_000))
		var v []byte
		switch r.IntN(20) {
		case 0:
			v = bytes.Repeat([]byte{byte(i)}, 4096+r.IntN(20000)) // overflow pages
		case 1:
			v = nil
		default:
			v = bytes.Repeat([]byte{byte(i)}, r.IntN(300))
		}
		t.values[k] = v
	}
	if depth > 0 {
		for i := r.IntN(4); i > 0; i-- {
			name := fmt.Sprintf("b%d", r.IntN(100))
			if _, taken := t.values[name]; !taken {
				t.buckets[name] = randomTree(r, depth-1)
			}
		}
	}
	return t
}

// writeTree puts t into b in key order, each nested bucket filled and
// finished before the keys after its name (as a rewrite's depth-first
// copy does) or, with late, all of them made first, in reverse order,
// and left open while b's values are put (as a rebuild's projections).
func writeTree(t *tree, b *bulkBucket, late bool) error {
	b.seq = t.seq
	names := slices.Sorted(maps.Keys(t.buckets))
	if late {
		for _, name := range slices.Backward(names) {
			nb, err := b.bucket([]byte(name))
			if err != nil {
				return err
			}
			if err := writeTree(t.buckets[name], nb, late); err != nil {
				return err
			}
		}
		names = nil
	}
	keys := slices.Sorted(maps.Keys(t.values))
	for len(keys) > 0 || len(names) > 0 {
		if len(names) > 0 && (len(keys) == 0 || names[0] < keys[0]) {
			nb, err := b.bucket([]byte(names[0]))
			if err != nil {
				return err
			}
			if err := writeTree(t.buckets[names[0]], nb, late); err != nil {
				return err
			}
			names = names[1:]
			continue
		}
		if err := b.put([]byte(keys[0]), t.values[keys[0]]); err != nil {
			return err
		}
		keys = keys[1:]
	}
	return nil
}

func readTree(b *bolt.Bucket) *tree {
	t := &tree{seq: b.Sequence(), values: map[string][]byte{}, buckets: map[string]*tree{}}
	b.ForEach(func(k, v []byte) error {
		if v == nil && b.Bucket(k) != nil {
			t.buckets[string(k)] = readTree(b.Bucket(k))
		} else {
			t.values[string(k)] = bytes.Clone(v)
		}
		return nil
	})
	return t
}

func sameTree(t *testing.T, path string, want, got *tree) {
	t.Helper()
	if want.seq != got.seq {
		t.Fatalf("%s: sequence %d, want %d", path, got.seq, want.seq)
	}
	if len(want.values) != len(got.values) || len(want.buckets) != len(got.buckets) {
		t.Fatalf("%s: %d values and %d buckets, want %d and %d", path, len(got.values), len(got.buckets), len(want.values), len(want.buckets))
	}
	for k, v := range want.values {
		if g, ok := got.values[k]; !ok || !bytes.Equal(g, v) {
			t.Fatalf("%s: %q is %d bytes (held: %v), want %d", path, k, len(g), ok, len(v))
		}
	}
	for k, w := range want.buckets {
		sameTree(t, path+"/"+k, w, got.buckets[k])
	}
}

func checkBolt(t *testing.T, db *bolt.DB) {
	t.Helper()
	db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			t.Fatalf("bbolt's check: %v", err)
		}
		return nil
	})
}

// TestBulkFileIsWhatBboltReads writes random trees of buckets (empty
// ones, some of thousands of keys, values over a page, nested buckets)
// and holds each file to bbolt's own check and reads, then to a write
// that changes much of it, and its check again.
func TestBulkFileIsWhatBboltReads(t *testing.T) {
	defer func(step int64) { writebackStep = step }(writebackStep)
	for seed := range uint64(12) {
		// One file in three hands each page to the disk as it is written.
		writebackStep = map[bool]int64{true: 1, false: 8 << 20}[seed%3 == 0]
		r := rand.New(rand.NewPCG(seed, 7))
		want := randomTree(r, 2)
		want.seq, want.values = 0, map[string][]byte{} // the root holds buckets alone
		if len(want.buckets) == 0 {
			want.buckets["only"] = randomTree(r, 1)
		}
		path := filepath.Join(t.TempDir(), "bulk.db")
		f, err := createBulk(path)
		if err != nil {
			t.Fatal(err)
		}
		err = writeTree(want, f.root, seed%2 == 1)
		if err := f.finish(err); err != nil {
			t.Fatal(err)
		}
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		checkBolt(t, db)
		var got *tree
		db.View(func(tx *bolt.Tx) error {
			got = &tree{values: map[string][]byte{}, buckets: map[string]*tree{}}
			tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				got.buckets[string(name)] = readTree(b)
				return nil
			})
			// Seeks land where bbolt's own tree would put them.
			for name, w := range want.buckets {
				c := tx.Bucket([]byte(name)).Cursor()
				for k := range w.values {
					if g, _ := c.Seek([]byte(k)); string(g) != k {
						t.Fatalf("seed %d: seek %q in %s found %q", seed, k, name, g)
					}
				}
			}
			return nil
		})
		sameTree(t, "", want, got)
		// bbolt changes the file as one of its own.
		err = db.Update(func(tx *bolt.Tx) error {
			for name, w := range want.buckets {
				b := tx.Bucket([]byte(name))
				i := 0
				for k := range w.values {
					if i%3 == 0 {
						delete(w.values, k)
						if err := b.Delete([]byte(k)); err != nil {
							return err
						}
					}
					i++
				}
				for i := range 300 {
					k := fmt.Sprintf("new%04d", i)
					w.values[k] = []byte(k)
					if err := b.Put([]byte(k), []byte(k)); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		checkBolt(t, db)
		db.View(func(tx *bolt.Tx) error {
			got = &tree{values: map[string][]byte{}, buckets: map[string]*tree{}}
			tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				got.buckets[string(name)] = readTree(b)
				return nil
			})
			return nil
		})
		sameTree(t, "", want, got)
		db.Close()
	}
}

// TestBulkFileRefusesKeysOutOfOrder: a key at or before the last, or a
// bucket named so, is an error, not a file bbolt would misread.
func TestBulkFileRefusesKeysOutOfOrder(t *testing.T) {
	f, err := createBulk(filepath.Join(t.TempDir(), "bulk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.finish(errors.New("abandoned"))
	b, err := f.root.bucket([]byte("b"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.put([]byte("k2"), nil); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"k2", "k1", ""} {
		if err := b.put([]byte(k), nil); !errors.Is(err, errBulkOrder) {
			t.Errorf("put %q after k2: %v", k, err)
		}
	}
	if _, err := b.bucket([]byte("k1")); !errors.Is(err, errBulkOrder) {
		t.Errorf("bucket k1 after k2: %v", err)
	}
	if _, err := f.root.bucket([]byte("b")); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("bucket b twice: %v", err)
	}
}
