package store

import (
	"bytes"
	"path/filepath"
	"testing"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// An event sealed at rest set aside from an abandoned history keeps its
// sealed form: meta never holds its text, and Abandoned still says what
// it was (its header).
func TestSetAsideKeepsSealedEvents(t *testing.T) {
	s := openSite(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	const name = "Phạm Văn Tố"
	_, p, err := s.RecordVisit("lan", VisitInput{
		Visit:      model.Visit{Content: "Hỏi về lương", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: name, BirthYear: 1985}},
		Petition:   &model.Petition{Kind: model.KindComplaint},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.RecordVisit("lan", VisitInput{
		Visit:    model.Visit{Content: "Tố cáo", Outcome: model.OutcomePetition, Persons: p.Senders},
		Petition: &model.Petition{Kind: model.KindDenunciation},
	}); err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
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
