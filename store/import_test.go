package store_test

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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
// nothing of it is seen before it is whole; one that fails part-way, or
// dies part-way, leaves the file as it was.
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
	seen := uint64(0)
	res, err := batched.Import(store.EventsOf(evs), func(*store.ImportTx) error {
		seen = batched.Heads()["GL07"] // in the last batch: the others are committed
		return nil
	})
	if err != nil || res.Added != len(evs) {
		t.Fatalf("added %d of %d: %v", res.Added, len(evs), err)
	}
	if seen != 0 {
		t.Fatalf("before the import was whole, a reader saw %d of its events", seen)
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

	// A failure in the fourth batch leaves the file as it was.
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
	if _, err := os.Stat(failed.Path() + ".import"); !os.IsNotExist(err) {
		t.Fatalf("the failed import left its copy beside the file: %v", err)
	}
	restore()

	// The process dies after the second batch: the file is as it was,
	// and the next open removes the copy the import was writing.
	died := fresh()
	before, beforeEvs = storetest.State(t, died), storetest.Events(t, died)
	restore = store.SetImportBatch(7, 1)
	if _, err := importSome(died, evs, -1, nil); err == nil {
		t.Fatal("the stand-in for a crash did not stop the import")
	}
	restore()
	if storetest.State(t, died) != before || storetest.Events(t, died) != beforeEvs {
		t.Fatal("an import killed part-way changed the file")
	}
	path := died.Path()
	if fi, err := os.Stat(path + ".import"); err != nil || fi.Size() == 0 {
		t.Fatalf("no copy was being written when the import died: the test proves nothing (%v)", err)
	}
	// A run of the sort of its index changes, as a kill leaves one.
	if err := os.WriteFile(path+".import.sort-12345", []byte("left by a killed import"), 0o600); err != nil {
		t.Fatal(err)
	}
	died.Close()
	s, err := store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if storetest.State(t, s) != before || storetest.Events(t, s) != beforeEvs {
		t.Fatal("an import killed part-way changed the file")
	}
	for _, f := range []string{path + ".import", path + ".import.sort-12345"} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Fatalf("%s, left by a killed import, stays beside the file: %v", f, err)
		}
	}
	checkClean(t, s)
	// And it can be imported again, whole.
	storetest.Import(t, s, evs)
	if storetest.State(t, s) != storetest.State(t, one) {
		t.Fatal("re-import differs")
	}
}

// A file an older build left part-way through a large import (its
// first batches committed and listed in import_undo) is taken back at
// open, as that build promised.
func TestImportLeftByAnOlderBuildIsTakenBack(t *testing.T) {
	src, clk := storetest.New(t, "GL07")
	office(t, src, clk)
	evs := storetest.AllEvents(t, src)
	s, _ := storetest.New(t, "HN01")
	half := len(evs) / 2
	storetest.Import(t, s, evs[:half])
	before, beforeEvs := storetest.State(t, s), storetest.Events(t, s)
	storetest.Import(t, s, evs[half:])
	path := s.Path()
	s.Close()
	store.LeaveImportUndoForTest(t, path, evs[half:])
	s, err := store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if storetest.State(t, s) != before || storetest.Events(t, s) != beforeEvs {
		t.Fatal("the older build's import was not taken back at open")
	}
	checkClean(t, s)
}

// A write that does not wait on the store's lock (a preference, a
// draft) made while a large import is copying the file is kept: it waits
// for the copy to be renamed over the file, and lands in it.
func TestWriteDuringALargeImportIsKept(t *testing.T) {
	src, clk := storetest.New(t, "GL07")
	office(t, src, clk)
	evs := storetest.AllEvents(t, src)
	s, _ := storetest.New(t, "HN01")
	defer store.SetImportBatch(7, -1)()
	done := make(chan error, 1)
	_, err := s.Import(store.EventsOf(evs), func(*store.ImportTx) error {
		go func() { done <- s.SetPref("lan", "queue.sort", "deadline") }()
		time.Sleep(100 * time.Millisecond) // it has reached the file by now
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := s.GetPref("lan", "queue.sort"); got != "deadline" {
		t.Fatalf("a preference saved during the import: %q", got)
	}
}

// A bundle of exactly one batch is one transaction: no copy of the file.
func TestImportOfOneBatchMakesNoCopy(t *testing.T) {
	src, clk := storetest.New(t, "GL07")
	office(t, src, clk)
	evs := storetest.AllEvents(t, src)
	for _, batch := range []int{len(evs), len(evs) - 1} {
		s, _ := storetest.New(t, "HN01")
		restore := store.SetImportBatch(batch, -1)
		copied := false
		_, err := s.Import(store.EventsOf(evs), func(*store.ImportTx) error {
			_, err := os.Stat(s.Path() + ".import")
			copied = err == nil
			return nil
		})
		restore()
		if err != nil {
			t.Fatal(err)
		}
		if want := batch < len(evs); copied != want {
			t.Fatalf("batches of %d for %d events: copied %v", batch, len(evs), copied)
		}
	}
}

// The events of an import are read and encoded ahead of its
// transaction, in a goroutine of their own: when the import is refused
// part-way, that goroutine has stopped reading before Import returns,
// even from a source that never ends (a bundle's reader is closed right
// after).
func TestImportStopsReadingAhead(t *testing.T) {
	src, clk := storetest.New(t, "GL07")
	office(t, src, clk)
	evs := storetest.AllEvents(t, src)
	forged := append([]model.Event(nil), evs...)
	forged[12].Prev = strings.Repeat("0", 64)
	s, _ := storetest.New(t, "HN01")
	var reads atomic.Int64
	next := func() (model.Event, bool, error) {
		i := int(reads.Add(1)) - 1
		return forged[min(i, len(forged)-1)], true, nil // the last event, for ever
	}
	before := runtime.NumGoroutine()
	if _, err := s.Import(next, nil); err == nil || !strings.Contains(err.Error(), "chain") {
		t.Fatalf("a forged event was not refused: %v", err)
	}
	n := reads.Load()
	time.Sleep(50 * time.Millisecond)
	if reads.Load() != n {
		t.Fatalf("the source was read after the import ended (%d, then %d)", n, reads.Load())
	}
	if n <= 12 {
		t.Fatalf("only %d events read: nothing was read ahead, the test proves nothing", n)
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Fatalf("%d goroutines before the import, %d after it", before, after)
	}
}
