package store_test

import (
	"path/filepath"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
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
}
