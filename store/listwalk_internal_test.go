package store

import (
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"donthu/model"
	bolt "go.etcd.io/bbolt"
)

// An import takes a record it has every event of as new only if its
// list holds nothing else: the walk over the lists, records in id
// order, counts each one's keys the way a seek would, near or far.
func TestListWalkTakesOnlyNewRecords(t *testing.T) {
	s := openSite(t, filepath.Join(t.TempDir(), "s.db"))
	var ids []string
	for i := range 40 {
		note := ""
		if i%4 == 0 {
			note = "Đã gọi lại"
		}
		v, _ := answered(t, s, "Hỏi về tiền lương tháng "+strconv.Itoa(i), note)
		ids = append(ids, v.ID)
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		all := map[string][]model.Event{}
		for _, id := range ids {
			evs, err := entityEvents(tx, id)
			if err != nil {
				t.Fatal(err)
			}
			all[id] = evs
		}
		// Records in id order; every third skipped, so the walk also
		// jumps: each with all its events (new, if the import had
		// brought them all), then each with only its maker.
		sorted := append([]string(nil), ids...)
		sort.Strings(sorted)
		for _, whole := range []bool{true, false} {
			w := listWalk{c: tx.Bucket(bEntityEvents).Cursor()}
			for i, id := range sorted {
				if i%3 == 2 {
					continue
				}
				evs := all[id]
				if !whole {
					evs = evs[:1]
				}
				want := listedFrom(tx, id, prefix(id), len(evs))
				if got := w.only(tx, id, evs); got != want {
					t.Fatalf("%s with %d of its %d events: the walk says %v, the seek %v", id, len(evs), len(all[id]), got, want)
				}
				if !whole && len(all[id]) > 1 && want {
					t.Fatalf("%s has a note, yet its maker alone was taken as all it lists", id)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// seekRead finds what a search from the root finds, for keys near and
// far after the one before, before it, missing, and past the last.
func TestSeekReadFindsWhatGetFinds(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "k.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key := func(n int) []byte { return evKey("GL07", uint64(n)) }
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(bEvents)
		if err != nil {
			return err
		}
		for n := 0; n < 3000; n += 1 + n%7 { // gaps of one to seven
			if err := b.Put(key(n), []byte(strconv.Itoa(n))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bEvents)
		get := seekRead(b)
		r := rand.New(rand.NewPCG(1, 2))
		n, found := 0, 0
		for range 20000 {
			switch r.IntN(10) {
			case 0:
				n = r.IntN(3100) // anywhere, past the last too
			case 1:
				n -= r.IntN(20) // back
			default:
				n += r.IntN(2 * seekSteps) // near, within the steps or just beyond
			}
			n = max(n, 0)
			want := b.Get(key(n))
			if got := get(key(n)); string(got) != string(want) {
				t.Fatalf("key %d: seekRead gave %q, Get %q", n, got, want)
			}
			if want != nil {
				found++
			}
		}
		if found < 5000 {
			t.Fatalf("only %d keys found: the test asks too few that are there", found)
		}
		return nil
	})
}
