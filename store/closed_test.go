package store_test

import (
	"path/filepath"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"

	bolt "go.etcd.io/bbolt"
)

// The first page of the closed list, read from its index, is exactly the
// head of the whole list in the order the screen shows it, and check and
// rebuild agree on the index.
func TestClosedNewestIsTheHeadOfTheList(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "d.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := demo.Fill(s, demo.Options{People: 120, Years: 2, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	all, err := s.Cases(store.CaseFilter{Closed: true}, model.DateOf(s.Now()))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 30 {
		t.Fatalf("only %d closed cases: the test would prove little", len(all))
	}
	for _, n := range []int{1, 25, len(all), len(all) + 10} {
		page, ok, err := s.ClosedNewest(n)
		if err != nil || !ok {
			t.Fatalf("ClosedNewest(%d): %v %v", n, ok, err)
		}
		if len(page) != min(n, len(all)) {
			t.Fatalf("ClosedNewest(%d) gave %d of %d", n, len(page), len(all))
		}
		for i := range page {
			if page[i].ID != all[i].ID {
				t.Fatalf("ClosedNewest(%d)[%d] = %s %v, the list has %s %v", n, i, page[i].No, page[i].Closed, all[i].No, all[i].Closed)
			}
		}
	}
	if probs := s.Check(); len(probs) != 0 {
		t.Fatal(probs)
	}
	// A damaged case among the newest is said, and the next one read
	// in its place: the page stays full.
	path := s.Path()
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("state")).Bucket([]byte(model.EntCase)).Put([]byte(all[1].ID), []byte("\x00\x13{damaged"))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if s, err = store.Open(path, store.Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	page, _, err := s.ClosedNewest(25)
	if m := model.MsgOf(err); m == nil || m.Kind != model.KindDamaged {
		t.Fatalf("a damaged case on the first page: %v", err)
	}
	want := append([]store.CaseRow{all[0]}, all[2:26]...)
	if len(page) != len(want) {
		t.Fatalf("%d cases on the page, want %d", len(page), len(want))
	}
	for i := range page {
		if page[i].ID != want[i].ID {
			t.Fatalf("[%d] = %s, want %s", i, page[i].ID, want[i].ID)
		}
	}
}
