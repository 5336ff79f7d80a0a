package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

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
	var raw []byte
	s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bEvents).Cursor()
		c.First()
		for range 150 {
			c.Next()
		}
		_, v := c.Next()
		raw = append([]byte(nil), v...)
		return nil
	})
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(b, raw)
	if at < 0 {
		t.Fatal("the event is not in the file as stored")
	}
	page := at / 4096 * 4096
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
