package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// visitInTheClear records a new person, named in the clear, who brings a
// complaint, and returns the petition's senders (them).
func visitInTheClear(t *testing.T, s *Store, name string) []string {
	t.Helper()
	_, p, err := s.RecordVisit("lan", VisitInput{
		Visit:      model.Visit{Content: "Hỏi về lương", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: name, BirthYear: 1985}},
		Petition:   &model.Petition{Kind: model.KindComplaint},
	})
	if err != nil {
		t.Fatal(err)
	}
	return p.Senders
}

// denounce records a visit of persons on file who bring a denunciation:
// they become protected, their history sealed at rest.
func denounce(t *testing.T, s *Store, persons []string) {
	t.Helper()
	if _, _, err := s.RecordVisit("lan", VisitInput{
		Visit:    model.Visit{Content: "Tố cáo", Outcome: model.OutcomePetition, Persons: persons},
		Petition: &model.Petition{Kind: model.KindDenunciation},
	}); err != nil {
		t.Fatal(err)
	}
}

// An event sealed at rest set aside from an abandoned history keeps its
// sealed form: meta never holds its text, and Abandoned still says what
// it was (its header).
func TestSetAsideKeepsSealedEvents(t *testing.T) {
	s := openSite(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	const name = "Phạm Văn Tố"
	senders := visitInTheClear(t, s, name)
	denounce(t, s, senders)
	err := s.db.Update(func(tx *bolt.Tx) error {
		var evs []model.Event
		var raws [][]byte
		c := tx.Bucket(bEvents).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if _, sealed := restIDOf(v); sealed {
				e, _ := decodeEvent(v)
				evs, raws = append(evs, e), append(raws, append([]byte(nil), v...))
			}
		}
		if len(evs) == 0 {
			t.Fatal("nothing was sealed at rest: the test would pass for the wrong reason")
		}
		return setAside(tx, evs, raws)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bMeta).Cursor()
		for k, v := c.Seek(abandonedPrefix); k != nil && bytes.HasPrefix(k, abandonedPrefix); k, v = c.Next() {
			if bytes.Contains(v, []byte(name)) {
				t.Errorf("meta %q holds the sealed event's text", k)
			}
		}
		return nil
	})
	if got := s.Abandoned(); len(got) == 0 || got[0].Entity == "" {
		t.Errorf("Abandoned lost the sealed events: %+v", got)
	}
}

// A person known in the clear, with a long history, who denounces: the
// sealing frees the many pages that held their name, more than the
// commits after it take again, and the scrub overwrites them in place.
// While a read is under way the pages are left (the reader may hold
// them) with the mark, and the next write clears them.
func TestScrubClearsFreedPagesInPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	s := openSite(t, path)
	defer s.Close()
	const name = "Phạm Văn Tố"
	senders := visitInTheClear(t, s, name)
	for i := 0; i < 60; i++ {
		if _, _, err := s.RecordVisit("lan", VisitInput{
			Visit:    model.Visit{Content: "Hỏi tiến độ lần " + strconv.Itoa(i), Outcome: model.OutcomePetition, Persons: senders},
			Petition: &model.Petition{Kind: model.KindComplaint, Summary: strings.Repeat("Công ty nợ lương ", 20)},
		}); err != nil {
			t.Fatal(err)
		}
	}
	inFile := func() int {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Count(raw, []byte(name))
	}
	if inFile() < 60 {
		t.Fatalf("the name is in the file %d times: the history is too short to test anything", inFile())
	}
	// A read under way: the scrub leaves the pages and the mark.
	hold, held := make(chan struct{}), make(chan struct{})
	var release sync.Once
	defer release.Do(func() { close(hold) }) // before Close, which waits for it
	go s.db.View(func(*bolt.Tx) error { close(held); <-hold; return nil })
	<-held
	denounce(t, s, senders)
	marked := func() bool {
		var m bool
		s.db.View(func(tx *bolt.Tx) error { m = tx.Bucket(bMeta).Get(keyRestScrub) != nil; return nil })
		return m
	}
	if n := inFile(); n == 0 || !marked() {
		t.Fatalf("with a read under way: the name %d times in the file, marked %v", n, marked())
	}
	release.Do(func() { close(hold) })
	// The next write scrubs.
	if _, err := s.RecordPerson("lan", model.Person{Name: "Nguyễn Văn Khác"}); err != nil {
		t.Fatal(err)
	}
	if n := inFile(); n != 0 || marked() {
		t.Fatalf("after the next write: the name %d times in the file, marked %v", n, marked())
	}
	if probs := s.Check(); len(probs) != 0 {
		t.Fatalf("check: %v", probs)
	}
}
