package store_test

import (
	"errors"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// importSome imports evs into s, failing with fail after failAt events
// (-1: never).
func importSome(s *store.Store, evs []model.Event, failAt int, fail error) (store.ImportResult, error) {
	next, i := store.EventsOf(evs), 0
	return s.Import(func() (model.Event, bool, error) {
		if i == failAt {
			return model.Event{}, false, fail
		}
		i++
		return next()
	}, nil)
}

// A large import commits in batches and ends as one transaction would;
// one that fails part-way, or dies part-way, leaves the file as it was.
func TestImportInBatches(t *testing.T) {
	src, clk := storetest.New(t, "GL07")
	office(t, src, clk)
	evs := storetest.AllEvents(t, src)
	if len(evs) < 40 {
		t.Fatalf("only %d events", len(evs))
	}
	fresh := func() *store.Store {
		s, _ := storetest.New(t, "HN01")
		return s
	}

	// All in one transaction, then in batches of 7: the same file.
	one := fresh()
	storetest.Import(t, one, evs)
	restore := store.SetImportBatch(7, -1)
	batched := fresh()
	res := storetest.Import(t, batched, evs)
	if res.Added != len(evs) {
		t.Fatalf("added %d of %d", res.Added, len(evs))
	}
	if storetest.State(t, batched) != storetest.State(t, one) || storetest.Events(t, batched) != storetest.Events(t, one) {
		t.Fatal("a batched import differs from one transaction")
	}
	checkClean(t, batched)
	// Records folded a few at a time, each chunk while the next is read.
	restoreChunk := store.SetRebuildBatch(3)
	chunked := fresh()
	storetest.Import(t, chunked, evs)
	restoreChunk()
	if storetest.State(t, chunked) != storetest.State(t, one) {
		t.Fatal("an import folding in chunks differs from one transaction")
	}

	// A failure in the fourth batch takes back the first three.
	failed := fresh()
	before, beforeEvs := storetest.State(t, failed), storetest.Events(t, failed)
	boom := errors.New("the bundle's checksum does not match")
	if _, err := importSome(failed, evs, 25, boom); !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if storetest.State(t, failed) != before || storetest.Events(t, failed) != beforeEvs {
		t.Fatal("a failed import left something behind")
	}
	checkClean(t, failed)
	restore()

	// The process dies after the second batch: the next open takes it back.
	died := fresh()
	before, beforeEvs = storetest.State(t, died), storetest.Events(t, died)
	restore = store.SetImportBatch(7, 1)
	if _, err := importSome(died, evs, -1, nil); err == nil {
		t.Fatal("the stand-in for a crash did not stop the import")
	}
	restore()
	if storetest.Events(t, died) == beforeEvs {
		t.Fatal("nothing was committed before the crash: the test proves nothing")
	}
	path := died.Path()
	died.Close()
	s, err := store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if storetest.State(t, s) != before || storetest.Events(t, s) != beforeEvs {
		t.Fatal("the interrupted import was not taken back at open")
	}
	checkClean(t, s)
	// And it can be imported again, whole.
	storetest.Import(t, s, evs)
	if storetest.State(t, s) != storetest.State(t, one) {
		t.Fatal("re-import differs")
	}
}
